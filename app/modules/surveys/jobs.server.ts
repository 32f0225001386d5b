// Background work of surveys: invitations when a survey opens, daily reminders before surveys
// close, and the satisfaction questionnaire of every webinar that has ended (a sweep, so it works
// whatever ends the webinar).
import { defineJob, defineSchedule } from "~/lib/jobs/define.server.ts";
import { attachSatisfactionSurveys, sendInvitations, sendReminders, SURVEY_INVITE_JOB, SURVEY_REMINDERS_JOB, SURVEY_SATISFACTION_JOB } from "./invitations.server.ts";

defineJob<{ surveyId: string }>(SURVEY_INVITE_JOB, async (payload, ctx) => {
  await sendInvitations(payload.surveyId, ctx.now);
});

defineJob(SURVEY_REMINDERS_JOB, async (_payload, ctx) => {
  await sendReminders(ctx.now);
});

defineJob(SURVEY_SATISFACTION_JOB, async (_payload, ctx) => {
  await attachSatisfactionSurveys(ctx.now);
});

defineSchedule({ name: "survey-reminders", type: SURVEY_REMINDERS_JOB, every: { dailyAt: "09:00" } });
defineSchedule({ name: "survey-webinar-satisfaction", type: SURVEY_SATISFACTION_JOB, every: { minutes: 10 } });
