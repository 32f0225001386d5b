// The fast read path (decision 0029): each dialect's placeholders written in one place, and the
// SQLite handle's statement cache (on a scratch file; both databases: tests/integration/db-fast-read.test.ts).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { createFastReader, render, sql, STATEMENT_CACHE_SIZE } from "~/lib/db/fast-read.server.ts";

describe("fast read placeholders", () => {
  const query = sql`SELECT * FROM "T" WHERE "a" = ${"it's"} AND "b" IN (${[1, 2, 3]}) AND "c" >= ${new Date(0)}`;

  it("writes ? for SQLite and $n for PostgreSQL, a list as one placeholder per value", () => {
    expect(render(query, "sqlite").text).toBe(`SELECT * FROM "T" WHERE "a" = ? AND "b" IN (?, ?, ?) AND "c" >= ?`);
    expect(render(query, "postgres").text).toBe(`SELECT * FROM "T" WHERE "a" = $1 AND "b" IN ($2, $3, $4) AND "c" >= $5`);
  });

  it("keeps values out of the SQL text, in order", () => {
    expect(render(query, "postgres").params).toEqual(["it's", 1, 2, 3, new Date(0)]);
  });
});

describe("fast read on SQLite", () => {
  it("prepares a statement once per SQL text, keeps a bounded number, and reads what another connection wrote", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "fast-read-"));
    const file = path.join(dir, "db.sqlite");
    const writer = new Database(file);
    writer.pragma("journal_mode = WAL");
    writer.exec(`CREATE TABLE "T" ("id" INTEGER PRIMARY KEY, "at" DATETIME, "on" BOOLEAN)`);
    const reader = createFastReader(`file:${file}`);
    try {
      writer.prepare(`INSERT INTO "T" VALUES (1, '2026-01-02T03:04:05.678+00:00', 1)`).run();
      for (let i = 0; i < 3; i++) {
        expect(await reader.one(sql`SELECT "id", "at", "on" FROM "T" WHERE "id" = ${1} AND ${i} >= 0`)).toEqual({ id: 1, at: new Date("2026-01-02T03:04:05.678Z"), on: true });
      }
      expect(reader.statements()).toEqual({ prepared: 1, kept: 1 });
      writer.prepare(`INSERT INTO "T" VALUES (2, NULL, 0)`).run();
      // A list of another length is another statement; the row written meanwhile is there.
      expect(await reader.all(sql`SELECT "id", "at", "on" FROM "T" WHERE "id" IN (${[1, 2]}) ORDER BY "id"`)).toHaveLength(2);
      expect(await reader.one(sql`SELECT "at", "on" FROM "T" WHERE "id" = ${2}`)).toEqual({ at: null, on: false });
      expect(reader.statements().prepared).toBe(3);
      // Distinct SQL texts beyond the bound: the least recently used are let go.
      for (let i = 0; i < STATEMENT_CACHE_SIZE + 10; i++) await reader.one({ strings: [`SELECT ${i} + `, ` AS "n"`], values: [1] });
      expect(reader.statements().kept).toBe(STATEMENT_CACHE_SIZE);
    } finally {
      await reader.close();
      writer.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
