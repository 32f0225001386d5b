// Putting work in the durable queue. A job is a row: it survives restarts, and any app
// instance may run it (see runner.server.ts for how instances share the rows).
import { isUniqueViolation } from "../prisma-errors.ts";
import { db, type Db } from "../db.server.ts";

export type EnqueueOptions = {
  /** Not before this time (default: now). */
  runAt?: Date;
  /** At most one job ever exists with this key: enqueueing it again does nothing. */
  uniqueKey?: string;
  /** Runs, including the first, before the job is marked FAILED (default 8). */
  maxAttempts?: number;
};

/** The row to create for a job; for callers that must create it in their own transaction. */
export function jobData(type: string, payload: object, opts: EnqueueOptions = {}) {
  return {
    type,
    payload: JSON.stringify(payload),
    runAt: opts.runAt ?? new Date(),
    uniqueKey: opts.uniqueKey,
    ...(opts.maxAttempts ? { maxAttempts: opts.maxAttempts } : {}),
  };
}

/**
 * Adds a job. The payload is stored as JSON (Dates become ISO strings). Returns null when a job
 * with the same uniqueKey already exists: a duplicate is a no-op, not an error.
 */
export async function enqueueJob(type: string, payload: object, opts: EnqueueOptions = {}, client: Db = db): Promise<{ id: string } | null> {
  try {
    const job = await client.job.create({ data: jobData(type, payload, opts), select: { id: true } });
    if (!opts.runAt || opts.runAt.getTime() <= Date.now()) kickWorker();
    return job;
  } catch (error) {
    // Checked by the database's unique index, so it holds across app instances.
    if (opts.uniqueKey && isUniqueViolation(error)) return null;
    throw error;
  }
}

let kickListener: (() => void) | undefined;

/** Lets a running worker in this process pick up new jobs now instead of at its next poll. */
export function kickWorker() {
  kickListener?.();
}

/** Used by the worker to receive kicks; undefined detaches it. */
export function onKick(listener: (() => void) | undefined) {
  kickListener = listener;
}
