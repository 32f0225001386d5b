// Presence: how many people have the live page open, whether or not they joined the media. A
// person's row is touched when the page loads and whenever its room stream opens or is re-checked
// by the SSE helper (every minute), so it works across workers and instances through the database;
// someone whose row is older than the window has left. Arrivals are told to the staff stream.
import { db } from "~/lib/db.server.ts";
import { eventBus } from "~/lib/events/index.server.ts";
import { isUniqueViolation } from "~/lib/prisma-errors.ts";
import { staffStream } from "./room.server.ts";

/** Two and a half re-check intervals: one missed re-check does not make a person leave. */
export const PRESENCE_WINDOW_MS = 150_000;

export async function presenceCount(webinarId: string, now = new Date()) {
  return db.webinarPresence.count({ where: { webinarId, seenAt: { gte: new Date(now.getTime() - PRESENCE_WINDOW_MS) } } });
}

/** Marks the person present; on an arrival (new, or back after the window) tells the staff the new count. */
export async function touchPresence(webinarId: string, userId: string, now = new Date()) {
  const before = await db.webinarPresence.findUnique({ where: { webinarId_userId: { webinarId, userId } } });
  try {
    await db.webinarPresence.upsert({ where: { webinarId_userId: { webinarId, userId } }, create: { webinarId, userId, seenAt: now }, update: { seenAt: now } });
  } catch (error) {
    // The same person's page and stream at once: the other one wrote the row.
    if (!isUniqueViolation(error)) throw error;
  }
  const arrived = !before || before.seenAt.getTime() < now.getTime() - PRESENCE_WINDOW_MS;
  if (arrived) await eventBus().publish(staffStream(webinarId), "presence", { count: await presenceCount(webinarId, now) });
  return arrived;
}
