// The personal calendar feed, the ONE feed of a person (issue 14): a secret URL
// (/calendar/<token>.ics) a calendar app subscribes to, listing the webinars the person is
// registered for, with a setting every coming webinar they may attend, and the events of the
// registered calendar sources (app/modules/digest/registry.server.ts: labs at merge). Only the
// token's SHA-256 is stored; the URL is shown once when made, and making a new one revokes the
// old (a leaked link stops working).
import { createHash } from "node:crypto";
import { db } from "~/lib/db.server.ts";
import { generateToken, hashToken } from "~/modules/auth/tokens.server.ts";
import { recordAudit, type AuditMeta } from "~/modules/audit/audit.server.ts";
import { registeredCalendarSources } from "~/modules/digest/registry.server.ts";
// The sources that join the one feed (loaded here too: this process may never send a digest).
import "~/modules/labs/calendar.server.ts";
import { accessOfPerson, mayAttendWebinar, webinarSelect } from "~/modules/digest/sources.server.ts";
import { feedCalendar, type FeedEvent, type IcsWebinar } from "./ics.ts";
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

const DAY = 24 * 3_600_000;
/** The feed shows the past half year and the coming year. */
const PAST_MS = 180 * DAY;
const AHEAD_MS = 365 * DAY;

/** The feed's iCalendar text, or null for an unknown or revoked token (or a disabled account). */
export async function calendarFeedFor(token: string, now = new Date()) {
  if (!/^[A-Za-z0-9_-]{16,100}$/.test(token)) return null;
  const feed = await db.calendarFeed.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { revokedAt: true, userId: true, user: { select: { id: true, disabledAt: true, name: true, role: true, locale: true, organizationId: true, isOrganizationManager: true, digestPreference: { select: { calendarAllWebinars: true } } } } },
  });
  if (!feed || feed.revokedAt || feed.user.disabledAt) return null;
  const from = new Date(now.getTime() - PAST_MS);
  const to = new Date(now.getTime() + AHEAD_MS);
  const registrations = await db.webinarRegistration.findMany({
    // Lab rooms are left out: the labs' calendar source gives the session itself (not twice).
    where: { userId: feed.userId, status: "REGISTERED", webinar: { status: { not: "DRAFT" }, startsAt: { gt: from }, labId: null } },
    select: { webinar: true },
  });
  const webinars: IcsWebinar[] = registrations.map((registration) => registration.webinar);
  if (feed.user.digestPreference?.calendarAllWebinars) {
    // Every coming webinar the person may attend, by the rule of the webinar's page.
    const mine = new Set(webinars.map((webinar) => webinar.id));
    const coming = await db.webinar.findMany({
      where: { status: { in: ["SCHEDULED", "LIVE"] }, startsAt: { gte: now, lt: to }, id: { notIn: [...mine] }, labId: null },
      select: { ...webinarSelect, description: true, durationMinutes: true, icsSequence: true, updatedAt: true },
      take: 500,
    });
    const person = await accessOfPerson(feed.user, now);
    webinars.push(...coming.filter((row) => mayAttendWebinar(feed.user, row, person)));
  }
  webinars.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.id.localeCompare(b.id));
  const others: FeedEvent[] = [];
  for (const [, source] of registeredCalendarSources()) others.push(...(await source(feed.userId, from, to)));
  others.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.uid.localeCompare(b.uid));
  return feedCalendar(webinars, { appUrl: appUrl(), now, calendarName: "CO-OP" }, others);
}

/** The feed's ETag: a hash of its text without the DTSTAMP lines (they carry the time of the request). */
export function feedEtag(body: string) {
  const stable = body.replace(/^DTSTAMP:.*\r\n/gm, "");
  return `"${createHash("sha256").update(stable).digest("base64url").slice(0, 32)}"`;
}
