// Migrations that change data, not only the schema: an existing database must come out right.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { migrateSqlite, migrationsDir, readMigrations } from "~/lib/db/migrate.server.ts";

describe("migrating an existing SQLite database", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "coop-migrations-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("removes the community digest job an older version left pending, and keeps every other job", () => {
    const url = `file:${path.join(dir, "old.db")}`;
    const all = readMigrations(migrationsDir(url));
    const cut = all.findIndex((migration) => migration.name.endsWith("_drop_community_digest"));
    expect(cut).toBeGreaterThan(0);
    migrateSqlite(url, all.slice(0, cut));
    const db = new Database(path.join(dir, "old.db"));
    const insert = db.prepare(`INSERT INTO "Job" ("id", "type", "updatedAt") VALUES (?, ?, CURRENT_TIMESTAMP)`);
    insert.run("old-digest", "community.digest");
    insert.run("expiry", "enrolments.expiry");
    db.close();

    expect(migrateSqlite(url)).toContain(all[cut].name);

    const after = new Database(path.join(dir, "old.db"), { readonly: true });
    const types = after.prepare(`SELECT "type" FROM "Job" ORDER BY "type"`).pluck().all();
    const columns = after.prepare(`SELECT "name" FROM pragma_table_info('CommunityProfile')`).pluck().all();
    after.close();
    expect(types).toEqual(["enrolments.expiry"]);
    expect(columns).not.toContain("lastDigestAt");
  });
});
