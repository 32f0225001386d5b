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

/** Counts one attempt against every limit; refused when any is over its maximum. */
export async function hitLimits(checks: { limit: Limit; subject: string }[], now = new Date()): Promise<LimitResult> {
  if (!env().RATE_LIMIT_ENABLED) return { allowed: true, retryAfterSeconds: 0 };
  let retryAfterSeconds = 0;
  for (const { limit, subject } of checks) {
    const { key, expiresAt } = bucket(limit, subject, now);
    const count = await increment(key, expiresAt);
    if (count > limit.max) retryAfterSeconds = Math.max(retryAfterSeconds, secondsUntil(expiresAt, now));
  }
  return { allowed: retryAfterSeconds === 0, retryAfterSeconds };
}

/**
 * Whether one more attempt is allowed, without counting it. When refused, retryAfterSeconds is
 * the time until every full window has ended: refused attempts are not counted, so coming back
 * after that wait is always allowed (the wait shown is the wait applied).
 */
export async function checkLimits(checks: { limit: Limit; subject: string }[], now = new Date()): Promise<LimitResult> {
  if (!env().RATE_LIMIT_ENABLED) return { allowed: true, retryAfterSeconds: 0 };
  const keys = checks.map(({ limit, subject }) => ({ limit, ...bucket(limit, subject, now) }));
  const rows = await db.rateLimitBucket.findMany({ where: { key: { in: keys.map((k) => k.key) } } });
  const counts = new Map(rows.map((row) => [row.key, row.count]));
  let retryAfterSeconds = 0;
  for (const { limit, key, expiresAt } of keys) {
    if ((counts.get(key) ?? 0) >= limit.max) retryAfterSeconds = Math.max(retryAfterSeconds, secondsUntil(expiresAt, now));
  }
  return { allowed: retryAfterSeconds === 0, retryAfterSeconds };
}

/** Counts one event (a failed sign-in) against every limit. */
export async function recordHits(checks: { limit: Limit; subject: string }[], now = new Date()): Promise<void> {
  if (!env().RATE_LIMIT_ENABLED) return;
  for (const { limit, subject } of checks) {
    const { key, expiresAt } = bucket(limit, subject, now);
    await increment(key, expiresAt);
  }
}

export async function purgeExpiredBuckets(now = new Date()) {
  const { count } = await db.rateLimitBucket.deleteMany({ where: { expiresAt: { lt: now } } });
  return count;
}
