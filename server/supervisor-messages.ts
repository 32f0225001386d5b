// Messages between the supervisor and its workers (besides the event-bus relay, server/bus-relay.ts).
export const WORKER_READY_MESSAGE = "coop:worker-ready";
export const JOBS_ROLE_MESSAGE = "coop:run-jobs";

export function isSupervisorMessage(message: unknown, type: string): boolean {
  return typeof message === "object" && message !== null && (message as { type?: unknown }).type === type;
}
