// Polls: prepared before the webinar (or during it) by hosts, opened and closed by them, one answer
// per person (the ballot's primary key), results kept. Attendees see the results (live while the
// poll is open, then kept) only when the host chooses; staff always do.
import { db } from "~/lib/db.server.ts";
import { eventBus } from "~/lib/events/index.server.ts";
import { isUniqueViolation } from "~/lib/prisma-errors.ts";
import type { PollView } from "./limits.ts";
import { assertOpen, LiveRefusal, roomStream, staffStream, type Room } from "./room.server.ts";

async function pollRow(pollId: string) {
  return db.webinarPoll.findUnique({ where: { id: pollId }, include: { options: { orderBy: { position: "asc" } } } });
}
type PollRow = NonNullable<Awaited<ReturnType<typeof pollRow>>>;

async function counts(pollId: string) {
  const [groups, total] = await Promise.all([
    db.webinarPollChoice.groupBy({ by: ["optionId"], where: { pollId }, _count: { _all: true } }),
    db.webinarPollBallot.count({ where: { pollId } }),
  ]);
  return { byOption: new Map(groups.map((g) => [g.optionId, g._count._all])), total };
}

function view(poll: PollRow, tally: Awaited<ReturnType<typeof counts>> | null): PollView {
  return {
    id: poll.id,
    question: poll.question,
    multiple: poll.multiple,
    state: poll.state,
    showResults: poll.showResults,
    options: poll.options.map((option) => ({ id: option.id, label: option.label, votes: tally ? (tally.byOption.get(option.id) ?? 0) : null })),
    total: tally ? tally.total : null,
  };
}

/** Polls as this reader sees them: staff all of them with results; attendees open and closed ones. */
export async function pollsFor(room: Room) {
  const polls = await db.webinarPoll.findMany({
    where: { webinarId: room.webinar.id, ...(room.staff ? {} : { state: { in: ["OPEN", "CLOSED"] } }) },
    include: { options: { orderBy: { position: "asc" } } },
    orderBy: { createdAt: "asc" },
  });
  const mine = await db.webinarPollChoice.findMany({ where: { userId: room.user.id, poll: { webinarId: room.webinar.id } }, select: { pollId: true, optionId: true } });
  const views: PollView[] = [];
  for (const poll of polls) views.push(view(poll, room.staff || poll.showResults ? await counts(poll.id) : null));
  return { polls: views, myChoices: mine };
}

async function announce(poll: PollRow) {
  const tally = await counts(poll.id);
  await eventBus().publish(staffStream(poll.webinarId), "poll", view(poll, tally));
  if (poll.state !== "DRAFT") await eventBus().publish(roomStream(poll.webinarId), "poll", view(poll, poll.showResults ? tally : null));
}

function requireHost(room: Room) {
  if (!room.mayHost) throw new LiveRefusal("webinarLive:errors.notHost", 403);
}

export async function createPoll(room: Room, input: { question: string; options: string[]; multiple: boolean; showResults: boolean }) {
  requireHost(room);
  const poll = await db.webinarPoll.create({
    data: {
      webinarId: room.webinar.id,
      question: input.question,
      multiple: input.multiple,
      showResults: input.showResults,
      options: { create: input.options.map((label, position) => ({ label, position })) },
    },
    include: { options: { orderBy: { position: "asc" } } },
  });
  await announce(poll);
  return poll.id;
}

export async function changePoll(room: Room, pollId: string, change: "open" | "close" | "show" | "hide") {
  requireHost(room);
  const poll = await pollRow(pollId);
  if (!poll || poll.webinarId !== room.webinar.id) throw new LiveRefusal("webinarLive:errors.notFound", 404);
  if (change === "open") assertOpen(room);
  const data =
    change === "open" ? { state: "OPEN" as const, openedAt: new Date() } : change === "close" ? { state: "CLOSED" as const, closedAt: new Date() } : { showResults: change === "show" };
  await db.webinarPoll.update({ where: { id: pollId }, data });
  await announce((await pollRow(pollId))!);
}

export async function answerPoll(room: Room, pollId: string, optionIds: string[]) {
  assertOpen(room);
  const poll = await pollRow(pollId);
  if (!poll || poll.webinarId !== room.webinar.id || poll.state === "DRAFT") throw new LiveRefusal("webinarLive:errors.notFound", 404);
  if (poll.state !== "OPEN") throw new LiveRefusal("webinarLive:errors.pollClosed", 409);
  const chosen = [...new Set(optionIds)];
  const valid = new Set(poll.options.map((option) => option.id));
  if (!chosen.length) throw new LiveRefusal("webinarLive:errors.chooseOption", 400);
  if (chosen.some((id) => !valid.has(id)) || (!poll.multiple && chosen.length > 1)) throw new LiveRefusal("webinarLive:errors.badChoice", 400);
  try {
    await db.$transaction(async (tx) => {
      await tx.webinarPollBallot.create({ data: { pollId, userId: room.user.id } });
      for (const optionId of chosen) await tx.webinarPollChoice.create({ data: { pollId, optionId, userId: room.user.id } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new LiveRefusal("webinarLive:errors.alreadyAnswered", 409);
    throw error;
  }
  await announce(poll);
}
