// Fixed-window rate limits kept in the database, so every app instance counts together.
import { db } from "./db.server.ts";
import { env } from "./env.server.ts";
import { isUniqueViolation } from "./prisma-errors.ts";

export type Limit = { name: string; max: number; windowSeconds: number };
export type LimitResult = { allowed: boolean; retryAfterSeconds: number };

export const LIMITS = {
  // Sign-in counts FAILED attempts only (see docs/decisions/0008-sign-in-limits-and-request-bodies.md). Staff of a
  // town hall share one public address behind NAT, so the address limit is sized for an office of
  // a few hundred people mistyping a password on a Monday morning, while the account limit stays
  // strict: it is what stops guessing one person's password, from however many addresses.
  loginFailPerIpMinute: { name: "login-fail-ip-m", max: 20, windowSeconds: 60 },
  loginFailPerIpHour: { name: "login-fail-ip-h", max: 100, windowSeconds: 3600 },
  loginFailPerAccountMinute: { name: "login-fail-acct-m", max: 5, windowSeconds: 60 },
  loginFailPerAccountHour: { name: "login-fail-acct-h", max: 10, windowSeconds: 3600 },
  resetPerIpMinute: { name: "reset-ip-m", max: 6, windowSeconds: 60 },
  resetPerIpHour: { name: "reset-ip-h", max: 30, windowSeconds: 3600 },
  resetPerAccountHour: { name: "reset-acct-h", max: 5, windowSeconds: 3600 },
} satisfies Record<string, Limit>;

function bucket(limit: Limit, subject: string, now: Date) {
  const windowMs = limit.windowSeconds * 1000;
  const windowStart = Math.floor(now.getTime() / windowMs) * windowMs;
  return { key: `${limit.name}:${subject}:${windowStart}`, expiresAt: new Date(windowStart + windowMs) };
}

const secondsUntil = (when: Date, now: Date) => Math.max(1, Math.ceil((when.getTime() - now.getTime()) / 1000));

async function increment(key: string, expiresAt: Date): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    try {
      const bucket = await db.rateLimitBucket.upsert({
        where: { key },
        create: { key, count: 1, expiresAt },
        update: { count: { increment: 1 } },
      });
      return bucket.count;
    } catch (error) {
      // Two instances creating the same bucket at once: the loser retries as an update.
      if (attempt < 2 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

export type Claim = LimitResult & {
  /** Gives the attempt back (a sign-in that succeeded is not a failure to count). */
  release(): Promise<void>;
};

const noClaim: Claim = { allowed: true, retryAfterSeconds: 0, release: async () => {} };

async function giveBack(keys: string[]) {
  if (keys.length) await db.rateLimitBucket.updateMany({ where: { key: { in: keys } }, data: { count: { decrement: 1 } } });
}

/**
 * Claims one attempt against every limit before the work it guards. Counting first, atomically,
 * is what makes the limit hold under parallel requests: checking and counting in two steps let
 * every request of a burst pass the check before any was counted (a 5-a-minute limit gave a burst
 * of 20 guesses 20 tries). A refused claim is given back at once, so refused attempts are not
 * counted and the wait shown is the wait applied: retryAfterSeconds runs to the end of every full
 * window, and coming back after it is always allowed.
 */
export async function claimAttempt(checks: { limit: Limit; subject: string }[], now = new Date()): Promise<Claim> {
  if (!env().RATE_LIMIT_ENABLED) return noClaim;
  const claimed: string[] = [];
  let retryAfterSeconds = 0;
  for (const { limit, subject } of checks) {
    const { key, expiresAt } = bucket(limit, subject, now);
    const count = await increment(key, expiresAt);
    claimed.push(key);
    if (count > limit.max) retryAfterSeconds = Math.max(retryAfterSeconds, secondsUntil(expiresAt, now));
  }
  if (retryAfterSeconds > 0) {
    await giveBack(claimed);
    return { allowed: false, retryAfterSeconds, release: async () => {} };
  }
  let released = false;
  return {
    allowed: true,
    retryAfterSeconds: 0,
    async release() {
      if (released) return;
      released = true;
      await giveBack(claimed);
    },
  };
}

export async function purgeExpiredBuckets(now = new Date()) {
  const { count } = await db.rateLimitBucket.deleteMany({ where: { expiresAt: { lt: now } } });
  return count;
}
