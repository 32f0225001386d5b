// Self-registration for a public webinar an admin opened to it: a visitor gives name and email,
// receives a single-use link (24 hours), sets a password there, and is then an account holder
// registered for the webinar, signed in. The request page answers the same whether or not the
// address has an account (that person gets an email telling them to sign in instead).
import { db } from "~/lib/db.server.ts";
import { DomainError } from "~/lib/domain-error.ts";
import { sendEmail } from "~/lib/mail/send.server.ts";
import { claimAttempt, type Limit } from "~/lib/rate-limit.server.ts";
import { isUniqueViolation } from "~/lib/prisma-errors.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { hashPassword } from "~/modules/auth/password.server.ts";
import { createSession, type SessionMeta } from "~/modules/auth/session.server.ts";
import { generateToken, hashToken } from "~/modules/auth/tokens.server.ts";
import { webinarUrl } from "./notify.server.ts";
import { register } from "./registration.server.ts";

const SIGNUP_HOURS = 24;
const SIGNUP_LIMITS = {
  perIpHour: { name: "webinar-signup-ip-h", max: 20, windowSeconds: 3600 },
  perEmailHour: { name: "webinar-signup-email-h", max: 3, windowSeconds: 3600 },
} satisfies Record<string, Limit>;

/** May a visitor sign up for this webinar on its page? */
export function selfRegistrationOpen(webinar: { audience: string; selfRegistration: boolean; status: string }) {
  return webinar.audience === "PUBLIC" && webinar.selfRegistration && webinar.status === "SCHEDULED";
}

/** Sends the confirmation link (or the "you already have an account" note). Returns the seconds to wait when rate-limited. */
export async function requestSignup(slug: string, input: { name: string; email: string; locale: "it" | "en" }, meta: { ipAddress?: string }): Promise<{ retryAfterSeconds?: number }> {
  const webinar = await db.webinar.findUnique({ where: { slug } });
  if (!webinar || !selfRegistrationOpen(webinar)) throw new DomainError("errors.notFoundText", {}, { status: 404 });
  const limit = await claimAttempt([
    { limit: SIGNUP_LIMITS.perIpHour, subject: meta.ipAddress ?? "unknown" },
    { limit: SIGNUP_LIMITS.perEmailHour, subject: input.email },
  ]);
  if (!limit.allowed) return { retryAfterSeconds: limit.retryAfterSeconds };
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  const data = { name: input.name, title: webinar.title, startsAt: webinar.startsAt, expiresInHours: SIGNUP_HOURS };
  if (existing) {
    await sendEmail({ to: input.email, template: "webinar-signup", locale: input.locale, data: { ...data, kind: "accountExists", url: webinarUrl(webinar.slug) } });
    return {};
  }
  const token = generateToken();
  await db.$transaction(async (tx) => {
    await tx.webinarSignup.create({
      data: { webinarId: webinar.id, email: input.email, name: input.name, locale: input.locale, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + SIGNUP_HOURS * 3_600_000) },
    });
    await sendEmail({ to: input.email, template: "webinar-signup", locale: input.locale, data: { ...data, kind: "confirm", url: `${webinarUrl(webinar.slug)}/signup/${token}` } }, { tx });
  });
  return {};
}

export type SignupView = { state: "pending" | "used" | "expired"; email: string; name: string; webinarTitle: string; slug: string };

/** What the link shows, or null for an unknown token (or one for another webinar). */
export async function viewSignup(slug: string, token: string, now = new Date()): Promise<SignupView | null> {
  if (!/^[A-Za-z0-9_-]{16,100}$/.test(token)) return null;
  const signup = await db.webinarSignup.findUnique({ where: { tokenHash: hashToken(token) }, include: { webinar: { select: { slug: true, title: true } } } });
  if (!signup || signup.webinar.slug !== slug) return null;
  const state = signup.usedAt ? "used" : signup.expiresAt <= now ? "expired" : "pending";
  return { state, email: signup.email, name: signup.name, webinarTitle: signup.webinar.title, slug };
}

/**
 * Creates the account (a member without organization: a public webinar needs only an account),
 * claims the link with a conditional update (it works once), registers for the webinar (a seat
 * or the waitlist, with the usual email and invitation) and signs the person in.
 */
export async function completeSignup(token: string, input: { name: string; password: string }, meta: SessionMeta) {
  const signup = await db.webinarSignup.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!signup) throw new DomainError("errors.notFoundText", {}, { status: 404 });
  const passwordHash = await hashPassword(input.password);
  const now = new Date();
  let user;
  try {
    user = await db.$transaction(async (tx) => {
      const { count } = await tx.webinarSignup.updateMany({ where: { id: signup.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
      if (count === 0) throw new DomainError("webinars:signup.usedText", {}, { status: 410 });
      const created = await tx.user.create({
        data: { email: signup.email, name: input.name, role: "MEMBER", locale: signup.locale === "en" ? "en" : "it", passwordHash, passwordChangedAt: now, lastLoginAt: now },
      });
      await recordAudit(
        { actorId: created.id, action: "webinar.self_signup", targetType: "User", targetId: created.id, summary: `${created.email} si è registrato da un webinar pubblico`, details: { webinarId: signup.webinarId }, ipAddress: meta.ipAddress },
        tx,
      );
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError("webinars:signup.accountExistsText", {}, { status: 409 });
    throw error;
  }
  const registration = await register(signup.webinarId, user, undefined).catch((error: unknown) => {
    // The webinar was cancelled or closed meanwhile: the account stays, the page says so.
    if (error instanceof DomainError) return null;
    throw error;
  });
  const sessionToken = await createSession(user.id, meta);
  return { user, sessionToken, registration };
}
