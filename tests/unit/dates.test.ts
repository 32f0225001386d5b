// The one Europe/Rome date module, at the edges where a second copy used to go wrong: the nights
// the clocks change (last Sunday of March: 23-hour day; last Sunday of October: 25-hour day).
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import {
  addDaysToDay,
  addMonthsToDay,
  calendarDaysBetween,
  formatDateTime,
  isCalendarDay,
  romeDay,
  romeDayEnd,
  romeDayStart,
  romeOffsetMs,
  romeParts,
  romeWallTime,
} from "~/lib/dates.ts";

const HOUR = 3_600_000;

describe("Rome calendar days", () => {
  it("start at Rome midnight, in winter and in summer", () => {
    expect(romeDayStart("2026-01-15").toISOString()).toBe("2026-01-14T23:00:00.000Z");
    expect(romeDayStart("2026-07-15").toISOString()).toBe("2026-07-14T22:00:00.000Z");
  });

  it("the day the clocks go forward lasts 23 hours", () => {
    expect(romeDayStart("2026-03-29").toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(romeDayEnd("2026-03-29").toISOString()).toBe("2026-03-29T22:00:00.000Z");
    expect(romeDayEnd("2026-03-29").getTime() - romeDayStart("2026-03-29").getTime()).toBe(23 * HOUR);
  });

  it("the day the clocks go back lasts 25 hours", () => {
    expect(romeDayStart("2026-10-25").toISOString()).toBe("2026-10-24T22:00:00.000Z");
    expect(romeDayEnd("2026-10-25").toISOString()).toBe("2026-10-25T23:00:00.000Z");
    expect(romeDayEnd("2026-10-25").getTime() - romeDayStart("2026-10-25").getTime()).toBe(25 * HOUR);
  });

  it("an instant belongs to the Rome day its clocks show, either side of midnight and of a change", () => {
    expect(romeDay(new Date("2026-03-28T22:59:00Z"))).toBe("2026-03-28");
    expect(romeDay(new Date("2026-03-28T23:00:00Z"))).toBe("2026-03-29");
    expect(romeDay(new Date("2026-10-24T21:59:00Z"))).toBe("2026-10-24");
    expect(romeDay(new Date("2026-10-24T22:00:00Z"))).toBe("2026-10-25");
    expect(romeDay(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
  });

  it("counts calendar days, not 24-hour periods, across a change", () => {
    expect(calendarDaysBetween(new Date("2026-03-28T23:30:00Z"), new Date("2026-03-29T21:30:00Z"))).toBe(0);
    expect(calendarDaysBetween(new Date("2026-03-28T12:00:00Z"), new Date("2026-03-30T12:00:00Z"))).toBe(2);
    expect(calendarDaysBetween(new Date("2026-10-26T12:00:00Z"), new Date("2026-10-24T12:00:00Z"))).toBe(-2);
  });

  it("checks and shifts calendar days", () => {
    expect(isCalendarDay("2026-02-29")).toBe(false);
    expect(isCalendarDay("2028-02-29")).toBe(true);
    expect(isCalendarDay("2026-3-1")).toBe(false);
    expect(isCalendarDay(null)).toBe(false);
    expect(addMonthsToDay("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonthsToDay("2026-05-31", 9)).toBe("2027-02-28");
    expect(addDaysToDay("2026-03-28", 2)).toBe("2026-03-30");
  });
});

describe("Rome wall-clock times", () => {
  it("knows the offset on both sides of a change", () => {
    expect(romeOffsetMs(new Date("2026-03-29T00:59:00Z"))).toBe(HOUR);
    expect(romeOffsetMs(new Date("2026-03-29T01:00:00Z"))).toBe(2 * HOUR);
    expect(romeOffsetMs(new Date("2026-10-25T00:59:00Z"))).toBe(2 * HOUR);
    expect(romeOffsetMs(new Date("2026-10-25T01:00:00Z"))).toBe(HOUR);
  });

  it("a time the clocks skip comes out an hour later", () => {
    expect(romeWallTime(2026, 3, 29, 2, 30).toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(romeParts(romeWallTime(2026, 3, 29, 2, 30))).toMatchObject({ hour: 3, minute: 30 });
  });

  it("a time the clocks show twice is one of its two instants", () => {
    const instant = romeWallTime(2026, 10, 25, 2, 30).toISOString();
    expect(["2026-10-25T00:30:00.000Z", "2026-10-25T01:30:00.000Z"]).toContain(instant);
    expect(romeParts(new Date(instant))).toMatchObject({ hour: 2, minute: 30 });
  });

  it("shows times in Italian time", () => {
    expect(formatDateTime(new Date("2026-07-01T10:00:00Z"), "it")).toContain("12:00");
    expect(formatDateTime(new Date("2026-01-01T10:00:00Z"), "en")).toContain("11:00");
  });
});

describe("Rome weeks (the weekly digest's period)", () => {
  it("knows Monday by Rome's clock, across midnight and the clock changes", async () => {
    const { romeWeekday, romeWeekStart } = await import("~/lib/dates.ts");
    // 00:30 on Monday 30 March 2026 in Rome (summer time began the night before) is still Sunday in UTC.
    expect(romeWeekday(new Date("2026-03-29T22:30:00Z"))).toBe(1);
    expect(romeWeekStart(new Date("2026-03-29T22:30:00Z"))).toBe("2026-03-30");
    // 23:30 on Sunday 25 October 2026 in Rome (winter time again) belongs to the week of the 19th.
    expect(romeWeekday(new Date("2026-10-25T22:30:00Z"))).toBe(7);
    expect(romeWeekStart(new Date("2026-10-25T22:30:00Z"))).toBe("2026-10-19");
    // A new year in the middle of a week.
    expect(romeWeekStart(new Date("2027-01-01T10:00:00Z"))).toBe("2026-12-28");
  });
});

describe("one date module", () => {
  // Rome arithmetic grew three copies before; any new one shows up here.
  it("no other file of the app computes Rome's offset or formats parts in Rome time", () => {
    const root = path.resolve(import.meta.dirname, "../../app");
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) {
          if (name !== "generated") walk(full);
        } else if (/\.tsx?$/.test(name)) files.push(full);
      }
    };
    walk(root);
    const copies = files.filter((file) => !file.endsWith(path.join("lib", "dates.ts")) && /formatToParts|timeZone:|"Europe\/Rome"|TIME_ZONE/.test(readFileSync(file, "utf8")));
    expect(copies.map((file) => path.relative(root, file))).toEqual([]);
  });
});
