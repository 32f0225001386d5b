// Background work of enrolments: the daily sweep at 00:10 Italian time (after midnight, when
// enrolment days begin and end; see app/lib/dates.ts).
import { defineJob, defineSchedule } from "~/lib/jobs/define.server.ts";
import { runEnrolmentSweep } from "./expiry.server.ts";

export const ENROLMENT_SWEEP_JOB = "enrolment.sweep";

defineJob(ENROLMENT_SWEEP_JOB, async (_payload, ctx) => {
  await runEnrolmentSweep(ctx.now);
});

defineSchedule({ name: "enrolment-sweep", type: ENROLMENT_SWEEP_JOB, every: { dailyAt: "00:10" } });
