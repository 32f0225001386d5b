// Forgotten password: an emailed single-use link, valid one hour, stored only as a hash.
import { db } from "~/lib/db.server.ts";
import { env } from "~/lib/env.server.ts";
import { defineJob } from "~/lib/jobs/define.server.ts";
import { enqueueJob } from "~/lib/jobs/queue.server.ts";
import { claimAttempt, LIMITS } from "~/lib/rate-limit.server.ts";
import { isLocale } from "~/lib/i18n/resources.ts";
import { sendEmail } from "~/lib/mail/send.server.ts";
import { hashPassword } from "./password.server.ts";
import { invalidateUserSessions } from "./session.server.ts";
import { generateToken, hashToken } from "./tokens.server.ts";

export const RESET_TOKEN_MINUTES = 60;

export type ResetRequestResult = { ok: true } | { ok: false; reason: "rateLimited"; retryAfterSeconds: number };

export const PASSWORD_RESET_JOB = "auth.password-reset";

/**
 * Queues a reset link for the email. The caller shows the same confirmation either way, and the
 * answer must not reveal whether an account exists by its timing either: looking the account up,
 * creating the token and rendering the email (tens of milliseconds, only for real accounts) happen
 * in a background job, so every request does the same work here: the limits and one queued row.
 */
export async function requestPasswordReset(input: { email: string; ipAddress: string; now?: Date }): Promise<ResetRequestResult> {
  const email = input.email.trim().toLowerCase();
  const now = input.now ?? new Date();
  const limits = [
    { limit: LIMITS.resetPerIpMinute, subject: input.ipAddress },
    { limit: LIMITS.resetPerIpHour, subject: input.ipAddress },
    { limit: LIMITS.resetPerAccountHour, subject: email },
  ];
  // Every request counts; refused ones are given back, so the wait shown is the wait applied.
  const claim = await claimAttempt(limits, now);
  if (!claim.allowed) return { ok: false, reason: "rateLimited", retryAfterSeconds: claim.retryAfterSeconds };
  // A few attempts: an email that cannot be queued after that is better lost than retried for hours.
  await enqueueJob(PASSWORD_RESET_JOB, { email }, { maxAttempts: 3 });
  return { ok: true };
}

/** The job: sends the link when the email belongs to an enabled account, else does nothing. */
export async function sendPasswordResetLink(email: string, now = new Date()) {
  const user = await db.user.findUnique({ where: { email } });
  if (!user || user.disabledAt) return;

  const token = generateToken();
  await db.$transaction([
    // Only the newest link works.
    db.passwordResetToken.deleteMany({ where: { userId: user.id, usedAt: null } }),
    db.passwordResetToken.create({
      data: { userId: user.id, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + RESET_TOKEN_MINUTES * 60_000) },
    }),
  ]);
  await sendEmail({
    to: user.email,
    template: "password-reset",
    locale: isLocale(user.locale) ? user.locale : "it",
    data: { name: user.name, resetUrl: `${env().APP_URL}/reset-password/${token}`, expiresInMinutes: RESET_TOKEN_MINUTES },
  });
}

defineJob<{ email: string }>(PASSWORD_RESET_JOB, async ({ email }, ctx) => {
  await sendPasswordResetLink(email, ctx.now);
});

/** Deletes the account's unused reset links (on disabling: they must not work after re-enabling). */
export async function revokeResetLinks(userId: string, client: Pick<typeof db, "passwordResetToken"> = db) {
  const { count } = await client.passwordResetToken.deleteMany({ where: { userId, usedAt: null } });
  return count;
}

/** The token's user if the link is still valid (unused, not expired, account enabled). */
export async function findValidResetToken(token: string, now = new Date()) {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const row = await db.passwordResetToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  if (!row || row.usedAt || row.expiresAt <= now || row.user.disabledAt) return null;
  return row;
}

/** Sets the new password, consumes the link and ends every session of the account. */
export async function resetPassword(token: string, newPassword: string, now = new Date()) {
  const row = await findValidResetToken(token, now);
  if (!row) return null;
  const passwordHash = await hashPassword(newPassword);
  // The conditional update makes the link single-use even under concurrent submissions.
  const consumed = await db.passwordResetToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
  if (consumed.count !== 1) return null;
  await db.user.update({ where: { id: row.userId }, data: { passwordHash, passwordChangedAt: now } });
  await invalidateUserSessions(row.userId);
  await notifyPasswordChanged(row.user, now);
  return row.user;
}

export async function notifyPasswordChanged(user: { email: string; name: string; locale: string }, when: Date) {
  await sendEmail({
    to: user.email,
    template: "password-changed",
    locale: isLocale(user.locale) ? user.locale : "it",
    data: { name: user.name, when },
  });
}
