// Sessions after Lucia's design: a random token in an HttpOnly cookie, its SHA-256 as the
// row id, sliding expiry capped by an absolute maximum, revocation by deleting the row.
import { db } from "~/lib/db.server.ts";
import { fastRead, sql } from "~/lib/db/fast-read.server.ts";
import { env, secureCookies } from "~/lib/env.server.ts";
import { generateToken, hashToken } from "./tokens.server.ts";
import type { User } from "~/generated/sqlite/client.ts";

const DAY = 24 * 60 * 60 * 1000;

export type SessionMeta = { ipAddress?: string; userAgent?: string | null };
export type SessionUser = Pick<
  User,
  "id" | "email" | "name" | "role" | "locale" | "organizationId" | "isOrganizationManager" | "jobTitle" | "staffKind"
>;
export type ValidSession = { sessionId: string; user: SessionUser };

export function sessionCookieName() {
  return secureCookies() ? "__Host-coop_session" : "coop_session";
}

export async function createSession(userId: string, meta: SessionMeta = {}) {
  const token = generateToken();
  const now = Date.now();
  await db.session.create({
    data: {
      id: hashToken(token),
      userId,
      expiresAt: new Date(now + env().SESSION_TTL_DAYS * DAY),
      absoluteExpiresAt: new Date(now + env().SESSION_MAX_DAYS * DAY),
      ipAddress: meta.ipAddress,
      userAgent: meta.userAgent?.slice(0, 400) ?? null,
    },
  });
  return token;
}

type SessionRow = SessionUser & { disabledAt: Date | null; expiresAt: Date; absoluteExpiresAt: Date; lastSeenAt: Date };

/**
 * The session and its user in one query: it runs on every page of every signed-in person
 * (Prisma's findUnique with include took a second query and several times the time, issue 11),
 * on the fast read path (decision 0029).
 */
async function findSession(sessionId: string) {
  const row = await fastRead().one<SessionRow>(sql`
    SELECT s."expiresAt", s."absoluteExpiresAt", s."lastSeenAt",
           u."id", u."email", u."name", u."role", u."locale", u."organizationId", u."isOrganizationManager", u."jobTitle", u."staffKind", u."disabledAt"
      FROM "Session" s JOIN "User" u ON u."id" = s."userId"
     WHERE s."id" = ${sessionId}`);
  if (!row) return null;
  const { expiresAt, absoluteExpiresAt, lastSeenAt, disabledAt, ...user } = row;
  return { expiresAt, absoluteExpiresAt, lastSeenAt, user: { ...user, disabledAt } };
}

export async function validateSessionToken(token: string): Promise<ValidSession | null> {
  const sessionId = hashToken(token);
  const session = await findSession(sessionId);
  if (!session) return null;
  const now = Date.now();
  if (session.expiresAt.getTime() <= now || session.absoluteExpiresAt.getTime() <= now || session.user.disabledAt) {
    await db.session.deleteMany({ where: { id: sessionId } });
    return null;
  }
  // Slide the expiry forward once a day at most, so reads do not turn into a write per request.
  if (now - session.lastSeenAt.getTime() > DAY) {
    const expiresAt = Math.min(now + env().SESSION_TTL_DAYS * DAY, session.absoluteExpiresAt.getTime());
    await db.session.update({ where: { id: sessionId }, data: { lastSeenAt: new Date(now), expiresAt: new Date(expiresAt) } });
  }
  const { disabledAt: _disabled, ...user } = session.user;
  return { sessionId, user };
}

export async function invalidateSession(sessionId: string) {
  await db.session.deleteMany({ where: { id: sessionId } });
}

/** Ends every session of a user, optionally keeping the current one. */
export async function invalidateUserSessions(userId: string, exceptSessionId?: string) {
  const { count } = await db.session.deleteMany({
    where: { userId, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) },
  });
  return count;
}

export function listUserSessions(userId: string) {
  return db.session.findMany({
    where: { userId, expiresAt: { gt: new Date() } },
    orderBy: { lastSeenAt: "desc" },
    select: { id: true, createdAt: true, lastSeenAt: true, expiresAt: true, ipAddress: true, userAgent: true },
  });
}

export function serializeSessionCookie(token: string) {
  const parts = [
    `${sessionCookieName()}=${token}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${env().SESSION_MAX_DAYS * 24 * 60 * 60}`,
  ];
  if (secureCookies()) parts.push("Secure");
  return parts.join("; ");
}

export function serializeBlankSessionCookie() {
  const parts = [`${sessionCookieName()}=`, "Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=0"];
  if (secureCookies()) parts.push("Secure");
  return parts.join("; ");
}

export function readSessionToken(request: Request): string | null {
  const header = request.headers.get("cookie");
  if (!header) return null;
  const name = sessionCookieName();
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) {
      const value = rest.join("=");
      // Tokens are base64url; anything else is not ours.
      return /^[A-Za-z0-9_-]{20,64}$/.test(value) ? value : null;
    }
  }
  return null;
}

/** Ends one of the user's own sessions by its short public handle, never the current one. */
export async function endOwnSessionByHandle(userId: string, handle: string, currentSessionId: string) {
  const { count } = await db.session.deleteMany({ where: { userId, id: { startsWith: handle, not: currentSessionId } } });
  return count;
}
