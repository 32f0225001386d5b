// The job registry: what each job type does and which jobs recur. Feature modules call
// defineJob/defineSchedule at import time; app/modules/jobs.server.ts, at the app's edge, imports
// them all (infrastructure never imports a domain module).
// This module imports nothing of the app, so any module may use it without import cycles.

export type JobContext = {
  jobId: string;
  /** 1 on the first run, 2 on the first retry, ... */
  attempt: number;
  maxAttempts: number;
  /** True when a failure now marks the job FAILED instead of retrying it. */
  isLastAttempt: boolean;
  /** The worker's clock (tests move it forward instead of waiting). */
  now: Date;
  /** Aborted when the attempt runs past its time limit and is abandoned: stop, the job will be retried. */
  signal: AbortSignal;
};

export type JobHandler<P = unknown> = (payload: P, ctx: JobContext) => Promise<void>;

export type JobOptions = {
  /** How long a claimed job is reserved before another instance may take it over (renewed while it runs). */
  leaseMs?: number;
  /**
   * Hard time limit of one attempt (default DEFAULT_TIMEOUT_MS). Past it the attempt is abandoned:
   * its lease is no longer renewed and the job is retried with back-off (or fails on its last attempt).
   */
  timeoutMs?: number;
};

export type JobDefinition = { type: string; handler: JobHandler; leaseMs: number; timeoutMs: number };

export type ScheduleEvery = { minutes: number } | { dailyAt: string };
export type ScheduleDefinition = { name: string; type: string; every: ScheduleEvery; payload?: object; maxAttempts?: number };

/** Thrown by a handler when retrying cannot help (e.g. the row it works on is gone): the job fails at once. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PermanentJobError";
  }
}

export const DEFAULT_LEASE_MS = 5 * 60_000;
/** Email delivery and the sweeps take seconds; anything still running after this is hung. */
export const DEFAULT_TIMEOUT_MS = 2 * 60_000;

const handlers = new Map<string, JobDefinition>();
const schedules = new Map<string, ScheduleDefinition>();

export function defineJob<P = unknown>(type: string, handler: JobHandler<P>, options: JobOptions = {}) {
  if (handlers.has(type)) throw new Error(`Job type "${type}" is defined twice`);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw new Error(`Job type "${type}": timeoutMs must be a positive integer`);
  handlers.set(type, { type, handler: handler as JobHandler, leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS, timeoutMs });
}

export function defineSchedule(schedule: ScheduleDefinition) {
  if (schedules.has(schedule.name)) throw new Error(`Schedule "${schedule.name}" is defined twice`);
  if ("minutes" in schedule.every) {
    const { minutes } = schedule.every;
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 24 * 60) throw new Error(`Schedule "${schedule.name}": minutes must be 1..1440`);
  } else if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(schedule.every.dailyAt)) {
    throw new Error(`Schedule "${schedule.name}": dailyAt must be "HH:MM"`);
  }
  schedules.set(schedule.name, schedule);
}

export function jobDefinition(type: string): JobDefinition | undefined {
  return handlers.get(type);
}

export function definedJobTypes(): string[] {
  return [...handlers.keys()];
}

export function definedSchedules(): ScheduleDefinition[] {
  return [...schedules.values()];
}
