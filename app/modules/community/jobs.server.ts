// The community's background work: every night the file area's soft-deleted files older than
// FILES_PURGE_AFTER_DAYS are removed for good, bytes included (files.server.ts purgeDeletedFiles);
// every quarter of an hour, posts cooked by an older markdown renderer are cooked again
// (forum.server.ts rebakePosts: one index probe when there are none).
import { defineJob, defineSchedule } from "~/lib/jobs/define.server.ts";
import { logger } from "~/lib/logger.server.ts";
import { FILES_PURGE_JOB, purgeDeletedFiles } from "./files.server.ts";
import { REBAKE_JOB, rebakePosts } from "./forum.server.ts";

defineJob(
  FILES_PURGE_JOB,
  async (_payload, { now }) => {
    const purged = await purgeDeletedFiles(now);
    if (purged) logger.info("files purge", { purged });
  },
  { timeoutMs: 30 * 60_000 },
);

defineSchedule({ name: FILES_PURGE_JOB, type: FILES_PURGE_JOB, every: { dailyAt: "03:40" } });

defineJob(
  REBAKE_JOB,
  async () => {
    const rebaked = await rebakePosts(Date.now() + 4 * 60_000);
    if (rebaked) logger.info("community rebake", { rebaked });
  },
  { timeoutMs: 5 * 60_000 },
);

defineSchedule({ name: REBAKE_JOB, type: REBAKE_JOB, every: { minutes: 15 } });
