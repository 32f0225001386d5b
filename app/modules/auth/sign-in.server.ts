// Sign-in with email and password, rate-limited per IP and per account on FAILED attempts only
// (a town hall's staff share one address; their successful sign-ins must never lock each other out). The answer never
// says whether an account exists: a wrong email and a wrong password look the same,
// and take the same time (the password is checked against a dummy hash).
import { db } from "~/lib/db.server.ts";
import { claimAttempt, LIMITS } from "~/lib/rate-limit.server.ts";
import { verifyAgainstDummy, verifyPassword } from "./password.server.ts";
import { createSession, invalidateSession, type SessionMeta } from "./session.server.ts";

export type SignInResult =
  | { ok: true; token: string; user: { id: string; name: string; role: string; locale: string } }
  | { ok: false; reason: "invalid" | "disabled" }
  | { ok: false; reason: "rateLimited"; retryAfterSeconds: number };

export async function signIn(input: { email: string; password: string; previousSessionId?: string | null } & SessionMeta): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const ip = input.ipAddress ?? "unknown";
  const limits = [
    { limit: LIMITS.loginFailPerIpMinute, subject: ip },
    { limit: LIMITS.loginFailPerIpHour, subject: ip },
    { limit: LIMITS.loginFailPerAccountMinute, subject: email },
    { limit: LIMITS.loginFailPerAccountHour, subject: email },
  ];
  // Every attempt is counted as a failure before the password is checked (so a burst of parallel
  // guesses cannot all slip past the limit), and given back when the password is right. A blocked
  // guesser learns nothing, even with the right password.
  const claim = await claimAttempt(limits);
  if (!claim.allowed) return { ok: false, reason: "rateLimited", retryAfterSeconds: claim.retryAfterSeconds };
  const failed = () => ({ ok: false as const, reason: "invalid" as const });

  const user = await db.user.findUnique({ where: { email } });
  if (!user?.passwordHash) {
    await verifyAgainstDummy(input.password);
    return failed();
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) return failed();
  await claim.release();
  // Only someone who knows the password learns that the account is disabled.
  if (user.disabledAt) return { ok: false, reason: "disabled" };

  // Session fixation: whatever session the browser had is dropped; the new token is fresh.
  if (input.previousSessionId) await invalidateSession(input.previousSessionId);
  const token = await createSession(user.id, input);
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return { ok: true, token, user: { id: user.id, name: user.name, role: user.role, locale: user.locale } };
}
