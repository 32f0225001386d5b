// The community's background work: every night the file area's soft-deleted files older than
// FILES_PURGE_AFTER_DAYS are removed for good, bytes included (files.server.ts purgeDeletedFiles).
import { defineJob, defineSchedule } from "~/lib/jobs/define.server.ts";
import { logger } from "~/lib/logger.server.ts";
import { FILES_PURGE_JOB, purgeDeletedFiles } from "./files.server.ts";

defineJob(
  FILES_PURGE_JOB,
  async (_payload, { now }) => {
    const purged = await purgeDeletedFiles(now);
    if (purged) logger.info("files purge", { purged });
  },
  { timeoutMs: 30 * 60_000 },
);

defineSchedule({ name: FILES_PURGE_JOB, type: FILES_PURGE_JOB, every: { dailyAt: "03:40" } });
