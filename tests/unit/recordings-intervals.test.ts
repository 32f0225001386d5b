// Attendance maths: the union of a person's connections inside the live window.
import { attendedSeconds, creditFor, liveWindow, mergeIntervals, percentOfDuration, secondsPerPerson, wholeMinutes } from "~/modules/webinars/attendance/intervals.ts";

const T0 = Date.UTC(2026, 11, 1, 9, 0, 0); // 10:00 in Rome
const at = (minutes: number, seconds = 0) => new Date(T0 + minutes * 60_000 + seconds * 1000);
const window = { start: T0, end: T0 + 90 * 60_000 };

describe("mergeIntervals", () => {
  it("joins overlapping and touching spans and keeps gaps", () => {
    expect(mergeIntervals([{ start: 10, end: 20 }, { start: 0, end: 5 }, { start: 15, end: 30 }, { start: 30, end: 31 }, { start: 40, end: 50 }])).toEqual([
      { start: 0, end: 5 },
      { start: 10, end: 31 },
      { start: 40, end: 50 },
    ]);
  });
  it("drops empty and inverted spans", () => {
    expect(mergeIntervals([{ start: 5, end: 5 }, { start: 9, end: 3 }])).toEqual([]);
  });
  it("a span inside another adds nothing", () => {
    expect(mergeIntervals([{ start: 0, end: 100 }, { start: 10, end: 20 }])).toEqual([{ start: 0, end: 100 }]);
  });
});

describe("attended time", () => {
  it("two tabs open at once count once", () => {
    expect(attendedSeconds([{ joinedAt: at(0), leftAt: at(60) }, { joinedAt: at(30), leftAt: at(70) }], window)).toBe(70 * 60);
  });
  it("a reconnect (new sid) after a drop counts both connections, not the gap", () => {
    expect(attendedSeconds([{ joinedAt: at(0), leftAt: at(20) }, { joinedAt: at(25), leftAt: at(50) }], window)).toBe(45 * 60);
  });
  it("a reconnect that overlaps the old connection (left event late) counts once", () => {
    expect(attendedSeconds([{ joinedAt: at(0), leftAt: at(21) }, { joinedAt: at(20), leftAt: at(40) }], window)).toBe(40 * 60);
  });
  it("time before the start and after the end does not count", () => {
    expect(attendedSeconds([{ joinedAt: at(-15), leftAt: at(10) }, { joinedAt: at(80), leftAt: at(120) }], window)).toBe(20 * 60);
  });
  it("an interval without a left event is closed by the end of the room", () => {
    expect(attendedSeconds([{ joinedAt: at(30), leftAt: null }], window)).toBe(60 * 60);
  });
  it("per person, skipping connections of deleted accounts", () => {
    const rows = [
      { userId: "a", joinedAt: at(0), leftAt: at(10) },
      { userId: "b", joinedAt: at(0), leftAt: at(5) },
      { userId: "a", joinedAt: at(5), leftAt: at(15) },
      { userId: null, joinedAt: at(0), leftAt: at(90) },
    ];
    expect(Object.fromEntries(secondsPerPerson(rows, window))).toEqual({ a: 900, b: 300 });
  });
});

describe("live window", () => {
  const base = { startsAt: at(0), durationMinutes: 90, liveStartedAt: null, liveEndedAt: null };
  it("runs from room_started to room_finished", () => {
    expect(liveWindow({ ...base, liveStartedAt: at(3), liveEndedAt: at(95) })).toEqual({ start: at(3).getTime(), end: at(95).getTime() });
  });
  it("is the scheduled slot when the room never started", () => {
    expect(liveWindow(base)).toEqual(window);
  });
  it("ends now while the room is live", () => {
    expect(liveWindow({ ...base, liveStartedAt: at(0) }, at(42))).toEqual({ start: T0, end: at(42).getTime() });
  });
});

describe("threshold and credit", () => {
  const webinar = { durationMinutes: 90, certificateThresholdPercent: 75, replayCountsForCertificate: false };
  it("75% of 90 minutes is 67 min 30 s: exactly that reaches it, one second less does not", () => {
    expect(creditFor(webinar, 4050, 0).reachesThreshold).toBe(true);
    expect(creditFor(webinar, 4049, 0).reachesThreshold).toBe(false);
  });
  it("replay counts only when the webinar allows it, and never past the duration", () => {
    expect(creditFor(webinar, 3000, 2000)).toMatchObject({ creditedSeconds: 3000, reachesThreshold: false });
    expect(creditFor({ ...webinar, replayCountsForCertificate: true }, 3000, 2000)).toMatchObject({ creditedSeconds: 5000, reachesThreshold: true });
    expect(creditFor({ ...webinar, replayCountsForCertificate: true }, 5000, 5000).creditedSeconds).toBe(5400);
  });
  it("a threshold of 100% needs the whole duration", () => {
    expect(creditFor({ ...webinar, certificateThresholdPercent: 100 }, 5399, 0).reachesThreshold).toBe(false);
    expect(creditFor({ ...webinar, certificateThresholdPercent: 100 }, 5400, 0).reachesThreshold).toBe(true);
  });
  it("minutes and percentages are floored", () => {
    expect(wholeMinutes(119)).toBe(1);
    expect(percentOfDuration(4049, 90)).toBe(74);
    expect(percentOfDuration(4050, 90)).toBe(75);
    expect(percentOfDuration(9999, 90)).toBe(100);
  });
});
