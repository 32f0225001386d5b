// Technical assistance: one private thread per person and webinar with the support staff. The
// person's messages and the staff's replies travel on the person's own stream; the queue (who is
// waiting, who is handling) on the staff stream. Nothing of it reaches the room's stream.
import { db } from "~/lib/db.server.ts";
import { eventBus } from "~/lib/events/index.server.ts";
import { translatorFor } from "~/lib/i18n/locale.server.ts";
import type { AssistMessageView, AssistQueueEntry, CannedAnswer } from "./limits.ts";
import { assertOpen, LiveRefusal, personStream, staffStream, type Room } from "./room.server.ts";

const messageView = (m: { id: string; authorName: string; fromStaff: boolean; body: string; createdAt: Date }): AssistMessageView => ({
  id: m.id,
  author: m.authorName,
  fromStaff: m.fromStaff,
  body: m.body,
  at: m.createdAt.toISOString(),
});

type ThreadRow = { id: string; awaitingStaff: boolean; handledById: string | null; lastMessageAt: Date; closedAt: Date | null; user: { name: string } };

async function queueEntry(thread: ThreadRow): Promise<AssistQueueEntry> {
  const handler = thread.handledById ? await db.user.findUnique({ where: { id: thread.handledById }, select: { name: true } }) : null;
  return {
    threadId: thread.id,
    person: thread.user.name,
    awaitingStaff: thread.awaitingStaff,
    handledBy: handler?.name ?? null,
    lastMessageAt: thread.lastMessageAt.toISOString(),
    closed: thread.closedAt !== null,
  };
}

/** The reader's own thread (messages oldest first). */
export async function myThread(room: Room) {
  const thread = await db.webinarAssistThread.findUnique({
    where: { webinarId_userId: { webinarId: room.webinar.id, userId: room.user.id } },
    include: { messages: { orderBy: { createdAt: "asc" } } },
  });
  return thread ? thread.messages.map(messageView) : [];
}

/** The support queue: unanswered first (oldest waiting first), then the others by last message. */
export async function supportQueue(room: Room): Promise<AssistQueueEntry[]> {
  if (!room.maySupport) return [];
  const threads = await db.webinarAssistThread.findMany({
    where: { webinarId: room.webinar.id },
    include: { user: { select: { name: true } } },
    orderBy: [{ awaitingStaff: "desc" }, { lastMessageAt: "asc" }],
  });
  const entries: AssistQueueEntry[] = [];
  for (const thread of threads) entries.push(await queueEntry(thread));
  return entries;
}

export async function threadForStaff(room: Room, threadId: string) {
  if (!room.maySupport) throw new LiveRefusal("webinarLive:errors.notSupport", 403);
  const thread = await db.webinarAssistThread.findFirst({
    where: { id: threadId, webinarId: room.webinar.id },
    include: { user: { select: { name: true } }, messages: { orderBy: { createdAt: "asc" } } },
  });
  if (!thread) throw new LiveRefusal("webinarLive:errors.notFound", 404);
  return { id: thread.id, person: thread.user.name, messages: thread.messages.map(messageView) };
}

/** The person asks for help (opens or continues their thread). */
export async function askForHelp(room: Room, body: string) {
  assertOpen(room);
  const webinarId = room.webinar.id;
  const now = new Date();
  const { thread, message } = await db.$transaction(async (tx) => {
    const thread = await tx.webinarAssistThread.upsert({
      where: { webinarId_userId: { webinarId, userId: room.user.id } },
      create: { webinarId, userId: room.user.id, awaitingStaff: true, lastMessageAt: now },
      update: { awaitingStaff: true, lastMessageAt: now, closedAt: null },
      include: { user: { select: { name: true } } },
    });
    const message = await tx.webinarAssistMessage.create({ data: { threadId: thread.id, authorId: room.user.id, authorName: room.user.name, fromStaff: false, body, createdAt: now } });
    return { thread, message };
  });
  await eventBus().publish(personStream(webinarId, room.user.id), "assist-message", messageView(message));
  await eventBus().publish(staffStream(webinarId), "assist-queue", await queueEntry(thread));
  return messageView(message);
}

/** A support person replies (free text or a canned answer, in the person's language). */
export async function replyToThread(room: Room, threadId: string, input: { body?: string; canned?: CannedAnswer }) {
  if (!room.maySupport) throw new LiveRefusal("webinarLive:errors.notSupport", 403);
  const thread = await db.webinarAssistThread.findFirst({ where: { id: threadId, webinarId: room.webinar.id }, include: { user: { select: { locale: true } } } });
  if (!thread) throw new LiveRefusal("webinarLive:errors.notFound", 404);
  const body = input.canned ? translatorFor(thread.user.locale === "en" ? "en" : "it")(`webinarLive:assist.canned.${input.canned}.text`) : input.body;
  if (!body) throw new LiveRefusal("webinarLive:errors.replyRequired", 400);
  const now = new Date();
  const { updated, message } = await db.$transaction(async (tx) => {
    const updated = await tx.webinarAssistThread.update({
      where: { id: thread.id },
      data: { awaitingStaff: false, lastMessageAt: now, handledById: thread.handledById ?? room.user.id },
      include: { user: { select: { name: true } } },
    });
    const message = await tx.webinarAssistMessage.create({ data: { threadId: thread.id, authorId: room.user.id, authorName: room.user.name, fromStaff: true, body, createdAt: now } });
    return { updated, message };
  });
  await eventBus().publish(personStream(room.webinar.id, thread.userId), "assist-message", messageView(message));
  await eventBus().publish(staffStream(room.webinar.id), "assist-queue", await queueEntry(updated));
  return messageView(message);
}

/** A support person takes a request ("I am handling it"), so two do not answer the same one. */
export async function takeThread(room: Room, threadId: string) {
  if (!room.maySupport) throw new LiveRefusal("webinarLive:errors.notSupport", 403);
  const thread = await db.webinarAssistThread.findFirst({ where: { id: threadId, webinarId: room.webinar.id } });
  if (!thread) throw new LiveRefusal("webinarLive:errors.notFound", 404);
  const updated = await db.webinarAssistThread.update({ where: { id: threadId }, data: { handledById: room.user.id }, include: { user: { select: { name: true } } } });
  await eventBus().publish(staffStream(room.webinar.id), "assist-queue", await queueEntry(updated));
}
