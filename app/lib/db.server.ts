// The one database client of the app. SQLite (better-sqlite3) by default, PostgreSQL when
// DATABASE_URL is a postgres URL. The app is typed against the SQLite client; the PostgreSQL
// client has the same models and is cast once here (their transaction option types differ).
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/sqlite/client.ts";
import { PrismaClient as PostgresPrismaClient } from "../generated/postgres/client.ts";
import { env, isPostgresUrl } from "./env.server.ts";
import { sqliteFilePath } from "./db/migrate.server.ts";

export type Db = PrismaClient;

export function createDb(url: string): Db {
  if (isPostgresUrl(url)) {
    const adapter = new PrismaPg({ connectionString: url, max: 10 });
    return new PostgresPrismaClient({ adapter }) as unknown as Db;
  }
  const adapter = new PrismaBetterSQLite3({ url: `file:${sqliteFilePath(url)}`, timeout: 5000 });
  return new PrismaClient({ adapter });
}

const globalForDb = globalThis as unknown as { __coopDb?: Db };

/** Shared client; kept on globalThis so development rebuilds do not open new connections. */
export const db: Db = (globalForDb.__coopDb ??= createDb(env().DATABASE_URL));

export function databaseKind(): "sqlite" | "postgres" {
  return isPostgresUrl(env().DATABASE_URL) ? "postgres" : "sqlite";
}

export async function checkDatabase(): Promise<boolean> {
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return true;
  } catch {
    return false;
  }
}
