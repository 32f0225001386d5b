// Recurring jobs. Each occurrence ("slot") of a schedule is an ordinary job whose uniqueKey is
// `${name}:${slotISO}`: every instance may try to create it, the unique index lets one row in.
import { romeParts, romeWallTime } from "../dates.ts";
import { db, type Db } from "../db.server.ts";
import { definedSchedules, type ScheduleDefinition, type ScheduleEvery } from "./define.server.ts";
import { enqueueJob } from "./queue.server.ts";

const MINUTE = 60_000;

/** The first occurrence at or after `now`. */
export function nextSlot(every: ScheduleEvery, now: Date): Date {
  if ("minutes" in every) {
    // Aligned to the epoch, so all instances compute the same slots.
    const step = every.minutes * MINUTE;
    return new Date(Math.ceil(now.getTime() / step) * step);
  }
  const [hour, minute] = every.dailyAt.split(":").map(Number);
  const today = romeParts(now);
  const slot = romeWallTime(today.year, today.month, today.day, hour, minute);
  if (slot.getTime() >= now.getTime()) return slot;
  // Tomorrow in Rome: noon UTC of the next calendar day is safely inside it.
  const tomorrow = romeParts(new Date(Date.UTC(today.year, today.month - 1, today.day + 1, 12)));
  return romeWallTime(tomorrow.year, tomorrow.month, tomorrow.day, hour, minute);
}

export function slotKey(schedule: Pick<ScheduleDefinition, "name">, slot: Date) {
  return `${schedule.name}:${slot.toISOString()}`;
}

/**
 * Makes sure the next occurrence of each schedule exists as a job. Returns the keys it created.
 * `known` remembers keys already seen, so a polling worker skips the database until the slot changes.
 */
export async function ensureScheduledJobs(now = new Date(), schedules = definedSchedules(), client: Db = db, known?: Set<string>) {
  const created: string[] = [];
  for (const schedule of schedules) {
    const slot = nextSlot(schedule.every, now);
    const uniqueKey = slotKey(schedule, slot);
    if (known?.has(uniqueKey)) continue;
    // A read first: usually another instance created the slot already, and a failed insert costs more.
    const exists = await client.job.findUnique({ where: { uniqueKey }, select: { id: true } });
    if (!exists) {
      const job = await enqueueJob(schedule.type, schedule.payload ?? {}, { runAt: slot, uniqueKey, maxAttempts: schedule.maxAttempts ?? 3 }, client);
      if (job) created.push(uniqueKey);
    }
    if (known) {
      if (known.size > 1000) known.clear();
      known.add(uniqueKey);
    }
  }
  return created;
}
