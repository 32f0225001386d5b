// Bulk loading for the scale benchmarks' seed scripts: multi-row INSERTs straight through the
// driver (no Prisma), in one transaction on SQLite, then ANALYZE. `sql` is "INSERT INTO … (cols)";
// each call passes rows of the same width.
import Database from "better-sqlite3";
import pg from "pg";
import { isPostgresUrl } from "../app/lib/env.server.ts";
import { sqliteFilePath } from "../app/lib/db/migrate.server.ts";

export type BulkWriter = { run(sql: string, rows: unknown[][]): Promise<void>; done(): Promise<void> };

/** SQLite hooks: `beforeLoad` runs before the transaction opens, `afterLoad` after it commits (before ANALYZE). */
export type SqliteHooks = { beforeLoad?(db: Database.Database): void; afterLoad?(db: Database.Database): void };

export async function bulkWriter(url: string, hooks: SqliteHooks = {}): Promise<BulkWriter> {
  if (isPostgresUrl(url)) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return {
      async run(sql, rows) {
        if (!rows.length) return;
        const width = rows[0].length;
        const values = rows.map((_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(",")})`).join(",");
        await client.query(`${sql} VALUES ${values}`, rows.flat());
      },
      async done() {
        await client.query("ANALYZE");
        await client.end();
      },
    };
  }
  const db = new Database(sqliteFilePath(url));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -262144");
  hooks.beforeLoad?.(db);
  db.exec("BEGIN");
  const statements = new Map<string, Database.Statement>();
  return {
    async run(sql, rows) {
      if (!rows.length) return;
      const width = rows[0].length;
      const key = `${sql}#${rows.length}`;
      let statement = statements.get(key);
      if (!statement) {
        statement = db.prepare(`${sql} VALUES ${rows.map(() => `(${Array(width).fill("?").join(",")})`).join(",")}`);
        statements.set(key, statement);
      }
      statement.run(rows.flat() as never[]);
    },
    async done() {
      db.exec("COMMIT");
      hooks.afterLoad?.(db);
      db.exec("ANALYZE");
      db.close();
    },
  };
}
