// Minutes attended per person, from the attendance intervals the webhooks record. A person may
// connect several times, or twice at once (a laptop and a phone): their time is the UNION of their
// intervals, never the sum. An interval still open counts until `now` (the webinar is running).
import { db } from "~/lib/db.server.ts";
import { mergeIntervals, totalMs } from "~/modules/webinars/attendance/intervals.ts";

export type Interval = { joinedAt: Date; leftAt: Date | null };
export type PersonAttendance = { userId: string; minutes: number; seconds: number; firstJoinedAt: Date; lastLeftAt: Date | null; connections: number };

/** Milliseconds covered by the union of the intervals (the report's maths, without its live-window clip). */
export function coveredMs(intervals: readonly Interval[], now: Date): number {
  return totalMs(mergeIntervals(intervals.map((interval) => ({ start: interval.joinedAt.getTime(), end: (interval.leftAt ?? now).getTime() }))));
}

/** Per person who joined the webinar's room: whole minutes attended (union of intervals), most first. */
export async function attendanceMinutes(webinarId: string, now = new Date()): Promise<PersonAttendance[]> {
  const rows = await db.webinarAttendance.findMany({
    where: { webinarId, userId: { not: null } },
    select: { userId: true, joinedAt: true, leftAt: true },
    orderBy: { joinedAt: "asc" },
  });
  const byPerson = new Map<string, Interval[]>();
  for (const row of rows) byPerson.set(row.userId!, [...(byPerson.get(row.userId!) ?? []), row]);
  return [...byPerson]
    .map(([userId, intervals]) => {
      const ms = coveredMs(intervals, now);
      const open = intervals.some((interval) => !interval.leftAt);
      const ends = intervals.map((interval) => interval.leftAt?.getTime() ?? 0);
      return {
        userId,
        seconds: Math.floor(ms / 1000),
        minutes: Math.floor(ms / 60_000),
        firstJoinedAt: intervals[0].joinedAt,
        lastLeftAt: open ? null : new Date(Math.max(...ends)),
        connections: intervals.length,
      };
    })
    .sort((a, b) => b.seconds - a.seconds || a.userId.localeCompare(b.userId));
}
