// Deleting what nobody needs any more, on a schedule: expired sessions, spent reset tokens,
// old rate-limit windows, finished jobs and sent emails, old bus events.
import { db } from "../db.server.ts";
import { logger } from "../logger.server.ts";
import { purgeExpiredBuckets } from "../rate-limit.server.ts";
import { defineJob, defineSchedule } from "./define.server.ts";

const DAY = 24 * 60 * 60_000;
/** Finished jobs and sent emails are kept this long for support questions ("did it go out?"). */
export const RETENTION_DAYS = 30;

export async function purgeExpiredSessions(now = new Date()) {
  const { count } = await db.session.deleteMany({ where: { OR: [{ expiresAt: { lt: now } }, { absoluteExpiresAt: { lt: now } }] } });
  return count;
}

export async function purgeSpentResetTokens(now = new Date()) {
  const dayAgo = new Date(now.getTime() - DAY);
  const { count } = await db.passwordResetToken.deleteMany({ where: { OR: [{ usedAt: { lt: dayAgo } }, { expiresAt: { lt: dayAgo } }] } });
  return count;
}

export async function purgeFinishedJobs(now = new Date()) {
  const before = new Date(now.getTime() - RETENTION_DAYS * DAY);
  const jobs = await db.job.deleteMany({ where: { status: "DONE", completedAt: { lt: before } } });
  // Sent messages hold personal data (and links): keep them no longer than the jobs.
  const emails = await db.outboxEmail.deleteMany({ where: { status: "SENT", sentAt: { lt: before } } });
  return jobs.count + emails.count;
}

/**
 * Bus events are a transport: each feature keeps its own rows (messages, questions, votes) and a
 * page renders from those, then follows the stream from the position it was rendered at. A week
 * covers any browser that reconnects; the per-stream counters stay, so numbering carries on.
 */
export const EVENT_RETENTION_DAYS = 7;

export async function purgeOldEvents(now = new Date()) {
  const { count } = await db.event.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - EVENT_RETENTION_DAYS * DAY) } } });
  return count;
}

const tasks = {
  "housekeeping.sessions": purgeExpiredSessions,
  "housekeeping.reset-tokens": purgeSpentResetTokens,
  "housekeeping.rate-limits": purgeExpiredBuckets,
  "housekeeping.jobs": purgeFinishedJobs,
  "housekeeping.events": purgeOldEvents,
};

for (const [type, purge] of Object.entries(tasks)) {
  defineJob(type, async (_payload, ctx) => {
    const deleted = await purge(ctx.now);
    if (deleted) logger.info("housekeeping", { task: type, deleted });
  });
}

defineSchedule({ name: "housekeeping.sessions", type: "housekeeping.sessions", every: { minutes: 60 } });
defineSchedule({ name: "housekeeping.rate-limits", type: "housekeeping.rate-limits", every: { minutes: 15 } });
defineSchedule({ name: "housekeeping.reset-tokens", type: "housekeeping.reset-tokens", every: { dailyAt: "03:10" } });
defineSchedule({ name: "housekeeping.jobs", type: "housekeeping.jobs", every: { dailyAt: "03:20" } });
defineSchedule({ name: "housekeeping.events", type: "housekeeping.events", every: { dailyAt: "03:30" } });
