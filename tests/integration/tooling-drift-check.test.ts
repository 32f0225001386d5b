// The schema-drift check (scripts/check-drift.ts, run by CI) must notice when prisma/schema.prisma and
// the checked-in migrations disagree. Runs against the database of the current suite: SQLite by
// default, PostgreSQL with TEST_DATABASE=postgres.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkDerivedPgSchema, checkPostgres, checkSqlite, derivePgSchema } from "../../scripts/check-drift.ts";

const postgres = process.env.TEST_DATABASE === "postgres";
const provider = postgres ? "PostgreSQL" : "SQLite";
const scratch = mkdtempSync(path.join(os.tmpdir(), "coop-drift-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const check = (options: { schema?: string; migrations?: string }) =>
  postgres
    ? checkPostgres({ pgSchema: options.schema ? derivedCopy(options.schema) : undefined, pgMigrations: options.migrations })
    : checkSqlite({ schema: options.schema, migrations: options.migrations });

/** The PostgreSQL schema derived from a (modified) SQLite schema copy, as `npm run db:pg-schema` would write it. */
function derivedCopy(sqliteSchema: string) {
  const file = path.join(path.dirname(sqliteSchema), "derived-postgres.prisma");
  writeFileSync(file, derivePgSchema(sqliteSchema));
  return file;
}

/** A copy of prisma/schema.prisma with `edit` applied. */
function schemaCopy(name: string, edit: (schema: string) => string) {
  const dir = path.join(scratch, name);
  mkdirSync(dir, { recursive: true });
  const original = readFileSync("prisma/schema.prisma", "utf8");
  const edited = edit(original);
  expect(edited).not.toBe(original);
  const file = path.join(dir, "schema.prisma");
  writeFileSync(file, edited);
  return file;
}

describe(`schema drift check on ${provider}`, () => {
  it("finds no drift between the checked-in schema and migrations", async () => {
    expect(await check({})).toEqual([]);
  }, 60_000);

  it("reports a column that is in the schema but in no migration", async () => {
    const schema = schemaCopy("extra-column", (text) => text.replace(/^(model User \{\n)/m, "$1  nickname String @default(\"anonimo\")\n"));
    const differences = await check({ schema });
    expect(differences).toHaveLength(1);
    expect(differences[0]).toMatch(/^\+ column User\.nickname: text NOT NULL DEFAULT 'anonimo'/i);
  }, 60_000);

  it("reports an index that a migration creates and the schema does not declare", async () => {
    const migrations = path.join(scratch, "extra-index-migrations");
    cpSync(postgres ? "prisma/postgres/migrations" : "prisma/migrations", migrations, { recursive: true });
    mkdirSync(path.join(migrations, "20991231000000_extra_index"));
    writeFileSync(path.join(migrations, "20991231000000_extra_index/migration.sql"), `CREATE INDEX "User_name_idx" ON "User"("name");\n`);
    const differences = await check({ migrations });
    expect(differences).toEqual([expect.stringMatching(/^- index User\.User_name_idx: .*\(.*name.*\)/)]);
  }, 60_000);
});

describe("derived PostgreSQL schema check", () => {
  it("reports a prisma/postgres/schema.prisma that was not regenerated after a schema change", () => {
    const schema = schemaCopy("stale-derived", (text) => text.replace(/^(model User \{\n)/m, "$1  nickname String?\n"));
    const differences = checkDerivedPgSchema({ schema });
    expect(differences.length).toBeGreaterThan(0);
    expect(differences.join("\n")).toContain("nickname String?");
  });
});
