// The community's background work: the daily digest of notifications (07:30, Rome time).
import { defineJob, defineSchedule } from "~/lib/jobs/define.server.ts";
import { kickWorker } from "~/lib/jobs/queue.server.ts";
import { sendDailyDigests } from "./notifications.server.ts";

export const DIGEST_JOB = "community.digest";

defineJob(DIGEST_JOB, async () => {
  const sent = await sendDailyDigests();
  if (sent) kickWorker();
}, { timeoutMs: 10 * 60_000 });

defineSchedule({ name: DIGEST_JOB, type: DIGEST_JOB, every: { dailyAt: "07:30" } });
