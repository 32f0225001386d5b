// The personal calendar feed: a secret URL (/calendar/<token>.ics) a calendar app subscribes to,
// listing the webinars the person is registered for. Only the token's SHA-256 is stored; the URL
// is shown once when made, and making a new one revokes the old (a leaked link stops working).
import { db } from "~/lib/db.server.ts";
import { generateToken, hashToken } from "~/modules/auth/tokens.server.ts";
import { recordAudit, type AuditMeta } from "~/modules/audit/audit.server.ts";
import { feedCalendar } from "./ics.ts";
import { appUrl } from "./notify.server.ts";

export function feedUrl(token: string) {
  return `${appUrl()}/calendar/${token}.ics`;
}

/** Revokes the person's feeds and makes a new one; returns its URL (shown once). */
export async function renewCalendarFeed(userId: string, meta: AuditMeta) {
  const token = generateToken();
  await db.$transaction(async (tx) => {
    await tx.calendarFeed.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
    await tx.calendarFeed.create({ data: { userId, tokenHash: hashToken(token) } });
    await recordAudit({ actorId: userId, action: "calendar.feed_renew", targetType: "User", targetId: userId, summary: "Nuovo link del calendario personale", ipAddress: meta.ipAddress }, tx);
  });
  return feedUrl(token);
}

export async function revokeCalendarFeed(userId: string, meta: AuditMeta) {
  await db.$transaction(async (tx) => {
    await tx.calendarFeed.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
    await recordAudit({ actorId: userId, action: "calendar.feed_revoke", targetType: "User", targetId: userId, summary: "Revocato il link del calendario personale", ipAddress: meta.ipAddress }, tx);
  });
}

export async function hasCalendarFeed(userId: string) {
  return (await db.calendarFeed.count({ where: { userId, revokedAt: null } })) > 0;
}

/** The feed's iCalendar text, or null for an unknown or revoked token (or a disabled account). */
export async function calendarFeedFor(token: string, now = new Date()) {
  if (!/^[A-Za-z0-9_-]{16,100}$/.test(token)) return null;
  const feed = await db.calendarFeed.findUnique({ where: { tokenHash: hashToken(token) }, select: { revokedAt: true, userId: true, user: { select: { disabledAt: true, name: true } } } });
  if (!feed || feed.revokedAt || feed.user.disabledAt) return null;
  const registrations = await db.webinarRegistration.findMany({
    where: { userId: feed.userId, status: "REGISTERED", webinar: { status: { not: "DRAFT" }, startsAt: { gt: new Date(now.getTime() - 180 * 24 * 3_600_000) } } },
    select: { webinar: true },
    orderBy: { webinar: { startsAt: "asc" } },
  });
  return feedCalendar(
    registrations.map((registration) => registration.webinar),
    { appUrl: appUrl(), now, calendarName: "CO-OP webinar" },
  );
}
