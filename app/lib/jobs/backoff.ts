// How long to wait before retrying a failed job: 30 s, 1 min, 2 min, ... capped at one hour,
// with ±20% jitter so jobs that failed together (a mail-server outage) do not retry in lockstep.
export const RETRY_BASE_MS = 30_000;
export const RETRY_MAX_MS = 60 * 60_000;

/** `attempt` is the attempt that just failed (1 for the first run). */
export function retryDelayMs(attempt: number, random: () => number = Math.random) {
  const base = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempt - 1));
  const jittered = base * (0.8 + 0.4 * random());
  return Math.round(Math.min(RETRY_MAX_MS, jittered));
}
