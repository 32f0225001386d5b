// Runs once per test run: builds a migrated template database, copied for every test file.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { migratePostgres, migrateSqlite } from "../../app/lib/db/migrate.server.ts";
import { adminPostgresUrl, postgresUrlFor } from "./postgres.ts";
import pg from "pg";

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "coop-test-"));
  project.provide("tmpDir", dir);
  if (process.env.TEST_DATABASE === "postgres") {
    const template = `coop_template_${process.pid}`;
    const admin = new pg.Client({ connectionString: adminPostgresUrl() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${template}`);
    await migratePostgres(postgresUrlFor(template));
    project.provide("postgresTemplate", template);
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
      await admin.end();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const template = path.join(dir, "template.db");
  migrateSqlite(`file:${template}`);
  project.provide("sqliteTemplate", template);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    tmpDir: string;
    sqliteTemplate: string;
    postgresTemplate: string;
  }
}
