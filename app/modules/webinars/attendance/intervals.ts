// Attendance maths, pure (no database): a person's LiveKit connections (one interval per
// participant sid, from participant_joined to participant_left) become minutes of the webinar by
// taking the UNION of the intervals (two tabs or a reconnect overlapping the old connection count
// once), clipped to the webinar's live window (time in the room before the start or after the end
// does not count). An interval with no end (a missing participant_left) ends with the window:
// room_finished closes every open connection.

/** Milliseconds since the epoch, start inclusive, end exclusive. */
export type Span = { start: number; end: number };

export type AttendanceInterval = { joinedAt: Date; leftAt: Date | null };

/** Sorted, disjoint, non-empty spans covering exactly the union of `spans`. */
export function mergeIntervals(spans: readonly Span[]): Span[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

/** The spans cut to `window` (pieces outside it disappear). */
export function clipIntervals(spans: readonly Span[], window: Span): Span[] {
  return spans
    .map((s) => ({ start: Math.max(s.start, window.start), end: Math.min(s.end, window.end) }))
    .filter((s) => s.end > s.start);
}

export const totalMs = (spans: readonly Span[]) => spans.reduce((sum, s) => sum + (s.end - s.start), 0);

/**
 * The window during which presence counts: from the room's start (room_started, else the
 * scheduled start) to its end (room_finished; while still live, `now`; never started: the
 * scheduled end).
 */
export function liveWindow(
  webinar: { startsAt: Date; durationMinutes: number; liveStartedAt: Date | null; liveEndedAt: Date | null },
  now: Date = new Date(),
): Span {
  const start = (webinar.liveStartedAt ?? webinar.startsAt).getTime();
  const end = webinar.liveEndedAt
    ? webinar.liveEndedAt.getTime()
    : webinar.liveStartedAt
      ? now.getTime()
      : webinar.startsAt.getTime() + webinar.durationMinutes * 60_000;
  return { start, end: Math.max(start, end) };
}

/** One person's attended spans: their intervals (open ones closed at the window's end), merged and clipped. */
export function attendedSpans(intervals: readonly AttendanceInterval[], window: Span): Span[] {
  const spans = intervals.map((i) => ({ start: i.joinedAt.getTime(), end: i.leftAt ? i.leftAt.getTime() : window.end }));
  return clipIntervals(mergeIntervals(spans), window);
}

/** Whole seconds attended live (the union of the intervals inside the window). */
export function attendedSeconds(intervals: readonly AttendanceInterval[], window: Span): number {
  return Math.floor(totalMs(attendedSpans(intervals, window)) / 1000);
}

/** Seconds per user id, for every person with at least one interval (null user ids are skipped). */
export function secondsPerPerson(rows: readonly (AttendanceInterval & { userId: string | null })[], window: Span): Map<string, number> {
  const byUser = new Map<string, AttendanceInterval[]>();
  for (const row of rows) {
    if (!row.userId) continue;
    const list = byUser.get(row.userId) ?? [];
    list.push(row);
    byUser.set(row.userId, list);
  }
  return new Map([...byUser].map(([userId, list]) => [userId, attendedSeconds(list, window)]));
}

/** Whole minutes shown for seconds (59 s is 0 minutes: nobody is credited time they were not there). */
export const wholeMinutes = (seconds: number) => Math.floor(seconds / 60);

/** Share of the scheduled duration, in whole percent (floored, capped at 100). */
export function percentOfDuration(seconds: number, durationMinutes: number): number {
  if (durationMinutes <= 0) return 0;
  return Math.min(100, Math.floor((seconds * 100) / (durationMinutes * 60)));
}

export type Credit = {
  liveSeconds: number;
  replaySeconds: number;
  /** What counts towards the certificate and the ledger: live, plus replay when the webinar allows it, capped at the duration. */
  creditedSeconds: number;
  /** creditedSeconds reaches the webinar's threshold share of its duration. */
  reachesThreshold: boolean;
};

/**
 * What a person's presence is worth for a webinar. The threshold is compared exactly, in seconds:
 * 75% of 90 minutes is 4050 s; 4049 s is not enough.
 */
export function creditFor(
  webinar: { durationMinutes: number; certificateThresholdPercent: number; replayCountsForCertificate: boolean },
  liveSeconds: number,
  replaySeconds: number,
): Credit {
  const durationSeconds = webinar.durationMinutes * 60;
  const counted = liveSeconds + (webinar.replayCountsForCertificate ? replaySeconds : 0);
  const creditedSeconds = Math.min(durationSeconds, counted);
  const reachesThreshold = durationSeconds > 0 && creditedSeconds * 100 >= webinar.certificateThresholdPercent * durationSeconds;
  return { liveSeconds, replaySeconds, creditedSeconds, reachesThreshold };
}
