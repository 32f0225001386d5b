// Turns a calendar day in Rome (YYYY-MM-DD, as typed in <input type=date>) into the UTC
// instant it starts at, so "from 3 March" means midnight in Italy, summer time or not.
import { TIME_ZONE } from "~/lib/dates.ts";

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Minutes Rome is ahead of UTC at `instant` (60 in winter, 120 in summer). */
function romeOffsetMinutes(instant: Date) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: TIME_ZONE, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit",
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"));
  return Math.round((asUtc - instant.getTime()) / 60_000);
}

export function isRomeDay(value: string | null | undefined): value is string {
  if (!value || !DAY_PATTERN.test(value)) return false;
  const [, y, m, d] = DAY_PATTERN.exec(value)!.map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The UTC instant at which `day` begins in Rome. */
export function startOfRomeDay(day: string): Date {
  const [, y, m, d] = DAY_PATTERN.exec(day)!.map(Number);
  const utcMidnight = Date.UTC(y, m - 1, d);
  // The offset at the guess is right except within hours of a clock change; a second pass fixes that.
  let instant = utcMidnight - romeOffsetMinutes(new Date(utcMidnight)) * 60_000;
  instant = utcMidnight - romeOffsetMinutes(new Date(instant)) * 60_000;
  return new Date(instant);
}

/** The UTC instant at which the day after `day` begins in Rome (an exclusive upper bound). */
export function endOfRomeDay(day: string): Date {
  const [, y, m, d] = DAY_PATTERN.exec(day)!.map(Number);
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return startOfRomeDay(next.toISOString().slice(0, 10));
}
