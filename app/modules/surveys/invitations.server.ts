// Who a launched survey asks, the invitation and reminder emails (through the outbox), and the
// satisfaction questionnaire attached to every webinar that has ended.
import type { Kit } from "~/generated/sqlite/client.ts";
import { db } from "~/lib/db.server.ts";
import { env } from "~/lib/env.server.ts";
import { enqueueJob, kickWorker } from "~/lib/jobs/queue.server.ts";
import { sendEmail } from "~/lib/mail/send.server.ts";
import { isUniqueViolation } from "~/lib/prisma-errors.ts";
import { isRunning } from "~/modules/access/policy.server.ts";
import { kitGrants } from "~/modules/kits/catalogue.ts";
import { createFromTemplateData } from "./builder.server.ts";
import { satisfactionTemplate } from "./templates.ts";

export const SURVEY_INVITE_JOB = "survey.invite";
export const SURVEY_REMINDERS_JOB = "survey.reminders";
export const SURVEY_SATISFACTION_JOB = "survey.webinar-satisfaction";

/** Reminders go to those who have not submitted, this long before the survey closes. */
export const REMINDER_BEFORE_MS = 3 * 24 * 3600_000;
/** A webinar's questionnaire stays open this long after it is attached. */
export const SATISFACTION_OPEN_MS = 14 * 24 * 3600_000;
/** Webinars that ended longer ago than this get no questionnaire (e.g. on first deployment). */
export const SATISFACTION_LOOKBACK_MS = 7 * 24 * 3600_000;

const emailLocale = (locale: string) => (locale === "en" ? "en" : "it");

/** The members a survey asks (ids), from its audience. */
export async function audienceOf(surveyId: string, now = new Date()): Promise<string[]> {
  const survey = await db.survey.findUniqueOrThrow({
    where: { id: surveyId },
    select: { kind: true, audience: true, webinarId: true, audienceKits: { select: { kit: true } }, audienceOrganizations: { select: { organizationId: true } } },
  });
  let organizationIds: string[] = [];
  if (survey.audience === "WEBINAR") {
    if (!survey.webinarId) return [];
    const [registered, attended] = await Promise.all([
      db.webinarRegistration.findMany({ where: { webinarId: survey.webinarId, status: "REGISTERED" }, select: { userId: true } }),
      db.webinarAttendance.findMany({ where: { webinarId: survey.webinarId, userId: { not: null } }, select: { userId: true } }),
    ]);
    const ids = [...new Set([...registered.map((r) => r.userId), ...attended.map((a) => a.userId!)])];
    const users = await db.user.findMany({ where: { id: { in: ids }, disabledAt: null, role: "MEMBER" }, select: { id: true } });
    return users.map((user) => user.id);
  }
  if (survey.audience === "KITS") {
    const kits: Kit[] = survey.audienceKits.map((entry) => entry.kit).filter((kit) => survey.kind !== "TRAINING_NEEDS" || kitGrants(kit, "surveys"));
    const enrolments = await db.enrolment.findMany({ where: { kit: { in: kits }, status: "ACTIVE" }, select: { organizationId: true, status: true, startsAt: true, endsAt: true } });
    organizationIds = enrolments.filter((enrolment) => isRunning(enrolment, now)).map((enrolment) => enrolment.organizationId);
  } else {
    organizationIds = survey.audienceOrganizations.map((entry) => entry.organizationId);
  }
  // A union's enrolment or invitation covers its member municipalities.
  const children = await db.organization.findMany({ where: { parentId: { in: organizationIds } }, select: { id: true } });
  const all = [...new Set([...organizationIds, ...children.map((child) => child.id)])];
  const users = await db.user.findMany({ where: { organizationId: { in: all }, disabledAt: null, role: "MEMBER" }, select: { id: true } });
  return users.map((user) => user.id);
}

/** Mails everyone in the audience not yet invited (safe to run again: invitedAt marks who was). */
export async function sendInvitations(surveyId: string, now = new Date()) {
  const survey = await db.survey.findUnique({ where: { id: surveyId }, select: { id: true, title: true, status: true, closesAt: true, anonymous: true } });
  if (!survey || survey.status !== "OPEN" || (survey.closesAt && survey.closesAt <= now)) return 0;
  const audience = await audienceOf(surveyId, now);
  const already = new Set((await db.surveyParticipation.findMany({ where: { surveyId, invitedAt: { not: null } }, select: { userId: true } })).map((p) => p.userId));
  const users = await db.user.findMany({ where: { id: { in: audience.filter((id) => !already.has(id)) } }, select: { id: true, name: true, email: true, locale: true }, orderBy: { id: "asc" } });
  for (const user of users) {
    await db.$transaction(async (tx) => {
      await tx.surveyParticipation.upsert({
        where: { surveyId_userId: { surveyId, userId: user.id } },
        create: { surveyId, userId: user.id, invitedAt: now },
        update: { invitedAt: now },
      });
      await sendEmail(
        {
          to: user.email,
          template: "survey-invitation",
          locale: emailLocale(user.locale),
          data: { name: user.name, surveyTitle: survey.title, surveyUrl: `${env().APP_URL}/surveys/${survey.id}`, closesAt: survey.closesAt, anonymous: survey.anonymous, reminder: false },
        },
        { tx },
      );
    });
  }
  if (users.length) kickWorker();
  return users.length;
}

/** One reminder per person, to those invited who have not submitted, when the close is near. */
export async function sendReminders(now = new Date()) {
  const surveys = await db.survey.findMany({
    where: { status: "OPEN", closesAt: { gt: now, lte: new Date(now.getTime() + REMINDER_BEFORE_MS) } },
    select: { id: true, title: true, closesAt: true, anonymous: true },
  });
  let sent = 0;
  for (const survey of surveys) {
    const due = await db.surveyParticipation.findMany({
      where: { surveyId: survey.id, invitedAt: { not: null }, remindedAt: null, status: "IN_PROGRESS" },
      select: { id: true, user: { select: { name: true, email: true, locale: true, disabledAt: true } } },
    });
    for (const participation of due) {
      if (participation.user.disabledAt) continue;
      await db.$transaction(async (tx) => {
        // Claim the row, so a second run (or instance) sends nothing twice.
        const claimed = await tx.surveyParticipation.updateMany({ where: { id: participation.id, remindedAt: null }, data: { remindedAt: now } });
        if (!claimed.count) return;
        await sendEmail(
          {
            to: participation.user.email,
            template: "survey-invitation",
            locale: emailLocale(participation.user.locale),
            data: { name: participation.user.name, surveyTitle: survey.title, surveyUrl: `${env().APP_URL}/surveys/${survey.id}`, closesAt: survey.closesAt, anonymous: survey.anonymous, reminder: true },
          },
          { tx },
        );
        sent += 1;
      });
    }
  }
  if (sent) kickWorker();
  return sent;
}

/** Queues the invitations of a launched survey for when it opens. */
export async function scheduleInvitations(surveyId: string) {
  const { opensAt } = await db.survey.findUniqueOrThrow({ where: { id: surveyId }, select: { opensAt: true } });
  await enqueueJob(SURVEY_INVITE_JOB, { surveyId }, { runAt: opensAt ?? new Date(), uniqueKey: `survey-invite:${surveyId}:${(opensAt ?? new Date(0)).toISOString()}` });
  kickWorker();
}

/**
 * Attaches the satisfaction questionnaire to every webinar that has ENDED (whatever ended it:
 * the LiveKit webhook, a host, an admin) and has none yet, opens it and queues its invitations.
 */
export async function attachSatisfactionSurveys(now = new Date()) {
  const webinars = await db.webinar.findMany({
    where: { status: "ENDED", satisfactionSurvey: null, OR: [{ liveEndedAt: null }, { liveEndedAt: { gte: new Date(now.getTime() - SATISFACTION_LOOKBACK_MS) } }], startsAt: { gte: new Date(now.getTime() - SATISFACTION_LOOKBACK_MS - 24 * 3600_000) } },
    select: { id: true, title: true },
    take: 50,
  });
  const created: string[] = [];
  for (const webinar of webinars) {
    try {
      const survey = await db.$transaction((tx) =>
        createFromTemplateData(satisfactionTemplate("it", webinar.title), null, { webinarId: webinar.id, status: "OPEN", launchedAt: now, closesAt: new Date(now.getTime() + SATISFACTION_OPEN_MS) }, tx),
      );
      created.push(survey.id);
      await scheduleInvitations(survey.id);
    } catch (error) {
      // Another instance attached it first (webinarId is unique).
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return created;
}
