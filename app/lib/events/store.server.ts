// Stored events: every event is written before anyone hears of it, so a subscriber that missed a
// notice (a dropped connection, another worker, another machine) reads it from here.
//
// Sequence numbers are per stream and handed out by a counter row that the writing transaction
// locks (INSERT ... ON CONFLICT DO UPDATE ... RETURNING, the same SQL on SQLite and PostgreSQL).
// The next writer of the same stream waits for that lock, so seq order is commit order: a reader
// that has seen seq N will never later find an N-1 that committed after it looked. A global
// autoincrement id would not give that on PostgreSQL (ids are taken before commit, out of order),
// and Last-Event-ID replay would then lose events. Gap-free numbers also make "nothing lost"
// checkable.
import type { Prisma } from "../../generated/sqlite/client.ts";
import type { Db } from "../db.server.ts";
import { fastRead, sql } from "../db/fast-read.server.ts";

export type Tx = Prisma.TransactionClient;

export type StoredEvent = {
  stream: string;
  seq: number;
  type: string;
  /** The event's JSON, as stored. */
  data: string;
  createdAt: Date;
};

/**
 * Stores an event. `within` runs first in the same transaction: the change the event announces
 * (a row, an audit entry) and the event are committed together or not at all, in one commit.
 */
export async function appendEvent(db: Db, stream: string, type: string, data: unknown, within?: (tx: Tx) => Promise<void>): Promise<StoredEvent> {
  const json = JSON.stringify(data ?? null);
  return db.$transaction(async (tx) => {
    await within?.(tx);
    const rows = await tx.$queryRaw<{ lastSeq: number | bigint }[]>`
      INSERT INTO "EventStream" ("stream", "lastSeq") VALUES (${stream}, 1)
      ON CONFLICT ("stream") DO UPDATE SET "lastSeq" = "EventStream"."lastSeq" + 1
      RETURNING "lastSeq"`;
    const seq = Number(rows[0].lastSeq);
    const createdAt = await insertEvent(tx, stream, seq, type, json);
    return { stream, seq, type, data: json, createdAt };
  });
}

/**
 * The event's row, with a raw statement: every chat message and vote count is one, and Prisma's
 * query compiler cost several times the insert (webinar live page, decision 0027).
 */
async function insertEvent(tx: Tx, stream: string, seq: number, type: string, json: string): Promise<Date> {
  const createdAt = new Date();
  await tx.$executeRaw`
    INSERT INTO "Event" ("stream", "seq", "type", "data", "createdAt") VALUES (${stream}, ${seq}, ${type}, ${json}, ${createdAt})`;
  return createdAt;
}

/**
 * Stores an event whose data is known only after the writes (a counter's new value, a new row's
 * id): `write` runs in the transaction and returns the event's data, so the stored data matches
 * what was committed, in commit order.
 */
export async function appendComputedEvent<D>(db: Db, stream: string, type: string, write: (tx: Tx) => Promise<D>): Promise<StoredEvent & { value: D }> {
  return db.$transaction(async (tx) => {
    const value = await write(tx);
    const json = JSON.stringify(value ?? null);
    const rows = await tx.$queryRaw<{ lastSeq: number | bigint }[]>`
      INSERT INTO "EventStream" ("stream", "lastSeq") VALUES (${stream}, 1)
      ON CONFLICT ("stream") DO UPDATE SET "lastSeq" = "EventStream"."lastSeq" + 1
      RETURNING "lastSeq"`;
    const seq = Number(rows[0].lastSeq);
    const createdAt = await insertEvent(tx, stream, seq, type, json);
    return { stream, seq, type, data: json, createdAt, value };
  });
}

/** Events of `stream` after `afterSeq`, oldest first. */
export async function readAfter(db: Db, stream: string, afterSeq: number, limit = 500): Promise<StoredEvent[]> {
  const rows = await db.event.findMany({
    where: { stream, seq: { gt: afterSeq } },
    orderBy: { seq: "asc" },
    take: limit,
    select: { stream: true, seq: true, type: true, data: true, createdAt: true },
  });
  return rows;
}

/** The last sequence number handed out for `stream` (0 for a stream never written). */
export async function latestSeq(db: Db, stream: string): Promise<number> {
  const row = await db.eventStream.findUnique({ where: { stream } });
  return row?.lastSeq ?? 0;
}

/**
 * latestSeq in the app's own database on the fast read path (decision 0029), for what a page
 * reads on every request (the community badge). Committed positions only, as latestSeq.
 */
export async function latestSeqFast(stream: string): Promise<number> {
  const row = await fastRead().one<{ lastSeq: number }>(sql`SELECT "lastSeq" FROM "EventStream" WHERE "stream" = ${stream}`);
  return row?.lastSeq ?? 0;
}
