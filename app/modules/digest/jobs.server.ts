// The digest job: every day at 07:00 Rome time the daily digests, and on Mondays the weekly ones.
// The schedule makes one job per day; DigestSend makes one email per person and period, however
// often the job is retried or however many workers run it.
import { romeWeekday } from "~/lib/dates.ts";
import { defineJob, defineSchedule } from "~/lib/jobs/define.server.ts";
import { kickWorker } from "~/lib/jobs/queue.server.ts";
import { sendDigests } from "./digest.server.ts";

export const DIGEST_JOB = "digest.send";

export async function runDigestJob(now: Date, signal?: AbortSignal) {
  let sent = await sendDigests("DAILY", now, { signal });
  if (romeWeekday(now) === 1) sent += await sendDigests("WEEKLY", now, { signal });
  if (sent) kickWorker();
  return sent;
}

defineJob(DIGEST_JOB, async (_payload, { now, signal }) => {
  await runDigestJob(now, signal);
}, { timeoutMs: 15 * 60_000 });

defineSchedule({ name: DIGEST_JOB, type: DIGEST_JOB, every: { dailyAt: "07:00" } });
