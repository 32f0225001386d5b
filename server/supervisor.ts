// The cluster supervisor (the primary process when WEB_CONCURRENCY > 1). It serves nothing itself:
// it forks one web worker per slot, replaces a worker that dies (waiting longer after each quick
// crash so a crash loop does not spin), relays event-bus notices between the workers, names the
// one worker that runs the job worker, and on SIGTERM stops every worker gracefully and exits 0.
import cluster, { type Worker } from "node:cluster";
import { logger } from "../app/lib/logger.server.ts";
import { relayBusMessages } from "./bus-relay.ts";
import { JOBS_ROLE_MESSAGE, WORKER_READY_MESSAGE, isSupervisorMessage } from "./supervisor-messages.ts";

/** A worker that lived at least this long before dying was healthy: its replacement starts at once. */
const HEALTHY_AFTER_MS = 10_000;
const RESTART_BASE_MS = 250;
const RESTART_MAX_MS = 30_000;
/** Workers have 15 s to finish (server/serve.ts); the supervisor waits a little longer. */
const SHUTDOWN_TIMEOUT_MS = 20_000;

type Slot = { index: number; worker?: Worker; startedAt: number; quickCrashes: number; restartTimer?: NodeJS.Timeout };

/** Delay before restarting a slot whose workers died young `quickCrashes` times in a row. */
export function restartDelayMs(quickCrashes: number) {
  if (quickCrashes <= 0) return 0;
  return Math.min(RESTART_MAX_MS, RESTART_BASE_MS * 2 ** (quickCrashes - 1));
}

export function runSupervisor(options: { workers: number; runJobs: boolean; url: string; database: string }) {
  let shuttingDown = false;
  const slots: Slot[] = Array.from({ length: options.workers }, (_, index) => ({ index, startedAt: 0, quickCrashes: 0 }));

  relayBusMessages(cluster);

  function fork(slot: Slot) {
    slot.restartTimer = undefined;
    slot.startedAt = Date.now();
    const worker = cluster.fork();
    slot.worker = worker;
    worker.on("message", (message: unknown) => {
      // Slot 0 runs the job worker; its replacement inherits the role. Told once the worker
      // listens, so its message handler is in place.
      if (isSupervisorMessage(message, WORKER_READY_MESSAGE) && slot.index === 0 && options.runJobs) {
        worker.send({ type: JOBS_ROLE_MESSAGE });
      }
    });
    worker.once("exit", (code, signal) => {
      if (slot.worker === worker) slot.worker = undefined;
      if (shuttingDown) return;
      const lived = Date.now() - slot.startedAt;
      slot.quickCrashes = lived < HEALTHY_AFTER_MS ? slot.quickCrashes + 1 : 0;
      const delay = restartDelayMs(slot.quickCrashes);
      logger.error("worker died; replacing it", { pid: worker.process.pid, code, signal, livedMs: lived, restartInMs: delay });
      slot.restartTimer = setTimeout(() => fork(slot), delay);
    });
  }

  for (const slot of slots) fork(slot);
  logger.info("listening", { url: options.url, database: options.database, workers: options.workers, supervisor: process.pid });

  function shutdown(signal: string) {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info("supervisor shutting down", { signal });
    for (const slot of slots) clearTimeout(slot.restartTimer);
    const forced = setTimeout(() => {
      logger.error("workers did not stop in time; killing them");
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGKILL");
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    forced.unref();
    const running = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined);
    let failed = false;
    let left = running.length;
    if (left === 0) process.exit(0);
    for (const worker of running) {
      worker.once("exit", (code, signal) => {
        // Killed by the SIGTERM itself: it had not installed its handler yet, so it served nothing.
        if (code !== 0 && signal !== "SIGTERM") failed = true;
        if (--left === 0) process.exit(failed ? 1 : 0);
      });
      // Each worker stops accepting, finishes its requests and exits (server/serve.ts).
      worker.process.kill("SIGTERM");
    }
  }
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}
