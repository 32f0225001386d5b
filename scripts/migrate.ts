// `npm run db:migrate`: applies pending migrations to DATABASE_URL (SQLite or PostgreSQL).
import { mkdirSync } from "node:fs";
import path from "node:path";
import { env, isPostgresUrl } from "../app/lib/env.server.ts";
import { migrate, sqliteFilePath } from "../app/lib/db/migrate.server.ts";

const url = env().DATABASE_URL;
if (!isPostgresUrl(url)) mkdirSync(path.dirname(sqliteFilePath(url)), { recursive: true });
const applied = await migrate(url);
console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Database is up to date.");
