// `npm run db:check-drift`: fails when prisma/schema.prisma and the checked-in migrations disagree,
// for SQLite and PostgreSQL, or when prisma/postgres/schema.prisma is stale.
//
// Prisma 6.19's `migrate diff --from-migrations` / `--from-url` do not work offline with the driver-adapter
// config (docs/decisions/0005-testing.md), so each provider gets two fresh databases: one built by the app's
// own migrator from the migration.sql files, one built from the SQL that `prisma migrate diff --from-empty
// --to-schema-datamodel` writes for the schema. Their structures (columns, indexes, foreign keys,
// constraints, enums) must be identical.
//
// Options: --only sqlite|postgres, --schema <sqlite schema>, --pg-schema <derived schema>,
// --migrations <dir>, --pg-migrations <dir>. PostgreSQL server: DRIFT_POSTGRES_URL, else TEST_POSTGRES_URL,
// else postgresql://postgres@127.0.0.1:5432/postgres (needs CREATE DATABASE rights).
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import pg from "pg";
import { migratePostgres, migrateSqlite, readMigrations } from "../app/lib/db/migrate.server.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PRISMA_CLI = createRequire(import.meta.url).resolve("prisma/build/index.js");
// Absolute, so scripts run from a scratch folder still find the TypeScript loader.
const TSX_LOADER = pathToFileURL(path.join(ROOT, "node_modules/tsx/dist/loader.mjs")).href;
const IGNORED_TABLES = new Set(["_prisma_migrations"]);
// Full-text search objects are written by hand in migration SQL (an FTS5 virtual table with its
// shadow tables, a generated tsvector column and its GIN index): Prisma cannot describe them, so
// anything whose name contains "_fts" is left out of the comparison.
const isFullTextObject = (key: string) => /_fts/.test(key);

/** A database's structure as "what" -> "how", e.g. `column User.email` -> `TEXT NOT NULL`. */
export type Structure = Map<string, string>;

export type DriftOptions = {
  schema?: string;
  pgSchema?: string;
  migrations?: string;
  pgMigrations?: string;
  postgresUrl?: string;
};

const defaults = (options: DriftOptions) => ({
  schema: path.resolve(options.schema ?? path.join(ROOT, "prisma/schema.prisma")),
  pgSchema: path.resolve(options.pgSchema ?? path.join(ROOT, "prisma/postgres/schema.prisma")),
  migrations: path.resolve(options.migrations ?? path.join(ROOT, "prisma/migrations")),
  pgMigrations: path.resolve(options.pgMigrations ?? path.join(ROOT, "prisma/postgres/migrations")),
  postgresUrl: options.postgresUrl ?? process.env.DRIFT_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
});

// ---------------------------------------------------------------------------------------------
// Describing a database

export function describeSqlite(file: string): Structure {
  const db = new Database(file, { readonly: true });
  try {
    const structure: Structure = new Map();
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      .all() as { name: string }[];
    for (const { name: table } of tables) {
      if (IGNORED_TABLES.has(table)) continue;
      structure.set(`table ${table}`, "exists");
      const columns = db.prepare(`SELECT * FROM pragma_table_info(?)`).all(table) as {
        name: string; type: string; notnull: number; dflt_value: string | null; pk: number;
      }[];
      for (const column of columns) {
        structure.set(
          `column ${table}.${column.name}`,
          `${column.type}${column.notnull ? " NOT NULL" : ""}${column.dflt_value !== null ? ` DEFAULT ${column.dflt_value}` : ""}${column.pk ? ` PRIMARY KEY(${column.pk})` : ""}`,
        );
      }
      const indexes = db.prepare(`SELECT * FROM pragma_index_list(?)`).all(table) as {
        name: string; unique: number; origin: string; partial: number;
      }[];
      for (const index of indexes) {
        const columnsOfIndex = (db.prepare(`SELECT * FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno`).all(index.name) as {
          name: string | null; desc: number; coll: string;
        }[]).map((c) => `${c.name ?? "<expression>"}${c.desc ? " DESC" : ""}${c.coll !== "BINARY" ? ` COLLATE ${c.coll}` : ""}`);
        // SQLite names the indexes behind inline PRIMARY KEY/UNIQUE itself; identify those by their columns.
        const key = index.name.startsWith("sqlite_autoindex_") ? `index ${table}(${columnsOfIndex.join(", ")}) [${index.origin}]` : `index ${table}.${index.name}`;
        structure.set(key, `${index.unique ? "UNIQUE " : ""}(${columnsOfIndex.join(", ")})${index.partial ? " PARTIAL" : ""}`);
      }
      const foreignKeys = db.prepare(`SELECT * FROM pragma_foreign_key_list(?) ORDER BY id, seq`).all(table) as {
        id: number; table: string; from: string; to: string | null; on_update: string; on_delete: string;
      }[];
      const grouped = new Map<number, typeof foreignKeys>();
      for (const fk of foreignKeys) grouped.set(fk.id, [...(grouped.get(fk.id) ?? []), fk]);
      for (const parts of grouped.values()) {
        const first = parts[0];
        structure.set(
          `foreign key ${table}(${parts.map((p) => p.from).join(", ")})`,
          `REFERENCES ${first.table}(${parts.map((p) => p.to ?? "<pk>").join(", ")}) ON DELETE ${first.on_delete} ON UPDATE ${first.on_update}`,
        );
      }
    }
    for (const key of [...structure.keys()]) if (isFullTextObject(key)) structure.delete(key);
    return structure;
  } finally {
    db.close();
  }
}

export async function describePostgres(url: string): Promise<Structure> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const structure: Structure = new Map();
    const skip = [...IGNORED_TABLES];
    const columns = await client.query<{
      table_name: string; column_name: string; data_type: string; udt_name: string; is_nullable: string;
      column_default: string | null; character_maximum_length: number | null; numeric_precision: number | null; numeric_scale: number | null;
    }>(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, character_maximum_length, numeric_precision, numeric_scale
         FROM information_schema.columns WHERE table_schema = 'public' AND NOT (table_name = ANY($1)) ORDER BY table_name, column_name`,
      [skip],
    );
    for (const c of columns.rows) {
      structure.set(`table ${c.table_name}`, "exists");
      const size = c.character_maximum_length ?? (c.data_type === "numeric" && c.numeric_precision ? `${c.numeric_precision},${c.numeric_scale}` : null);
      structure.set(
        `column ${c.table_name}.${c.column_name}`,
        `${c.data_type === "USER-DEFINED" || c.data_type === "ARRAY" ? `${c.data_type}:${c.udt_name}` : c.data_type}${size ? `(${size})` : ""}${c.is_nullable === "NO" ? " NOT NULL" : ""}${c.column_default !== null ? ` DEFAULT ${c.column_default}` : ""}`,
      );
    }
    const indexes = await client.query<{ tablename: string; indexname: string; indexdef: string }>(
      `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND NOT (tablename = ANY($1))`,
      [skip],
    );
    for (const index of indexes.rows) structure.set(`index ${index.tablename}.${index.indexname}`, index.indexdef);
    const constraints = await client.query<{ table_name: string; conname: string; definition: string }>(
      `SELECT rel.relname AS table_name, con.conname, pg_get_constraintdef(con.oid) AS definition
         FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid JOIN pg_namespace ns ON ns.oid = rel.relnamespace
        WHERE ns.nspname = 'public' AND NOT (rel.relname = ANY($1))`,
      [skip],
    );
    for (const con of constraints.rows) structure.set(`constraint ${con.table_name}.${con.conname}`, con.definition);
    const enums = await client.query<{ name: string; labels: string[] }>(
      `SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS labels
         FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace ns ON ns.oid = t.typnamespace
        WHERE ns.nspname = 'public' GROUP BY t.typname`,
    );
    for (const en of enums.rows) structure.set(`enum ${en.name}`, en.labels.join(", "));
    for (const key of [...structure.keys()]) if (isFullTextObject(key)) structure.delete(key);
    return structure;
  } finally {
    await client.end();
  }
}

/** Readable differences between the database the migrations build and the one the schema describes. */
export function compareStructures(fromMigrations: Structure, fromSchema: Structure): string[] {
  const keys = [...new Set([...fromMigrations.keys(), ...fromSchema.keys()])].sort();
  const lines: string[] = [];
  for (const key of keys) {
    const migrated = fromMigrations.get(key);
    const wanted = fromSchema.get(key);
    if (migrated === wanted) continue;
    if (migrated === undefined) lines.push(`+ ${key}: ${wanted}   (in the schema, missing from the migrations)`);
    else if (wanted === undefined) lines.push(`- ${key}: ${migrated}   (made by the migrations, not in the schema)`);
    else lines.push(`~ ${key}:\n    migrations: ${migrated}\n    schema:     ${wanted}`);
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------
// The SQL Prisma would write for a schema

/**
 * Runs `prisma migrate diff --from-empty --to-schema-datamodel <schema> --script`. The PostgreSQL
 * CLI keeps running 10-60 s after printing (its connection pool idles), so once it has printed and
 * gone quiet we take the output and stop it. A cut-short script could only make the check fail,
 * never pass: the structures would differ.
 */
export function schemaSql(provider: "sqlite" | "postgres", schema: string, databaseUrl?: string): Promise<string> {
  const args = [PRISMA_CLI, "migrate", "diff", "--from-empty", "--to-schema-datamodel", schema, "--script"];
  if (provider === "postgres") args.push("--config", path.join(ROOT, "prisma.pg.config.ts"));
  else args.push("--config", path.join(ROOT, "prisma.config.ts"));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}), PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let settled = false;
    let quiet: NodeJS.Timeout | undefined;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      clearTimeout(quiet);
      if (child.exitCode === null) child.kill("SIGKILL");
      if (error) reject(error);
      else resolve(stdout);
    };
    const deadline = setTimeout(() => finish(new Error(`prisma migrate diff (${provider}) timed out after 120 s.\n${stderr}`)), 120_000);
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      clearTimeout(quiet);
      if (provider === "postgres") quiet = setTimeout(() => stdout.endsWith("\n") && finish(), 2_000);
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", (error) => finish(error));
    child.on("close", (code) => {
      if (code === 0) finish();
      else finish(new Error(`prisma migrate diff (${provider}) exited with ${code}:\n${stderr}`));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The checks

function tempDir() {
  return mkdtempSync(path.join(os.tmpdir(), "coop-drift-"));
}

export async function checkSqlite(options: DriftOptions = {}): Promise<string[]> {
  const { schema, migrations } = defaults(options);
  const dir = tempDir();
  try {
    const migratedFile = path.join(dir, "migrated.db");
    migrateSqlite(`file:${migratedFile}`, readMigrations(migrations));
    const schemaFile = path.join(dir, "schema.db");
    const db = new Database(schemaFile);
    try {
      db.exec(await schemaSql("sqlite", schema));
    } finally {
      db.close();
    }
    return compareStructures(describeSqlite(migratedFile), describeSqlite(schemaFile));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Creates a fresh database on the server, hands its URL to `run`, then drops it. */
export async function withTempPostgres<T>(adminUrl: string, run: (url: string) => Promise<T>): Promise<T> {
  const name = `coop_drift_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`Cannot reach PostgreSQL at ${adminUrl} (${(error as Error).message}). Start it or set DRIFT_POSTGRES_URL.`);
  }
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return await run(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    await admin.end();
  }
}

export async function runPostgresScript(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // The simple query protocol runs a whole script in one go.
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function checkPostgres(options: DriftOptions = {}): Promise<string[]> {
  const { pgSchema, pgMigrations, postgresUrl } = defaults(options);
  const migrated = await withTempPostgres(postgresUrl, async (url) => {
    await migratePostgres(url, readMigrations(pgMigrations));
    return describePostgres(url);
  });
  const wanted = await withTempPostgres(postgresUrl, async (url) => {
    await runPostgresScript(url, await schemaSql("postgres", pgSchema, url));
    return describePostgres(url);
  });
  return compareStructures(migrated, wanted);
}

/** The PostgreSQL schema scripts/derive-pg-schema.ts would write for `schema` (run in a scratch folder). */
export function derivePgSchema(schema: string): string {
  const dir = tempDir();
  try {
    mkdirSync(path.join(dir, "prisma"));
    copyFileSync(schema, path.join(dir, "prisma/schema.prisma"));
    const result = spawnSync(process.execPath, ["--import", TSX_LOADER, path.join(ROOT, "scripts/derive-pg-schema.ts")], { cwd: dir, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`scripts/derive-pg-schema.ts failed:\n${result.stderr}`);
    return readFileSync(path.join(dir, "prisma/postgres/schema.prisma"), "utf8");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function checkDerivedPgSchema(options: DriftOptions = {}): string[] {
  const { schema, pgSchema } = defaults(options);
  const expected = derivePgSchema(schema).split("\n");
  const actual = readFileSync(pgSchema, "utf8").split("\n");
  const lines: string[] = [];
  for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
    if (expected[i] === actual[i]) continue;
    lines.push(`line ${i + 1}:\n    derived:    ${expected[i] ?? "<end of file>"}\n    checked in: ${actual[i] ?? "<end of file>"}`);
    if (lines.length === 10) {
      lines.push("… (more lines differ)");
      break;
    }
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Command line

function option(name: string) {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

async function main() {
  const only = option("--only");
  const options: DriftOptions = {
    schema: option("--schema"),
    pgSchema: option("--pg-schema"),
    migrations: option("--migrations"),
    pgMigrations: option("--pg-migrations"),
  };
  const checks: [string, () => Promise<string[]> | string[]][] = [];
  if (!only || only === "postgres") {
    checks.push(["prisma/postgres/schema.prisma is derived from prisma/schema.prisma (npm run db:pg-schema)", () => checkDerivedPgSchema(options)]);
  }
  if (!only || only === "sqlite") checks.push(["SQLite: migrations match the schema", () => checkSqlite(options)]);
  if (!only || only === "postgres") checks.push(["PostgreSQL: migrations match the schema", () => checkPostgres(options)]);

  let failed = 0;
  for (const [title, run] of checks) {
    const started = Date.now();
    try {
      const differences = await run();
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (differences.length === 0) {
        console.log(`ok   ${title} (${seconds} s)`);
      } else {
        failed++;
        console.log(`FAIL ${title} (${seconds} s)\n${differences.map((line) => `  ${line}`).join("\n")}`);
      }
    } catch (error) {
      failed++;
      console.log(`FAIL ${title}: ${(error as Error).message}`);
    }
  }
  if (failed) {
    console.log(
      "\nSchema drift found. Before the first release: `bash scripts/regen-init-migration.sh`. After it: add a migration " +
        "(`prisma migrate diff --from-schema-datamodel <old> --to-schema-datamodel prisma/schema.prisma --script`).",
    );
    process.exit(1);
  }
  console.log("No schema drift.");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
