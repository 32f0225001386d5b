// Enrolment dates are calendar days in Italian time: an enrolment starts at 00:00 (Europe/Rome)
// of its first day and ends at 00:00 of its end day, so "ended on 15 May" means access stopped
// when 15 May began in Rome. Plain module: forms and pages use it too.
import { romeDay, TIME_ZONE } from "~/lib/dates.ts";

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A real calendar day written YYYY-MM-DD (what <input type="date"> sends). */
export function isCalendarDay(value: string): boolean {
  const match = DAY_PATTERN.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function romeOffsetMs(instant: number): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: TIME_ZONE,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second")) - instant;
}

/** 00:00 in Rome on `day` (YYYY-MM-DD), as an instant. */
export function romeDayStart(day: string): Date {
  const [y, m, d] = day.split("-").map(Number);
  const utcMidnight = Date.UTC(y, m - 1, d);
  let instant = utcMidnight - romeOffsetMs(utcMidnight);
  // The offset may differ on the two sides of a DST change; a second pass settles it.
  instant = utcMidnight - romeOffsetMs(instant);
  return new Date(instant);
}

/** `day` plus `months` calendar months; 31 January + 1 month is 28 (or 29) February. */
export function addMonthsToDay(day: string, months: number): string {
  const [y, m, d] = day.split("-").map(Number);
  const firstOfTarget = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth() + 1, 0)).getUTCDate();
  firstOfTarget.setUTCDate(Math.min(d, lastDay));
  return firstOfTarget.toISOString().slice(0, 10);
}

export function addDaysToDay(day: string, days: number): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole calendar days from `from`'s Rome day to `to`'s Rome day (negative when `to` is earlier). */
export function calendarDaysBetween(from: Date, to: Date): number {
  const a = Date.parse(`${romeDay(from)}T00:00:00Z`);
  const b = Date.parse(`${romeDay(to)}T00:00:00Z`);
  return Math.round((b - a) / DAY_MS);
}

export { romeDay };
