// Prisma CLI configuration for the SQLite schema (the default database).
// Prisma 6.19 with the JavaScript schema engine works offline (see docs/decisions/0002-migrations.md).
import { defineConfig } from "prisma/config";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  // The CLI only needs a database for commands that read one (e.g. `migrate status`): give it
  // DATABASE_URL then. `migrate diff --from-empty` needs none, and an in-memory database keeps it
  // working on a fresh clone where data/ does not exist yet.
  async adapter() {
    const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
    const url = process.env.DATABASE_URL;
    return new PrismaBetterSQLite3({ url: url?.startsWith("file:") ? url : ":memory:" });
  },
});
