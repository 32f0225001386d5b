// Presence: how many people have the live page open, whether or not they joined the media. A
// person's row is touched when the page loads and whenever its room stream opens or is re-checked
// by the SSE helper (every minute), so it works across workers and instances through the database;
// someone whose row is older than the window has left. Arrivals are told to the staff stream,
// coalesced (one count every few seconds per webinar and process, not one event per arrival).
//
// Presence is best effort: the stream's open() and its re-checks call it, and a failed write there
// must never end a reader's stream, so errors are logged and swallowed.
import { db } from "~/lib/db.server.ts";
import { eventBus } from "~/lib/events/index.server.ts";
import { errorFields, logger } from "~/lib/logger.server.ts";
import { isUniqueViolation } from "~/lib/prisma-errors.ts";
import { staffStream } from "./room.server.ts";

/** Two and a half re-check intervals: one missed re-check does not make a person leave. */
export const PRESENCE_WINDOW_MS = 150_000;
/** A person touched this recently by this process is not written again. */
const TOUCH_EVERY_MS = 45_000;
const ANNOUNCE_AFTER_MS = 2_000;

const touched = new Map<string, number>();
const announcing = new Set<string>();

export async function presenceCount(webinarId: string, now = new Date()) {
  return db.webinarPresence.count({ where: { webinarId, seenAt: { gte: new Date(now.getTime() - PRESENCE_WINDOW_MS) } } });
}

function announceSoon(webinarId: string) {
  if (announcing.has(webinarId)) return;
  announcing.add(webinarId);
  const timer = setTimeout(() => {
    announcing.delete(webinarId);
    presenceCount(webinarId)
      .then((count) => eventBus().publish(staffStream(webinarId), "presence", { count }))
      .catch((error: unknown) => logger.warn("presence count not published", errorFields(error as Error)));
  }, ANNOUNCE_AFTER_MS);
  timer.unref();
}

/** Marks the person present; on an arrival (new, or back after the window) the staff get the new count shortly. */
export async function touchPresence(webinarId: string, userId: string, now = new Date()): Promise<boolean> {
  const key = `${webinarId}:${userId}`;
  const last = touched.get(key);
  if (last !== undefined && now.getTime() - last < TOUCH_EVERY_MS) return false;
  touched.set(key, now.getTime());
  if (touched.size > 50_000) touched.clear();
  try {
    // findFirst: not merged with the other re-checks' lookups (see room.server.ts).
    const before = await db.webinarPresence.findFirst({ where: { webinarId, userId } });
    try {
      await db.webinarPresence.upsert({ where: { webinarId_userId: { webinarId, userId } }, create: { webinarId, userId, seenAt: now }, update: { seenAt: now } });
    } catch (error) {
      // The same person's page and stream at once: the other one wrote the row.
      if (!isUniqueViolation(error)) throw error;
    }
    const arrived = !before || before.seenAt.getTime() < now.getTime() - PRESENCE_WINDOW_MS;
    if (arrived) announceSoon(webinarId);
    return arrived;
  } catch (error) {
    touched.delete(key);
    logger.warn("presence not recorded", errorFields(error as Error));
    return false;
  }
}
