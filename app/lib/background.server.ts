// Background work started by the server process: the durable job worker (email outbox,
// reminders, expiry sweeps, housekeeping). Safe with several instances: jobs are claimed with
// leases. WORKER_ENABLED=false on an instance keeps it serving pages only.
import { db } from "./db.server.ts";
import { closeFastRead } from "./db/fast-read.server.ts";
import { closeEventBus } from "./events/index.server.ts";
import { startWorker, stopWorker } from "./jobs/worker.server.ts";

export function startBackgroundWork() {
  startWorker();
}

/** Stops claiming jobs and waits for the running ones (graceful shutdown). */
export async function stopBackgroundWork() {
  await stopWorker();
}

export async function disconnect() {
  await closeEventBus();
  await closeFastRead();
  await db.$disconnect();
}
