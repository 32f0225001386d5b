// Process entry (`npm start` runs its bundle, build/server.js): validate configuration, migrate the
// SQLite default once, then either serve in this process (WEB_CONCURRENCY=1) or start the cluster
// supervisor, whose workers come back here and serve.
import cluster from "node:cluster";
import { existsSync, mkdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { env as readEnv, isPostgresUrl } from "../app/lib/env.server.ts";
import { migrate, sqliteFilePath } from "../app/lib/db/migrate.server.ts";
import { logger } from "../app/lib/logger.server.ts";
import { serve } from "./serve.ts";
import { runSupervisor } from "./supervisor.ts";

// Variables already set in the environment win over the .env file.
if (existsSync(".env")) process.loadEnvFile(".env");

let env;
try {
  env = readEnv();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

const sqlite = !isPostgresUrl(env.DATABASE_URL);
const database = sqlite ? "sqlite" : "postgres";
// Every core in production; one process while developing (simpler to debug, restarts faster).
const workers = env.WEB_CONCURRENCY ?? (env.NODE_ENV === "production" ? availableParallelism() : 1);

if (cluster.isPrimary) {
  // Once, before any worker starts: workers never race each other to migrate.
  if (env.MIGRATE_ON_START ?? sqlite) {
    if (sqlite) mkdirSync(path.dirname(sqliteFilePath(env.DATABASE_URL)), { recursive: true });
    try {
      const applied = await migrate(env.DATABASE_URL);
      if (applied.length) logger.info("migrations applied", { applied });
    } catch (error) {
      console.error(`Database migration failed: ${(error as Error).message}`);
      process.exit(1);
    }
  }
}

if (cluster.isPrimary && workers > 1) {
  runSupervisor({
    workers,
    runJobs: env.WORKER_ENABLED,
    url: `http://${env.HOST === "0.0.0.0" ? "localhost" : env.HOST}:${env.PORT}`,
    database,
  });
} else {
  await serve(env, { database });
}
