// Runs before each test file: a fresh database copied from the migrated template, so tests
// in different files never see each other's rows.
import { copyFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, inject } from "vitest";
import pg from "pg";
import { adminPostgresUrl, postgresUrlFor } from "./postgres.ts";

const id = randomBytes(6).toString("hex");
const tmpDir = inject("tmpDir");

process.env.NODE_ENV = "test";
process.env.LOG_LEVEL ??= "silent";
process.env.MAIL_DIR = path.join(tmpDir, `mail-${id}`);
process.env.APP_URL = "http://localhost:3000";
delete process.env.SMTP_URL;

let dropDatabase: (() => Promise<void>) | undefined;

if (process.env.TEST_DATABASE === "postgres") {
  const database = `coop_test_${id}`;
  const admin = new pg.Client({ connectionString: adminPostgresUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database} TEMPLATE ${inject("postgresTemplate")}`);
  await admin.end();
  process.env.DATABASE_URL = postgresUrlFor(database);
  dropDatabase = async () => {
    const client = new pg.Client({ connectionString: adminPostgresUrl() });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await client.end();
  };
} else {
  const file = path.join(tmpDir, `test-${id}.db`);
  copyFileSync(inject("sqliteTemplate"), file);
  process.env.DATABASE_URL = `file:${file}`;
}

afterAll(async () => {
  // The event bus may hold a LISTEN connection (PostgreSQL) that would outlive the database.
  const { closeEventBus } = await import("~/lib/events/index.server.ts");
  await closeEventBus();
  const { db } = await import("~/lib/db.server.ts");
  await db.$disconnect();
  const { closeFastRead } = await import("~/lib/db/fast-read.server.ts");
  await closeFastRead();
  await dropDatabase?.();
});

// The app's job handlers and schedules, as app/entry.server.tsx loads them for the server: tests
// that run due jobs (email delivery, sweeps) find every type defined.
await import("~/modules/jobs.server.ts");
