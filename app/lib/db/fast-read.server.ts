// A small read path for the hottest pages, beside Prisma (docs/decisions/0029-fast-read-path.md).
// On SQLite a second better-sqlite3 handle on the same file, read-only, with its prepared
// statements kept by SQL text (WAL lets it read while Prisma's connection writes); on PostgreSQL
// a small `pg` pool whose sessions are read-only. Through Prisma each statement costs its client
// pipeline, the query compiler and (SQLite) a fresh `prepare`: several times the statement itself.
//
// Rules: reads only (both handles refuse writes); never inside a Prisma transaction (this path
// sees only what is committed); only where a profile shows Prisma's cost matters.
//
// One API for both databases: `fastRead.all(sql\`… ${value} …\`)`. Values become bound
// parameters (never text in the SQL); an array becomes a list of them, for `IN (${ids})`. Rows come
// back normalized the same way on both: DateTime columns as Date, Boolean columns as boolean,
// integers and counts as number.
import Database from "better-sqlite3";
import pg from "pg";
import { env, isPostgresUrl } from "../env.server.ts";
import { sqliteFilePath } from "./migrate.server.ts";

export type FastValue = string | number | bigint | boolean | Date | null;

/** A statement with its values, built by the `sql` tag; rendered for a dialect by `render`. */
export type FastSql = { readonly strings: readonly string[]; readonly values: readonly (FastValue | readonly FastValue[])[] };

export function sql(strings: TemplateStringsArray, ...values: (FastValue | readonly FastValue[])[]): FastSql {
  return { strings: [...strings], values };
}

/** The one place placeholders are written: `?` for SQLite, `$1…` for PostgreSQL; arrays expand to a list. */
export function render(query: FastSql, dialect: "sqlite" | "postgres"): { text: string; params: FastValue[] } {
  const params: FastValue[] = [];
  const placeholder = (value: FastValue) => {
    params.push(value);
    return dialect === "sqlite" ? "?" : `$${params.length}`;
  };
  let text = query.strings[0];
  query.values.forEach((value, index) => {
    if (Array.isArray(value)) {
      // An empty list would be a syntax error (`IN ()`): the caller knows there is nothing to read.
      if (!value.length) throw new Error("fastRead: an empty list of values");
      text += value.map(placeholder).join(", ");
    } else {
      text += placeholder(value as FastValue);
    }
    text += query.strings[index + 1];
  });
  return { text, params };
}

export interface FastReader {
  readonly dialect: "sqlite" | "postgres";
  all<T>(query: FastSql): Promise<T[]>;
  one<T>(query: FastSql): Promise<T | undefined>;
  /** SQLite: statements prepared since opening, and how many are kept now (PostgreSQL: zeros). */
  statements(): { prepared: number; kept: number };
  close(): Promise<void>;
}

// ---- SQLite ---------------------------------------------------------------------------------------

/** Prisma's SQLite adapter writes DateTime as ISO text with "+00:00"; comparisons are textual, so parameters must match it. */
export const sqliteDateText = (date: Date) => date.toISOString().replace("Z", "+00:00");

const sqliteParam = (value: FastValue) => (value instanceof Date ? sqliteDateText(value) : typeof value === "boolean" ? (value ? 1 : 0) : value);

type Converter = (value: unknown) => unknown;
const toDate: Converter = (value) => (value === null || value instanceof Date ? value : new Date(value as string));
const toBoolean: Converter = (value) => (value === null ? null : Boolean(Number(value)));

type Prepared = { statement: Database.Statement; convert: [string, Converter][] };

/** How many distinct statements the SQLite handle keeps prepared (lists of different lengths are distinct). */
export const STATEMENT_CACHE_SIZE = 200;

class SqliteReader implements FastReader {
  readonly dialect = "sqlite" as const;
  private readonly handle: Database.Database;
  private readonly cache = new Map<string, Prepared>();
  private prepares = 0;

  constructor(file: string) {
    // Not `readonly: true`: such a handle cannot create the WAL index files when it opens first;
    // `query_only` refuses writes all the same.
    this.handle = new Database(file);
    this.handle.pragma("busy_timeout = 5000");
    this.handle.pragma("query_only = ON");
  }

  private prepared(text: string): Prepared {
    let entry = this.cache.get(text);
    if (entry) {
      // Most recently used last: the oldest is the first evicted.
      this.cache.delete(text);
      this.cache.set(text, entry);
      return entry;
    }
    const statement = this.handle.prepare(text);
    if (!statement.reader) throw new Error("fastRead is for reads only");
    this.prepares++;
    // The declared type of each result column (null for expressions) says how to read it back.
    const convert: [string, Converter][] = [];
    for (const column of statement.columns()) {
      const type = column.type?.toUpperCase();
      if (type === "DATETIME") convert.push([column.name, toDate]);
      else if (type === "BOOLEAN") convert.push([column.name, toBoolean]);
    }
    entry = { statement, convert };
    this.cache.set(text, entry);
    if (this.cache.size > STATEMENT_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    return entry;
  }

  private run(query: FastSql): unknown[] {
    const { text, params } = render(query, "sqlite");
    const { statement, convert } = this.prepared(text);
    const rows = statement.all(...params.map(sqliteParam)) as Record<string, unknown>[];
    if (convert.length) for (const row of rows) for (const [name, to] of convert) row[name] = to(row[name]);
    return rows;
  }

  async all<T>(query: FastSql): Promise<T[]> {
    return this.run(query) as T[];
  }

  async one<T>(query: FastSql): Promise<T | undefined> {
    return this.run(query)[0] as T | undefined;
  }

  statements() {
    return { prepared: this.prepares, kept: this.cache.size };
  }

  async close() {
    this.cache.clear();
    this.handle.close();
  }
}

// ---- PostgreSQL -----------------------------------------------------------------------------------

// Prisma maps DateTime to `timestamp(3)` (no time zone) holding UTC; pg would read it as local time.
const TIMESTAMP = 1114;
const INT8 = 20;
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === TIMESTAMP) return (value: string) => new Date(`${value.replace(" ", "T")}Z`);
    // COUNT(*) and other bigints: counts here are far below 2^53.
    if (oid === INT8) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

// A Date parameter as UTC text: casting it to `timestamp` keeps the UTC clock time (pg would send local time).
const postgresParam = (value: FastValue) => (value instanceof Date ? value.toISOString() : typeof value === "bigint" ? value.toString() : value);

class PostgresReader implements FastReader {
  readonly dialect = "postgres" as const;
  private readonly pool: pg.Pool;

  constructor(url: string) {
    // Few connections: these statements take a millisecond; Prisma keeps its own pool of 10 for the rest.
    this.pool = new pg.Pool({ connectionString: url, max: 4, types, options: "-c default_transaction_read_only=on" });
    // An idle connection the server closes must not crash the process; the next query opens another.
    this.pool.on("error", () => {});
  }

  async all<T>(query: FastSql): Promise<T[]> {
    const { text, params } = render(query, "postgres");
    return (await this.pool.query(text, params.map(postgresParam))).rows as T[];
  }

  async one<T>(query: FastSql): Promise<T | undefined> {
    return (await this.all<T>(query))[0];
  }

  statements() {
    return { prepared: 0, kept: 0 };
  }

  async close() {
    await this.pool.end();
  }
}

// ---- the shared reader ----------------------------------------------------------------------------

export function createFastReader(url: string): FastReader {
  return isPostgresUrl(url) ? new PostgresReader(url) : new SqliteReader(sqliteFilePath(url));
}

const holder = globalThis as unknown as { __coopFastRead?: FastReader };

/** The app's reader on DATABASE_URL, opened on first use (kept on globalThis like `db`). */
export function fastRead(): FastReader {
  return (holder.__coopFastRead ??= createFastReader(env().DATABASE_URL));
}

export async function closeFastRead() {
  const reader = holder.__coopFastRead;
  holder.__coopFastRead = undefined;
  await reader?.close();
}
