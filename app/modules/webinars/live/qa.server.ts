// Q&A: questions to the speakers, optionally anonymous towards other attendees (staff always see
// who asked), optional pre-moderation, one upvote per person (a toggle; the primary key refuses a
// second vote), states from open to answered or dismissed. The room's stream carries the public
// view (no identity for anonymous questions, nothing pending or dismissed); the staff stream the
// full one.
import { db } from "~/lib/db.server.ts";
import { eventBus } from "~/lib/events/index.server.ts";
import { isUniqueViolation } from "~/lib/prisma-errors.ts";
import { errorFields, logger } from "~/lib/logger.server.ts";
import { sortQuestions, type QuestionSort, type QuestionState, type QuestionView } from "./limits.ts";
import { assertOpen, LiveRefusal, roomSettings, roomStream, staffStream, type Room } from "./room.server.ts";

type QuestionRow = {
  id: string;
  authorName: string;
  anonymous: boolean;
  body: string;
  state: QuestionState;
  answer: string | null;
  voteCount: number;
  createdAt: Date;
  registrationId: string | null;
};

/** What attendees see: hidden while pending or dismissed (null), no name when anonymous. */
export function publicQuestion(row: QuestionRow): QuestionView | null {
  if (row.state === "PENDING" || row.state === "DISMISSED") return null;
  return {
    id: row.id,
    author: row.anonymous ? null : row.authorName,
    anonymous: row.anonymous,
    body: row.body,
    state: row.state,
    answer: row.answer,
    votes: row.voteCount,
    at: row.createdAt.toISOString(),
  };
}

/** What hosts, speakers and support staff see: everything, with who asked. */
export function staffQuestion(row: QuestionRow): QuestionView {
  return {
    id: row.id,
    author: row.anonymous ? null : row.authorName,
    askedBy: row.authorName,
    anonymous: row.anonymous,
    body: row.body,
    state: row.state,
    answer: row.answer,
    votes: row.voteCount,
    at: row.createdAt.toISOString(),
    fromRegistration: row.registrationId !== null,
  };
}

/** The room's questions as this reader may see them, with the ids of those they voted for. */
export async function questionsFor(room: Room, sort: QuestionSort, staff = room.staff) {
  // The count of vote rows, exact even within the moment before the stored counter catches up.
  const rows = (
    await db.webinarQuestion.findMany({ where: { webinarId: room.webinar.id }, orderBy: { createdAt: "asc" }, include: { _count: { select: { votes: true } } } })
  ).map(({ _count, ...row }) => ({ ...row, voteCount: _count.votes }));
  const views = staff ? rows.map(staffQuestion) : rows.map(publicQuestion).filter((view): view is QuestionView => view !== null);
  const votes = await db.webinarQuestionVote.findMany({ where: { userId: room.user.id, question: { webinarId: room.webinar.id } }, select: { questionId: true } });
  return { questions: sortQuestions(views, sort), myVotes: votes.map((vote) => vote.questionId) };
}

/**
 * Tells the staff (full view) and the room of a question's new state: its public view, or its
 * removal when attendees could see it before. A question attendees never saw (pending) leaves no
 * trace on the room's stream.
 */
async function announce(
  webinarId: string,
  row: QuestionRow,
  wasPublic = false
) {
  const view = publicQuestion(row);
  await eventBus().publish(
    staffStream(webinarId),
    "question",
    staffQuestion(row)
  );
  if (view) await eventBus().publish(roomStream(webinarId), "question", view);
  else if (wasPublic)
    await eventBus().publish(roomStream(webinarId), "question-removed", {
      id: row.id,
    });
}

export async function askQuestion(
  room: Room,
  input: { body: string; anonymous: boolean }
): Promise<QuestionView> {
  assertOpen(room);
  const settings = await roomSettings(room.webinar.id);
  const state: QuestionState =
    settings.qaPremoderated && !room.mayModerate ? "PENDING" : "OPEN";
  const row = await db.webinarQuestion.create({
    data: {
      webinarId: room.webinar.id,
      userId: room.user.id,
      authorName: room.user.name,
      anonymous: input.anonymous,
      body: input.body,
      state,
    },
  });
  await announce(room.webinar.id, row);
  return staffQuestion(row);
}

/** How long a question's new vote counts are gathered before the room is told (once). */
let voteCountEveryMs = 100;
const countsDue = new Map<string, NodeJS.Timeout>();

/** For tests: how long vote counts are gathered. */
export function setVoteCountInterval(ms: number) {
  voteCountEveryMs = ms;
}

/**
 * Counts a question's votes into its stored counter and tells the room, at most once per 100 ms
 * per question and process: 1,000 votes in ten seconds are a hundred "votes" events, not a
 * thousand, each sent to every open page. The question's row is locked first, then the vote rows
 * are counted (a statement after the lock sees every vote committed before it), so the events
 * carry counts in commit order and the last one the final count.
 */
function countVotesSoon(webinarId: string, questionId: string, attempt = 0) {
  if (countsDue.has(questionId)) return;
  const timer = setTimeout(() => {
    countsDue.delete(questionId);
    eventBus()
      .publishComputed(roomStream(webinarId), "votes", async (tx) => {
        // Lock the question's row first, then count in a second statement (on PostgreSQL a
        // statement's snapshot is taken when it starts: the count must start after the lock, so
        // that it sees every vote committed before). Raw: Prisma's query compiler cost more than
        // the statements.
        await tx.$executeRaw`UPDATE "WebinarQuestion" SET "voteCount" = "voteCount" WHERE "id" = ${questionId}`;
        const [row] = await tx.$queryRaw<{ voteCount: number | bigint }[]>`
          UPDATE "WebinarQuestion" SET "voteCount" = (SELECT COUNT(*) FROM "WebinarQuestionVote" WHERE "questionId" = ${questionId})
           WHERE "id" = ${questionId} RETURNING "voteCount"`;
        return { id: questionId, votes: Number(row?.voteCount ?? 0) };
      })
      .catch((error: unknown) => {
        // A busy database (a lock wait past the transaction's limit): count again shortly, or the
        // last votes would stay uncounted until the next vote on the question.
        logger.warn("vote count not published", { attempt, ...errorFields(error as Error) });
        if (attempt < 5) countVotesSoon(webinarId, questionId, attempt + 1);
      });
  }, voteCountEveryMs);
  timer.unref();
  countsDue.set(questionId, timer);
}

/**
 * Toggles the reader's upvote; answers whether they now vote for it. A vote is one statement (the vote row in or
 * out; its primary key refuses a second one): no transaction holding the question's row (or
 * SQLite's write lock) while a busy process gets round to its next statement, which made 1,000
 * voters queue behind each other. The stored counter follows within 100 ms (countVotesSoon); pages
 * count the rows.
 */
export async function toggleVote(room: Room, questionId: string): Promise<{ voted: boolean }> {
  assertOpen(room);
  // Three small statements, no ORM: a burst of 1,000 votes spends its time here (decision 0027).
  const [question] = await db.$queryRaw<{ state: QuestionState }[]>`
    SELECT "state" FROM "WebinarQuestion" WHERE "id" = ${questionId} AND "webinarId" = ${room.webinar.id}`;
  if (!question || question.state === "PENDING" || question.state === "DISMISSED")
    throw new LiveRefusal("webinarLive:errors.notFound", 404);
  const userId = room.user.id;
  for (let attempt = 0; ; attempt++) {
    const removed = await db.$executeRaw`
      DELETE FROM "WebinarQuestionVote" WHERE "questionId" = ${questionId} AND "userId" = ${userId}`;
    // The same person's two clicks at once: the second one's insert meets the first's row (and
    // deletes it on the next round: two clicks, no vote).
    const inserted =
      removed === 0
        ? await db.$executeRaw`
            INSERT INTO "WebinarQuestionVote" ("questionId", "userId", "createdAt") VALUES (${questionId}, ${userId}, ${new Date()})
            ON CONFLICT ("questionId", "userId") DO NOTHING`
        : 0;
    if (removed === 0 && inserted === 0 && attempt < 2) continue;
    // The room's event carries the count only: never who voted.
    countVotesSoon(room.webinar.id, questionId);
    return { voted: removed === 0 };
  }
}

export async function setQuestionState(
  room: Room,
  questionId: string,
  state: QuestionState,
  answer?: string
) {
  if (!room.staff) {
    throw new LiveRefusal("webinarLive:errors.notModerator", 403);
  }
  const question = await db.webinarQuestion.findFirst({
    where: { id: questionId, webinarId: room.webinar.id },
  });
  if (!question) throw new LiveRefusal("webinarLive:errors.notFound", 404);
  if (state === "ANSWERED_WRITTEN" && !answer)
    throw new LiveRefusal("webinarLive:errors.answerRequired", 400);
  const { row, reopened } = await db.$transaction(async (tx) => {
    // One question is answered at a time: the previous one goes back to open.
    const reopened: QuestionRow[] = [];
    if (state === "ANSWERING") {
      const others = await tx.webinarQuestion.findMany({
        where: {
          webinarId: room.webinar.id,
          state: "ANSWERING",
          NOT: { id: questionId },
        },
      });
      for (const other of others)
        reopened.push(
          await tx.webinarQuestion.update({
            where: { id: other.id },
            data: { state: "OPEN" },
          })
        );
    }
    const row = await tx.webinarQuestion.update({
      where: { id: questionId },
      data: {
        state,
        answer: state === "ANSWERED_WRITTEN" ? answer : question.answer,
        answeredById: state.startsWith("ANSWERED")
          ? room.user.id
          : question.answeredById,
        // Its moment on the replay: when hosts took it ("answering now"), or answered it live without that step.
        liveAnsweredAt:
          state === "ANSWERING" ||
          (state === "ANSWERED_LIVE" && question.state !== "ANSWERING")
            ? new Date()
            : question.liveAnsweredAt,
      },
    });
    return { row, reopened };
  });
  for (const other of reopened) await announce(room.webinar.id, other, true);
  await announce(room.webinar.id, row, publicQuestion(question) !== null);
}

/**
 * Copies the questions written at registration into the Q&A: once when the Q&A is first loaded,
 * and once more after the webinar went live (late registrations). Idempotent: a registration's
 * question has a unique link, so a repeat or a race between two instances adds nothing.
 * They are anonymous towards other attendees (written to the speakers, not to the room).
 */
export async function importRegistrationQuestions(room: Room) {
  const webinarId = room.webinar.id;
  const settings = await roomSettings(webinarId);
  const imported = settings.questionsImportedAt;
  const due =
    !imported ||
    (room.webinar.liveStartedAt !== null &&
      imported < room.webinar.liveStartedAt);
  if (!due) return 0;
  const registrations = await db.webinarRegistration.findMany({
    where: { webinarId, status: "REGISTERED", question: { not: null } },
    select: {
      id: true,
      question: true,
      createdAt: true,
      user: { select: { id: true, name: true } },
    },
    orderBy: { createdAt: "asc" },
  });
  const existing = new Set(
    (
      await db.webinarQuestion.findMany({
        where: { webinarId, registrationId: { not: null } },
        select: { registrationId: true },
      })
    ).map((q) => q.registrationId)
  );
  let added = 0;
  for (const registration of registrations) {
    const body = registration.question?.trim();
    if (!body || existing.has(registration.id)) continue;
    try {
      const row = await db.webinarQuestion.create({
        data: {
          webinarId,
          userId: registration.user.id,
          authorName: registration.user.name,
          anonymous: true,
          body,
          state: settings.qaPremoderated ? "PENDING" : "OPEN",
          registrationId: registration.id,
          createdAt: registration.createdAt,
        },
      });
      added++;
      await announce(webinarId, row);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  await db.webinarLiveSettings.upsert({
    where: { webinarId },
    create: { webinarId, questionsImportedAt: new Date() },
    update: { questionsImportedAt: new Date() },
  });
  return added;
}

/** Unanswered questions after the webinar: the hook for the forum (not wired yet, see docs/webinar-live.md). */
export async function unansweredQuestions(webinarId: string) {
  return db.webinarQuestion.findMany({
    where: { webinarId, state: { in: ["OPEN", "ANSWERING"] } },
    orderBy: [{ voteCount: "desc" }, { createdAt: "asc" }],
  });
}

/**
 * HOOK for the forum (issue in progress): turn the unanswered questions of an ended webinar into
 * forum topics for the speakers. Deliberately not wired into any page or job until the forum
 * module exists; the forum helper implements `createTopic` and calls this from a staff action.
 */
export async function unansweredQuestionsToForum(
  webinarId: string,
  createTopic: (topic: {
    title: string;
    body: string;
    anonymous: boolean;
    askedByUserId: string | null;
  }) => Promise<void>
) {
  const questions = await unansweredQuestions(webinarId);
  for (const question of questions) {
    await createTopic({
      title: question.body.slice(0, 120),
      body: question.body,
      anonymous: question.anonymous,
      askedByUserId: question.userId,
    });
  }
  return questions.length;
}
