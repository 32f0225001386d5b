// The chat and Q&A archive shown beside the replay: the chat messages that were not hidden and the
// answered questions with their answers, each placed on the recording that was running when it
// happened (offset in seconds from that recording's start). An answered question's moment is when
// hosts took it live (WebinarQuestion.liveAnsweredAt). Dismissed, pending and open questions never
// appear; anonymous askers stay anonymous. The caller has checked that the reader may watch.
import { db } from "~/lib/db.server.ts";

/** Where an instant falls in the webinar's recordings: which one, and how many seconds in. */
export type Moment = { recordingId: string; seconds: number };

export type ArchiveChat = {
  kind: "chat";
  id: string;
  author: string;
  body: string;
  at: string;
  place: Moment | null;
};
export type ArchiveQuestion = {
  kind: "question";
  id: string;
  /** Null when the asker chose to stay anonymous. */
  author: string | null;
  body: string;
  /** The written answer; null when it was answered aloud. */
  answer: string | null;
  answeredLive: boolean;
  at: string;
  place: Moment | null;
  /** Where on the recording the answer starts (null when it was not answered while recording). */
  moment: Moment | null;
};
export type ArchiveItem = ArchiveChat | ArchiveQuestion;

type Span = {
  id: string;
  startedAt: Date | null;
  endedAt: Date | null;
  durationSeconds: number | null;
};

/** The recording running at `instant` and the offset into it (uploads have no known start: null). */
export function momentIn(spans: Span[], instant: Date | null): Moment | null {
  if (!instant) return null;
  for (const span of spans) {
    if (!span.startedAt) continue;
    const seconds = Math.floor(
      (instant.getTime() - span.startedAt.getTime()) / 1000
    );
    const length =
      span.durationSeconds ??
      (span.endedAt
        ? Math.ceil((span.endedAt.getTime() - span.startedAt.getTime()) / 1000)
        : null);
    if (seconds >= 0 && (length === null || seconds <= length))
      return { recordingId: span.id, seconds };
  }
  return null;
}

export const ARCHIVE_LIMIT = 2000;

/** The archive of a webinar, oldest first (at most ARCHIVE_LIMIT chat messages). */
export async function replayArchive(webinarId: string): Promise<ArchiveItem[]> {
  const [spans, messages, questions] = await Promise.all([
    db.recording.findMany({
      where: { webinarId, status: "COMPLETE", storageKey: { not: null } },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        startedAt: true,
        endedAt: true,
        durationSeconds: true,
      },
    }),
    db.webinarChatMessage.findMany({
      where: { webinarId, hiddenAt: null },
      orderBy: { createdAt: "asc" },
      take: ARCHIVE_LIMIT,
      select: { id: true, authorName: true, body: true, createdAt: true },
    }),
    db.webinarQuestion.findMany({
      where: {
        webinarId,
        state: { in: ["ANSWERED_LIVE", "ANSWERED_WRITTEN"] },
      },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        authorName: true,
        anonymous: true,
        body: true,
        answer: true,
        state: true,
        createdAt: true,
        liveAnsweredAt: true,
      },
    }),
  ]);
  const items: ArchiveItem[] = [
    ...messages.map(
      (m): ArchiveChat => ({
        kind: "chat",
        id: m.id,
        author: m.authorName,
        body: m.body,
        at: m.createdAt.toISOString(),
        place: momentIn(spans, m.createdAt),
      })
    ),
    ...questions.map(
      (q): ArchiveQuestion => ({
        kind: "question",
        id: q.id,
        author: q.anonymous ? null : q.authorName,
        body: q.body,
        answer: q.state === "ANSWERED_WRITTEN" ? q.answer : null,
        answeredLive: q.state === "ANSWERED_LIVE",
        at: q.createdAt.toISOString(),
        place: momentIn(spans, q.createdAt),
        moment: momentIn(spans, q.liveAnsweredAt),
      })
    ),
  ];
  return items.sort((a, b) => a.at.localeCompare(b.at));
}

/** `?t=` of the replay page: whole seconds to start the player at (null when absent or wrong). */
export function startSecondsParam(value: string | null): number | null {
  if (!value || !/^\d{1,6}$/.test(value)) return null;
  return Number(value);
}
