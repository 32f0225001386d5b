// Forgotten password: an emailed single-use link, valid one hour, stored only as a hash.
import { db } from "~/lib/db.server.ts";
import { env } from "~/lib/env.server.ts";
import { hitLimits, LIMITS } from "~/lib/rate-limit.server.ts";
import { isLocale } from "~/lib/i18n/resources.ts";
import { sendEmail } from "~/lib/mail/send.server.ts";
import { hashPassword } from "./password.server.ts";
import { invalidateUserSessions } from "./session.server.ts";
import { generateToken, hashToken } from "./tokens.server.ts";

export const RESET_TOKEN_MINUTES = 60;

export type ResetRequestResult = { ok: true } | { ok: false; reason: "rateLimited"; retryAfterSeconds: number };

/**
 * Sends a reset link when the email belongs to an enabled account. The caller shows the same
 * confirmation either way, so the page never reveals whether an account exists.
 */
export async function requestPasswordReset(input: { email: string; ipAddress: string; now?: Date }): Promise<ResetRequestResult> {
  const email = input.email.trim().toLowerCase();
  const now = input.now ?? new Date();
  const limit = await hitLimits(
    [
      { limit: LIMITS.resetPerIpMinute, subject: input.ipAddress },
      { limit: LIMITS.resetPerIpHour, subject: input.ipAddress },
      { limit: LIMITS.resetPerAccountHour, subject: email },
    ],
    now,
  );
  if (!limit.allowed) return { ok: false, reason: "rateLimited", retryAfterSeconds: limit.retryAfterSeconds };

  const user = await db.user.findUnique({ where: { email } });
  if (!user || user.disabledAt) return { ok: true };

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
  return { ok: true };
}

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
