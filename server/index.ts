// Process entry: validate configuration, migrate the SQLite default, serve, shut down gracefully.
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { env as readEnv, isPostgresUrl } from "../app/lib/env.server.ts";
import { migrate, sqliteFilePath } from "../app/lib/db/migrate.server.ts";
import { errorFields, logger } from "../app/lib/logger.server.ts";
import { appServices, createApp } from "./app.ts";

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

const build = (await import(path.resolve("build/index.js"))) as ServerBuild;
const state = { shuttingDown: false };
const app = createApp({ build, env, state });
const services = appServices(build);

const server = app.listen(env.PORT, env.HOST, () => {
  logger.info("listening", { url: `http://${env.HOST === "0.0.0.0" ? "localhost" : env.HOST}:${env.PORT}`, database: sqlite ? "sqlite" : "postgres" });
  // Links in emails use APP_URL: say which, so a wrong public address is noticed before mail goes out.
  logger.info(env.APP_URL_DERIVED ? "links in emails use APP_URL (not set: derived from PORT)" : "links in emails use APP_URL", { appUrl: env.APP_URL });
});
// Keep-alive longer than a typical load balancer's idle timeout avoids spurious 502s.
server.keepAliveTimeout = 65_000;
if (env.WORKER_ENABLED) services.startBackgroundWork();

async function shutdown(signal: string) {
  if (state.shuttingDown) return;
  state.shuttingDown = true;
  logger.info("shutting down", { signal });
  const forced = setTimeout(() => {
    logger.error("shutdown timed out; exiting");
    process.exit(1);
  }, 15_000);
  forced.unref();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  try {
    await services.stopBackgroundWork();
    await services.disconnect();
  } catch (error) {
    logger.error("error during shutdown", errorFields(error));
  }
  await closed;
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
