// Claims due jobs and runs them. Several app instances (and several loops in one instance) may
// call runDueJobs at once: a job is claimed by one conditional UPDATE that only one caller can win
// (the row must still be PENDING, or RUNNING with an expired lease), so each run happens once.
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { db as defaultDb, type Db } from "../db.server.ts";
import { errorFields, logger } from "../logger.server.ts";
import { retryDelayMs } from "./backoff.ts";
import { PermanentJobError, definedJobTypes, jobDefinition, type JobDefinition } from "./define.server.ts";

// Which job types exist is decided at the app's edge (app/modules/jobs.server.ts imports every
// module's registrations): this file runs whatever has been defined and imports no module.

export type RunOptions = {
  /** The clock used for due times, leases and back-off (tests pass a later time instead of waiting). */
  now?: Date;
  /** Most jobs to claim in this call (default 100). */
  limit?: number;
  /** Jobs run at the same time (default 4). */
  concurrency?: number;
  /** Names this runner in the lockedBy column (default: host, process and a random part). */
  workerId?: string;
  /** Stop claiming new jobs once aborted; jobs already running finish. */
  signal?: AbortSignal;
  /** Another database connection, as a second app instance would have (tests). */
  client?: Db;
  random?: () => number;
};

export type RunSummary = { claimed: number; done: number; retried: number; failed: number };

export function newWorkerId() {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

/** Why an attempt was abandoned: it ran past its job type's time limit. */
export class JobTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`time limit of ${timeoutMs} ms exceeded; attempt abandoned`);
    this.name = "JobTimeoutError";
  }
}

type ClaimedJob = { id: string; type: string; payload: string; attempts: number; maxAttempts: number };

function claimableWhere(now: Date) {
  return {
    type: { in: definedJobTypes() },
    OR: [
      { status: "PENDING" as const, runAt: { lte: now } },
      // A RUNNING job whose lease ran out belongs to an instance that crashed or hung.
      { status: "RUNNING" as const, lockedUntil: { lt: now } },
    ],
  };
}

async function claimNext(client: Db, workerId: string, now: Date): Promise<ClaimedJob | null> {
  for (;;) {
    const candidates = await client.job.findMany({
      where: claimableWhere(now),
      orderBy: { runAt: "asc" },
      take: 10,
      select: { id: true, type: true },
    });
    if (candidates.length === 0) return null;
    for (const candidate of candidates) {
      const leaseMs = jobDefinition(candidate.type)?.leaseMs ?? 0;
      const { count } = await client.job.updateMany({
        where: { id: candidate.id, ...claimableWhere(now) },
        data: { status: "RUNNING", lockedBy: workerId, lockedUntil: new Date(now.getTime() + leaseMs), attempts: { increment: 1 } },
      });
      if (count === 1) {
        return client.job.findUniqueOrThrow({
          where: { id: candidate.id },
          select: { id: true, type: true, payload: true, attempts: true, maxAttempts: true },
        });
      }
      // Another runner won this one: try the next candidate.
    }
  }
}

/**
 * Renews the lease while a long job runs, so no other instance takes it over; never beyond the
 * attempt's time limit plus one lease, so even a renewal that outlives an abandoned attempt cannot
 * hold the job forever.
 */
function keepLease(client: Db, job: ClaimedJob, definition: JobDefinition, workerId: string, claimedAt: Date) {
  const started = Date.now();
  const latest = claimedAt.getTime() + definition.timeoutMs + definition.leaseMs;
  const timer = setInterval(() => {
    const lockedUntil = new Date(Math.min(latest, claimedAt.getTime() + (Date.now() - started) + definition.leaseMs));
    client.job
      .updateMany({ where: { id: job.id, lockedBy: workerId, status: "RUNNING" }, data: { lockedUntil } })
      .catch((error) => logger.warn("job lease renewal failed", { jobId: job.id, ...errorFields(error) }));
  }, Math.max(1000, definition.leaseMs / 3));
  timer.unref();
  return () => clearInterval(timer);
}

async function runClaimed(client: Db, job: ClaimedJob, workerId: string, now: Date, random: () => number): Promise<"done" | "retried" | "failed"> {
  const mine = { id: job.id, lockedBy: workerId, status: "RUNNING" as const };
  const definition = jobDefinition(job.type)!;
  const fields = { jobId: job.id, type: job.type, attempt: job.attempts, workerId };

  // Reclaimed after the instance running its last attempt died: do not run it again.
  if (job.attempts > job.maxAttempts) {
    await client.job.updateMany({
      where: mine,
      data: { status: "FAILED", lockedBy: null, lockedUntil: null, lastError: "lease expired during the last attempt", completedAt: now },
    });
    logger.error("job failed", { ...fields, error: "lease expired during the last attempt" });
    return "failed";
  }

  const release = keepLease(client, job, definition, workerId, now);
  const attemptStarted = Date.now();
  const abandon = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  try {
    const payload = JSON.parse(job.payload) as unknown;
    const attempt = definition.handler(payload, {
      jobId: job.id,
      attempt: job.attempts,
      maxAttempts: job.maxAttempts,
      isLastAttempt: job.attempts >= job.maxAttempts,
      now,
      signal: abandon.signal,
    });
    // A hung handler cannot be killed, only abandoned: the lane moves on, the lease stops being
    // renewed and the row is released for a retry below. The abort tells a cooperative handler to stop.
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abandon.abort();
        reject(new JobTimeoutError(definition.timeoutMs));
      }, definition.timeoutMs);
    });
    attempt.catch(() => {}); // an abandoned attempt may still fail later: nobody awaits it
    await Promise.race([attempt, timedOut]);
    clearTimeout(timer);
    release();
    const { count } = await client.job.updateMany({
      where: mine,
      data: { status: "DONE", lockedBy: null, lockedUntil: null, lastError: null, completedAt: new Date() },
    });
    if (count === 0) logger.warn("job finished after its lease was taken over", fields);
    else logger.debug("job done", fields);
    return "done";
  } catch (error) {
    clearTimeout(timer);
    release();
    if (error instanceof JobTimeoutError) logger.error("job timed out; abandoned", { ...fields, timeoutMs: definition.timeoutMs });
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
    const permanent = error instanceof PermanentJobError;
    if (permanent || job.attempts >= job.maxAttempts) {
      await client.job.updateMany({
        where: mine,
        data: { status: "FAILED", lockedBy: null, lockedUntil: null, lastError: message, completedAt: new Date() },
      });
      logger.error("job failed", { ...fields, ...errorFields(error), permanent });
      return "failed";
    }
    // Back-off counted from when the attempt ended, not from the claim: an attempt abandoned at its
    // time limit (minutes) would otherwise be due again at once, beside the abandoned one still running.
    const runAt = new Date(now.getTime() + (Date.now() - attemptStarted) + retryDelayMs(job.attempts, random));
    await client.job.updateMany({ where: mine, data: { status: "PENDING", lockedBy: null, lockedUntil: null, lastError: message, runAt } });
    logger.warn("job will be retried", { ...fields, error: message, runAt: runAt.toISOString() });
    return "retried";
  }
}

/**
 * Runs the jobs that are due, once: claims up to `limit` of them and runs `concurrency` at a
 * time. The worker loop calls it on every poll; tests call it directly.
 */
export async function runDueJobs(options: RunOptions = {}): Promise<RunSummary> {
  const client = options.client ?? defaultDb;
  const workerId = options.workerId ?? newWorkerId();
  const limit = options.limit ?? 100;
  const random = options.random ?? Math.random;
  const clock = () => options.now ?? new Date();
  const summary: RunSummary = { claimed: 0, done: 0, retried: 0, failed: 0 };
  let exhausted = false;

  async function lane() {
    while (!exhausted && summary.claimed < limit && !options.signal?.aborted) {
      summary.claimed++; // reserve a slot before awaiting, so lanes never exceed the limit
      const now = clock();
      const job = await claimNext(client, workerId, now);
      if (!job) {
        summary.claimed--;
        exhausted = true;
        return;
      }
      summary[await runClaimed(client, job, workerId, now, random)]++;
    }
  }

  const lanes = Math.max(1, Math.min(options.concurrency ?? 4, limit));
  await Promise.all(Array.from({ length: lanes }, lane));
  return summary;
}
