// Sign-in with email and password, rate-limited per IP and per account. The answer never
// says whether an account exists: a wrong email and a wrong password look the same,
// and take the same time (the password is checked against a dummy hash).
import { db } from "~/lib/db.server.ts";
import { hitLimits, LIMITS } from "~/lib/rate-limit.server.ts";
import { verifyAgainstDummy, verifyPassword } from "./password.server.ts";
import { createSession, invalidateSession, type SessionMeta } from "./session.server.ts";

export type SignInResult =
  | { ok: true; token: string; user: { id: string; name: string; role: string; locale: string } }
  | { ok: false; reason: "invalid" | "disabled" }
  | { ok: false; reason: "rateLimited"; retryAfterSeconds: number };

export async function signIn(input: { email: string; password: string; previousSessionId?: string | null } & SessionMeta): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const limit = await hitLimits([
    { limit: LIMITS.loginPerIpMinute, subject: input.ipAddress ?? "unknown" },
    { limit: LIMITS.loginPerIpHour, subject: input.ipAddress ?? "unknown" },
    { limit: LIMITS.loginPerAccountMinute, subject: email },
    { limit: LIMITS.loginPerAccountHour, subject: email },
  ]);
  if (!limit.allowed) return { ok: false, reason: "rateLimited", retryAfterSeconds: limit.retryAfterSeconds };

  const user = await db.user.findUnique({ where: { email } });
  if (!user?.passwordHash) {
    await verifyAgainstDummy(input.password);
    return { ok: false, reason: "invalid" };
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) return { ok: false, reason: "invalid" };
  // Only someone who knows the password learns that the account is disabled.
  if (user.disabledAt) return { ok: false, reason: "disabled" };

  // Session fixation: whatever session the browser had is dropped; the new token is fresh.
  if (input.previousSessionId) await invalidateSession(input.previousSessionId);
  const token = await createSession(user.id, input);
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return { ok: true, token, user: { id: user.id, name: user.name, role: user.role, locale: user.locale } };
}
