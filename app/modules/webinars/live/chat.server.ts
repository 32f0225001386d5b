// Live chat: messages stored and pushed on the room's stream, with the per-person limit (one a
// second, more in slow mode), mute, chat off/on and hiding. A hidden message's stored event is
// redacted in the same transaction as the hide, so a client replaying the stream from any position
// never receives its text again.
import { randomBytes } from "node:crypto";
import { db } from "~/lib/db.server.ts";
import { eventBus } from "~/lib/events/index.server.ts";
import { publishAccessChanged } from "~/lib/events/sse.server.ts";
import { isUniqueViolation } from "~/lib/prisma-errors.ts";
import { renderMarkdown } from "~/lib/markdown/markdown.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { CHAT_MIN_GAP_SECONDS, CHAT_PAGE, type ChatView, type SettingsView } from "./limits.ts";
import { forgetMembers, memberKey, heldMembers } from "./held.server.ts";
import { assertOpen, LiveRefusal, roomSettings, roomStream, type Room } from "./room.server.ts";

type Meta = { ipAddress?: string };

export function chatView(message: { id: string; authorName: string; body: string; createdAt: Date }): ChatView {
  return { id: message.id, author: message.authorName, html: renderMarkdown(message.body), at: message.createdAt.toISOString() };
}

/** The visible messages, oldest first (the last CHAT_PAGE of them, or all for the archive). */
export async function visibleMessages(webinarId: string, all = false): Promise<ChatView[]> {
  const rows = await db.webinarChatMessage.findMany({
    where: { webinarId, hiddenAt: null },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: all ? undefined : CHAT_PAGE,
  });
  return rows.reverse().map(chatView);
}

/** The person's row (two first messages at once: the loser of the insert finds the winner's row). */
async function ensureMember(webinarId: string, userId: string) {
  try {
    await db.webinarLiveMember.upsert({ where: { webinarId_userId: { webinarId, userId } }, create: { webinarId, userId }, update: {} });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
}

/** Sends a chat message (text already validated: length, control characters). */
export async function postChat(room: Room, body: string): Promise<ChatView> {
  assertOpen(room);
  const settings = await roomSettings(room.webinar.id);
  if (!settings.chatEnabled && !room.mayModerate) throw new LiveRefusal("webinarLive:errors.chatOff", 409);
  if (room.muted) throw new LiveRefusal("webinarLive:errors.muted", 403);
  const webinarId = room.webinar.id;
  const userId = room.user.id;
  const gap = room.mayModerate ? CHAT_MIN_GAP_SECONDS : Math.max(CHAT_MIN_GAP_SECONDS, settings.slowModeSeconds);
  // Only a first message writes the person's row: one write less (and one wait less for SQLite's
  // write lock) for every other message.
  if (!room.member) {
    await ensureMember(webinarId, userId);
    heldMembers.forget((key) => key === memberKey(webinarId, userId));
  }
  const event = await eventBus().publishComputed(roomStream(webinarId), "chat", async (tx) => {
    const now = new Date();
    // The limit is claimed with a conditional update: two requests at once (two tabs, two
    // instances) cannot both pass, and a muted or removed person's row never matches. Raw
    // statements: Prisma's query compiler cost several times these writes on every message.
    const claimed = await tx.$executeRaw`
      UPDATE "WebinarLiveMember" SET "lastMessageAt" = ${now}
       WHERE "webinarId" = ${webinarId} AND "userId" = ${userId} AND "mutedAt" IS NULL AND "removedAt" IS NULL
         AND ("lastMessageAt" IS NULL OR "lastMessageAt" <= ${new Date(now.getTime() - gap * 1000)})`;
    if (claimed !== 1) throw new LiveRefusal("webinarLive:errors.tooFast", 429, { count: gap });
    const message = { id: messageId(now), authorName: room.user.name, body, createdAt: now };
    await tx.$executeRaw`
      INSERT INTO "WebinarChatMessage" ("id", "webinarId", "userId", "authorName", "body", "createdAt")
      VALUES (${message.id}, ${webinarId}, ${userId}, ${message.authorName}, ${body}, ${now})`;
    return chatView(message);
  });
  return event.value;
}

/** A message's id: its time first, so ids sort like the messages they name (the page's tie-break). */
function messageId(at: Date) {
  return `c${at.getTime().toString(36)}${randomBytes(8).toString("hex")}`;
}

/** Hides a message for everyone: gone from open pages now, from every page and replay after. */
export async function hideMessage(room: Room, messageId: string, meta: Meta = {}) {
  if (!room.mayModerate) throw new LiveRefusal("webinarLive:errors.notModerator", 403);
  const message = await db.webinarChatMessage.findFirst({ where: { id: messageId, webinarId: room.webinar.id } });
  if (!message) throw new LiveRefusal("webinarLive:errors.notFound", 404);
  if (message.hiddenAt) return;
  const stream = roomStream(room.webinar.id);
  await eventBus().publish(stream, "chat-hidden", { id: message.id }, async (tx) => {
    await tx.webinarChatMessage.update({ where: { id: message.id }, data: { hiddenAt: new Date(), hiddenById: room.user.id } });
    // The stored "chat" event of this message becomes a "chat-hidden" one without the text.
    await tx.event.updateMany({
      where: { stream, type: "chat", data: { contains: `"id":"${message.id}"` } },
      data: { type: "chat-hidden", data: JSON.stringify({ id: message.id }) },
    });
    await recordAudit(
      {
        actorId: room.user.id,
        action: "webinar-live.hide_message",
        targetType: "WebinarChatMessage",
        targetId: message.id,
        summary: `Nascosto un messaggio di ${message.authorName} nella chat del webinar ${room.webinar.title}`,
        ipAddress: meta.ipAddress,
      },
      tx,
    );
  });
}

/** Mutes or unmutes a person (they keep reading); their messages so far stay unless hidden. */
export async function setMuted(room: Room, userId: string, muted: boolean, meta: Meta = {}) {
  if (!room.mayModerate) throw new LiveRefusal("webinarLive:errors.notModerator", 403);
  const webinarId = room.webinar.id;
  const person = await db.user.findUnique({ where: { id: userId }, select: { id: true, name: true } });
  if (!person) throw new LiveRefusal("webinarLive:errors.notFound", 404);
  await db.$transaction(async (tx) => {
    await tx.webinarLiveMember.upsert({
      where: { webinarId_userId: { webinarId, userId } },
      create: { webinarId, userId, mutedAt: muted ? new Date() : null },
      update: { mutedAt: muted ? new Date() : null },
    });
    await recordAudit(
      {
        actorId: room.user.id,
        action: muted ? "webinar-live.mute" : "webinar-live.unmute",
        targetType: "User",
        targetId: userId,
        summary: `${muted ? "Silenziato" : "Riattivato"} ${person.name} nella chat del webinar ${room.webinar.title}`,
        ipAddress: meta.ipAddress,
      },
      tx,
    );
  });
  // Every process drops its held copy of the person's room row (their streams stay: they still read).
  forgetMembers([userId]);
  await publishAccessChanged([userId]);
}

/** Removes a person from the live page: their open streams end and the page refuses them. */
export async function setRemoved(room: Room, userId: string, removed: boolean, meta: Meta = {}) {
  if (!room.mayModerate) throw new LiveRefusal("webinarLive:errors.notModerator", 403);
  if (userId === room.user.id) throw new LiveRefusal("webinarLive:errors.notYourself", 400);
  const webinarId = room.webinar.id;
  const person = await db.user.findUnique({ where: { id: userId }, select: { id: true, name: true } });
  if (!person) throw new LiveRefusal("webinarLive:errors.notFound", 404);
  await db.$transaction(async (tx) => {
    await tx.webinarLiveMember.upsert({
      where: { webinarId_userId: { webinarId, userId } },
      create: { webinarId, userId, removedAt: removed ? new Date() : null },
      update: { removedAt: removed ? new Date() : null },
    });
    await recordAudit(
      {
        actorId: room.user.id,
        action: removed ? "webinar-live.remove" : "webinar-live.readmit",
        targetType: "User",
        targetId: userId,
        summary: `${removed ? "Allontanato" : "Riammesso"} ${person.name} dalla pagina dal vivo del webinar ${room.webinar.title}`,
        ipAddress: meta.ipAddress,
      },
      tx,
    );
  });
  // Every process re-checks this person's open streams now and drops its held copy of their row.
  forgetMembers([userId]);
  await publishAccessChanged([userId]);
}

/** Chat on/off, slow mode, Q&A pre-moderation: stored, then told to every open page. */
export async function updateSettings(room: Room, change: Partial<SettingsView>, meta: Meta = {}): Promise<SettingsView> {
  if (!room.mayModerate) throw new LiveRefusal("webinarLive:errors.notModerator", 403);
  const webinarId = room.webinar.id;
  const event = await eventBus().publishComputed(roomStream(webinarId), "settings", async (tx) => {
    const row = await tx.webinarLiveSettings.upsert({ where: { webinarId }, create: { webinarId, ...change }, update: change });
    await recordAudit(
      {
        actorId: room.user.id,
        action: "webinar-live.settings",
        targetType: "Webinar",
        targetId: webinarId,
        summary: `Impostazioni della chat del webinar ${room.webinar.title}: chat ${row.chatEnabled ? "attiva" : "chiusa"}, modalità lenta ${row.slowModeSeconds} s, domande ${row.qaPremoderated ? "moderate" : "libere"}`,
        details: { ...change },
        ipAddress: meta.ipAddress,
      },
      tx,
    );
    return { chatEnabled: row.chatEnabled, slowModeSeconds: row.slowModeSeconds, qaPremoderated: row.qaPremoderated } satisfies SettingsView;
  });
  return event.value;
}

/** People who wrote in the chat (for the moderators' mute and remove list). */
export async function chatParticipants(webinarId: string) {
  const members = await db.webinarLiveMember.findMany({
    where: { webinarId },
    select: { userId: true, mutedAt: true, removedAt: true, user: { select: { name: true } } },
    orderBy: { user: { name: "asc" } },
  });
  return members.map((member) => ({ userId: member.userId, name: member.user.name, muted: Boolean(member.mutedAt), removed: Boolean(member.removedAt) }));
}
