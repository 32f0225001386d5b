// Dates are stored in UTC and always shown and reasoned about in Italian time (Europe/Rome).
// The one place for Rome calendar arithmetic: calendar days (YYYY-MM-DD, what <input type=date>
// sends), the instant a Rome day starts, wall-clock times for schedules, and display formats.
// Plain module (no .server): pages, emails and jobs use it alike.
export const TIME_ZONE = "Europe/Rome";

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60_000;

const intlLocale = (locale: string) => (locale === "en" ? "en-GB" : "it-IT");

// Making an Intl.DateTimeFormat costs far more than using one (a digest of 3,600 emails formats
// tens of thousands of dates): one formatter per style and language, made on first use.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(kind: "date" | "dateTime", locale: string) {
  const key = `${kind}:${intlLocale(locale)}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale(locale), kind === "date" ? { dateStyle: "long", timeZone: TIME_ZONE } : { dateStyle: "long", timeStyle: "short", timeZone: TIME_ZONE });
    formatters.set(key, format);
  }
  return format;
}

export function formatDate(date: Date | string, locale: string) {
  return formatter("date", locale).format(new Date(date));
}

export function formatDateTime(date: Date | string | number, locale: string) {
  return formatter("dateTime", locale).format(new Date(date));
}

const partsFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
});

/** What Rome's clocks show at `instant`. */
export function romeParts(instant: Date) {
  const parts = partsFormat.formatToParts(instant);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute") };
}

/** Rome's offset from UTC at `instant`, in ms (one hour in winter, two in summer). */
export function romeOffsetMs(instant: Date | number) {
  const at = typeof instant === "number" ? instant : instant.getTime();
  const p = romeParts(new Date(at));
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - Math.floor(at / MINUTE_MS) * MINUTE_MS;
}

/** The calendar day in Rome, as YYYY-MM-DD (e.g. for daily job keys and <input type=date>). */
export function romeDay(date: Date) {
  const p = romeParts(date);
  return `${String(p.year).padStart(4, "0")}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

/** A real calendar day written YYYY-MM-DD (not 2026-02-30). */
export function isCalendarDay(value: string | null | undefined): value is string {
  const match = value ? DAY_PATTERN.exec(value) : null;
  if (!match) return false;
  const [, y, m, d] = match.map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * The instant when Rome's clocks show the given day and time. A time skipped when clocks go
 * forward (02:30 on the last Sunday of March) comes out an hour later, at 03:30.
 */
export function romeWallTime(year: number, month: number, day: number, hour: number, minute: number) {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  // The offset at the guess is right except within hours of a clock change; a second pass settles it.
  const first = guess - romeOffsetMs(guess);
  return new Date(guess - romeOffsetMs(first));
}

/** 00:00 in Rome on `day` (YYYY-MM-DD), as an instant. */
export function romeDayStart(day: string): Date {
  const [y, m, d] = day.split("-").map(Number);
  return romeWallTime(y, m, d, 0, 0);
}

/** The instant the day after `day` begins in Rome (an exclusive upper bound for "up to `day`"). */
export function romeDayEnd(day: string): Date {
  return romeDayStart(addDaysToDay(day, 1));
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

const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** A wall-clock time written HH:MM (what <input type=time> sends). */
export function isClockTime(value: string | null | undefined): value is string {
  return !!value && TIME_PATTERN.test(value);
}

/**
 * The instant Rome's clocks show `day` (YYYY-MM-DD) at `time` (HH:MM), for schedules typed by a
 * person. Unlike romeWallTime, a time the clocks skip (02:00–02:59 on the last Sunday of March)
 * is refused: null. A time shown twice (02:00–02:59 on the last Sunday of October) is the FIRST
 * one, still in summer time (CEST, UTC+2): the earlier instant, chosen the same way every time.
 */
export function romeLocalInstant(day: string, time: string): Date | null {
  if (!isCalendarDay(day) || !isClockTime(time)) return null;
  const [y, m, d] = day.split("-").map(Number);
  const [hour, minute] = time.split(":").map(Number);
  const wall = Date.UTC(y, m - 1, d, hour, minute);
  // Rome is UTC+2 in summer and UTC+1 in winter: try the earlier instant first.
  for (const offsetHours of [2, 1]) {
    const candidate = new Date(wall - offsetHours * 3_600_000);
    const p = romeParts(candidate);
    if (p.year === y && p.month === m && p.day === d && p.hour === hour && p.minute === minute) return candidate;
  }
  return null;
}

/** Rome's clock time at `instant`, as HH:MM (for <input type=time>). */
export function romeClockTime(instant: Date) {
  const p = romeParts(instant);
  return `${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")}`;
}

/** The Rome calendar month of `instant`, as YYYY-MM (for month filters). */
export function romeMonth(instant: Date) {
  return romeDay(instant).slice(0, 7);
}

/** The instant a Rome month (YYYY-MM) begins. */
export function romeMonthStart(month: string): Date {
  return romeDayStart(`${month}-01`);
}

/** A month written YYYY-MM. */
export function isMonth(value: string | null | undefined): value is string {
  return !!value && /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

/** A month name with its year in the page's language ("marzo 2026"). */
export function formatMonth(month: string, locale: string) {
  return new Intl.DateTimeFormat(intlLocale(locale), { month: "long", year: "numeric", timeZone: TIME_ZONE }).format(romeDayStart(`${month}-15`));
}

/** Only the time of day in Rome, in the page's language ("14:30"). */
export function formatTime(date: Date | string, locale: string) {
  return new Intl.DateTimeFormat(intlLocale(locale), { timeStyle: "short", timeZone: TIME_ZONE }).format(new Date(date));
}

/** What <input type="datetime-local"> shows for `instant` in Rome ("2026-12-01T09:30"). */
export function romeLocalInput(instant: Date): string {
  return `${romeDay(instant)}T${romeClockTime(instant)}`;
}

/**
 * The instant a datetime-local value ("2026-12-01T09:30") means in Rome, by the same rule as
 * romeLocalInstant (a time the clocks skip is null; a repeated one is the first); null when it is
 * not a real day and time.
 */
export function parseRomeLocalInput(value: string | null | undefined): Date | null {
  const [day, time, ...rest] = (value ?? "").split("T");
  return rest.length === 0 && day && time ? romeLocalInstant(day, time) : null;
}

/** The day of the week in Rome at `instant`: 1 = Monday … 7 = Sunday (ISO 8601). */
export function romeWeekday(instant: Date): number {
  const [y, m, d] = romeDay(instant).split("-").map(Number);
  return ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
}

/** The Monday (YYYY-MM-DD) of the Rome week holding `instant`. */
export function romeWeekStart(instant: Date): string {
  return addDaysToDay(romeDay(instant), 1 - romeWeekday(instant));
}
