// The in-process worker: every WORKER_POLL_MS it creates the next slot of each schedule and runs
// the due jobs. kickWorker() (e.g. right after an email is queued) makes it poll at once.
import { env } from "../env.server.ts";
import { errorFields, logger } from "../logger.server.ts";
import { onKick } from "./queue.server.ts";
import { newWorkerId, runDueJobs } from "./runner.server.ts";
import { ensureScheduledJobs } from "./schedule.server.ts";

export type WorkerOptions = { pollMs?: number; concurrency?: number };

type State = {
  workerId: string;
  pollMs: number;
  concurrency: number;
  stop: AbortController;
  timer?: NodeJS.Timeout;
  tick?: Promise<void>;
  kicked: boolean;
  failures: number;
  knownSlots: Set<string>;
};

let state: State | undefined;

async function tick(current: State) {
  try {
    await ensureScheduledJobs(new Date(), undefined, undefined, current.knownSlots);
    // Keep going while there is work; a full batch means more may be waiting.
    for (;;) {
      current.kicked = false;
      const summary = await runDueJobs({ workerId: current.workerId, concurrency: current.concurrency, limit: 50, signal: current.stop.signal });
      if (current.stop.signal.aborted || (summary.claimed < 50 && !current.kicked)) break;
    }
    current.failures = 0;
  } catch (error) {
    // Usually the database is unreachable: wait longer each time, up to a minute.
    current.failures++;
    logger.error("job worker poll failed", { ...errorFields(error), failures: current.failures });
  }
}

function schedule(current: State, delayMs: number) {
  if (current.stop.signal.aborted) return;
  clearTimeout(current.timer);
  current.timer = setTimeout(() => {
    current.timer = undefined;
    current.tick = tick(current).finally(() => {
      current.tick = undefined;
      const backoff = Math.min(60_000, current.pollMs * 2 ** current.failures);
      schedule(current, current.kicked ? 0 : current.failures ? backoff : current.pollMs);
    });
  }, delayMs);
}

export function startWorker(options: WorkerOptions = {}) {
  if (state) return;
  const current: State = {
    workerId: newWorkerId(),
    pollMs: options.pollMs ?? env().WORKER_POLL_MS,
    concurrency: options.concurrency ?? 4,
    stop: new AbortController(),
    kicked: false,
    failures: 0,
    knownSlots: new Set(),
  };
  state = current;
  onKick(() => {
    current.kicked = true;
    // Idle: poll now. Busy: the running tick sees `kicked` and polls again when done.
    if (!current.tick) schedule(current, 0);
  });
  schedule(current, 0);
  logger.info("job worker started", { workerId: current.workerId, pollMs: current.pollMs });
}

/** Stops polling and waits for the jobs already running (server shutdown calls it). */
export async function stopWorker() {
  const current = state;
  if (!current) return;
  state = undefined;
  onKick(undefined);
  current.stop.abort();
  clearTimeout(current.timer);
  await current.tick;
  logger.info("job worker stopped", { workerId: current.workerId });
}

export function isWorkerRunning() {
  return state !== undefined;
}
