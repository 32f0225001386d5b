// What each person's presence at a webinar is worth: live seconds (the union of their LiveKit
// connections inside the live window, intervals.ts) and seconds of its recordings watched (each
// second of video once, RecordingWatch), and whether that reaches the webinar's threshold.
import type { Prisma } from "~/generated/sqlite/client.ts";
import { db } from "~/lib/db.server.ts";
import { creditFor, liveWindow, secondsPerPerson, type AttendanceInterval, type Credit } from "./intervals.ts";

export const creditWebinarSelect = {
  id: true,
  slug: true,
  title: true,
  status: true,
  startsAt: true,
  durationMinutes: true,
  liveStartedAt: true,
  liveEndedAt: true,
  certificateThresholdPercent: true,
  replayCountsForCertificate: true,
} as const;

export type CreditWebinar = {
  id: string;
  startsAt: Date;
  durationMinutes: number;
  liveStartedAt: Date | null;
  liveEndedAt: Date | null;
  certificateThresholdPercent: number;
  replayCountsForCertificate: boolean;
};

export type PersonCredit = Credit & { intervals: AttendanceInterval[] };

/** Replay seconds per user over the webinar's playable recordings. */
export async function replaySecondsPerPerson(webinarIds: string[], userIds?: string[]): Promise<Map<string, Map<string, number>>> {
  const watches = await db.recordingWatch.findMany({
    where: { recording: { webinarId: { in: webinarIds }, status: "COMPLETE" }, ...(userIds ? { userId: { in: userIds } } : {}) },
    select: { userId: true, watchedSeconds: true, recording: { select: { webinarId: true } } },
  });
  const result = new Map<string, Map<string, number>>();
  for (const watch of watches) {
    const perUser = result.get(watch.recording.webinarId) ?? new Map<string, number>();
    perUser.set(watch.userId, (perUser.get(watch.userId) ?? 0) + watch.watchedSeconds);
    result.set(watch.recording.webinarId, perUser);
  }
  return result;
}

/** Credits of every person who attended live or watched a recording (or only those in `userIds`). */
export async function webinarCredits(webinar: CreditWebinar, userIds?: string[], now = new Date()): Promise<Map<string, PersonCredit>> {
  const rows = await db.webinarAttendance.findMany({
    where: { webinarId: webinar.id, userId: userIds ? { in: userIds } : { not: null } },
    select: { userId: true, joinedAt: true, leftAt: true },
    orderBy: { joinedAt: "asc" },
  });
  const window = liveWindow(webinar, now);
  const live = secondsPerPerson(rows, window);
  const replay = (await replaySecondsPerPerson([webinar.id], userIds)).get(webinar.id) ?? new Map<string, number>();
  const intervals = new Map<string, AttendanceInterval[]>();
  for (const row of rows) if (row.userId) intervals.set(row.userId, [...(intervals.get(row.userId) ?? []), row]);
  const people = new Set([...live.keys(), ...replay.keys()]);
  const result = new Map<string, PersonCredit>();
  for (const userId of people) {
    const credit = creditFor(webinar, live.get(userId) ?? 0, replay.get(userId) ?? 0);
    result.set(userId, { ...credit, intervals: intervals.get(userId) ?? [] });
  }
  return result;
}

/**
 * The credits of many webinars at once (the training ledger over a year): two queries in all, not
 * two per webinar, with the people chosen by a condition on the user (their organizations, their
 * ids) rather than a list of ids, so a province's ledger stays within the database's parameter
 * limit. Same maths as webinarCredits: per webinar, the union of each person's intervals inside
 * the live window, plus the replay seconds of its playable recordings.
 */
export async function webinarsCredits(webinars: readonly CreditWebinar[], people?: Prisma.UserWhereInput, now = new Date()): Promise<Map<string, Map<string, PersonCredit>>> {
  const result = new Map<string, Map<string, PersonCredit>>();
  if (!webinars.length) return result;
  const webinarIds = webinars.map((w) => w.id);
  const [rows, watches] = await Promise.all([
    db.webinarAttendance.findMany({
      where: { webinarId: { in: webinarIds }, userId: { not: null }, ...(people ? { user: people } : {}) },
      select: { webinarId: true, userId: true, joinedAt: true, leftAt: true },
      orderBy: { joinedAt: "asc" },
    }),
    db.recordingWatch.findMany({
      where: { recording: { webinarId: { in: webinarIds }, status: "COMPLETE" }, ...(people ? { user: people } : {}) },
      select: { userId: true, watchedSeconds: true, recording: { select: { webinarId: true } } },
    }),
  ]);
  const rowsOf = new Map<string, typeof rows>();
  for (const row of rows) {
    const list = rowsOf.get(row.webinarId);
    if (list) list.push(row);
    else rowsOf.set(row.webinarId, [row]);
  }
  const replayOf = new Map<string, Map<string, number>>();
  for (const watch of watches) {
    const perUser = replayOf.get(watch.recording.webinarId) ?? new Map<string, number>();
    perUser.set(watch.userId, (perUser.get(watch.userId) ?? 0) + watch.watchedSeconds);
    replayOf.set(watch.recording.webinarId, perUser);
  }
  for (const webinar of webinars) {
    const webinarRows = rowsOf.get(webinar.id) ?? [];
    const live = secondsPerPerson(webinarRows, liveWindow(webinar, now));
    const replay = replayOf.get(webinar.id) ?? new Map<string, number>();
    const intervals = new Map<string, AttendanceInterval[]>();
    for (const row of webinarRows) {
      if (!row.userId) continue;
      const list = intervals.get(row.userId);
      if (list) list.push(row);
      else intervals.set(row.userId, [row]);
    }
    const credits = new Map<string, PersonCredit>();
    for (const userId of new Set([...live.keys(), ...replay.keys()])) {
      credits.set(userId, { ...creditFor(webinar, live.get(userId) ?? 0, replay.get(userId) ?? 0), intervals: intervals.get(userId) ?? [] });
    }
    result.set(webinar.id, credits);
  }
  return result;
}
