// Background work started by the server process: the durable job worker (email outbox,
// reminders, expiry sweeps). Safe with several instances: jobs are claimed with leases.
import { db } from "./db.server.ts";
import { startWorker, stopWorker } from "./jobs/worker.server.ts";

export function startBackgroundWork() {
  startWorker();
}

export async function stopBackgroundWork() {
  await stopWorker();
}

export async function disconnect() {
  await db.$disconnect();
}
