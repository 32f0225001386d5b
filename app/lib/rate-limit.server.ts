// Fixed-window rate limits kept in the database, so every app instance counts together.
import { db } from "./db.server.ts";
import { env } from "./env.server.ts";
import { isUniqueViolation } from "./prisma-errors.ts";

export type Limit = { name: string; max: number; windowSeconds: number };
export type LimitResult = { allowed: boolean; retryAfterSeconds: number };

// Discourse's login limits per IP: 6 a minute and 30 an hour.
export const LIMITS = {
  loginPerIpMinute: { name: "login-ip-m", max: 6, windowSeconds: 60 },
  loginPerIpHour: { name: "login-ip-h", max: 30, windowSeconds: 3600 },
  loginPerAccountMinute: { name: "login-acct-m", max: 6, windowSeconds: 60 },
  loginPerAccountHour: { name: "login-acct-h", max: 30, windowSeconds: 3600 },
  resetPerIpMinute: { name: "reset-ip-m", max: 6, windowSeconds: 60 },
  resetPerIpHour: { name: "reset-ip-h", max: 30, windowSeconds: 3600 },
  resetPerAccountHour: { name: "reset-acct-h", max: 5, windowSeconds: 3600 },
} satisfies Record<string, Limit>;

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
    const windowMs = limit.windowSeconds * 1000;
    const windowStart = Math.floor(now.getTime() / windowMs) * windowMs;
    const expiresAt = new Date(windowStart + windowMs);
    const count = await increment(`${limit.name}:${subject}:${windowStart}`, expiresAt);
    if (count > limit.max) {
      retryAfterSeconds = Math.max(retryAfterSeconds, Math.ceil((expiresAt.getTime() - now.getTime()) / 1000));
    }
  }
  return { allowed: retryAfterSeconds === 0, retryAfterSeconds };
}

export async function purgeExpiredBuckets(now = new Date()) {
  const { count } = await db.rateLimitBucket.deleteMany({ where: { expiresAt: { lt: now } } });
  return count;
}
