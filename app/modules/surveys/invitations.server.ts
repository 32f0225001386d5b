// Who a launched survey asks, the invitation and reminder emails (through the outbox), and the
// satisfaction questionnaire attached to every webinar that has ended.
import type { Kit, Prisma } from "~/generated/sqlite/client.ts";
import { db } from "~/lib/db.server.ts";
import { env } from "~/lib/env.server.ts";
import { enqueueJob, kickWorker } from "~/lib/jobs/queue.server.ts";
import { sendEmail, sendEmails } from "~/lib/mail/send.server.ts";
import { isUniqueViolation } from "~/lib/prisma-errors.ts";
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

/**
 * Who a survey asks, as a condition on users (not a list of ids: a province's audience has
 * thousands of people, and Prisma refuses a list past the database's parameter limit, 999 on SQLite).
 * The survey's kits and organizations, a webinar's registrants and attendees, or a lab's members.
 */
export async function audienceWhere(surveyId: string, now = new Date()): Promise<Prisma.UserWhereInput | null> {
  const survey = await db.survey.findUniqueOrThrow({ where: { id: surveyId }, select: { kind: true, audience: true, webinarId: true, labId: true, audienceKits: { select: { kit: true } } } });
  const members = { disabledAt: null, role: "MEMBER" } as const;
  switch (survey.audience) {
    case "WEBINAR":
      if (!survey.webinarId) return null;
      return { ...members, OR: [{ webinarRegistrations: { some: { webinarId: survey.webinarId, status: "REGISTERED" } } }, { webinarAttendance: { some: { webinarId: survey.webinarId } } }] };
    case "LAB":
      return survey.labId ? { ...members, labMemberships: { some: { labId: survey.labId } } } : null;
    case "KITS": {
      const kits: Kit[] = survey.audienceKits.map((entry) => entry.kit).filter((kit) => survey.kind !== "TRAINING_NEEDS" || kitGrants(kit, "surveys"));
      // A running enrolment (isRunning) of the organization or, for a municipality, of its union.
      const running = { some: { kit: { in: kits }, status: "ACTIVE" as const, startsAt: { lte: now }, endsAt: { gt: now } } };
      return { ...members, organization: { OR: [{ enrolments: running }, { parent: { enrolments: running } }] } };
    }
    case "ORGANIZATIONS": {
      // A union's invitation covers its member municipalities.
      const invited = { some: { surveyId } };
      return { ...members, organization: { OR: [{ surveyInvitations: invited }, { parent: { surveyInvitations: invited } }] } };
    }
  }
}

/** The members a survey asks (ids, for tests and small audiences), from its audience. */
export async function audienceOf(surveyId: string, now = new Date()): Promise<string[]> {
  const where = await audienceWhere(surveyId, now);
  return where ? (await db.user.findMany({ where, select: { id: true }, orderBy: { id: "asc" } })).map((user) => user.id) : [];
}

/** Invitations are written this many people at a time (a page of the audience, by id). */
const INVITATION_PAGE = 200;

/** Mails everyone in the audience not yet invited (safe to run again: invitedAt marks who was). */
export async function sendInvitations(surveyId: string, now = new Date()) {
  const survey = await db.survey.findUnique({ where: { id: surveyId }, select: { id: true, title: true, status: true, closesAt: true, anonymous: true } });
  if (!survey || survey.status !== "OPEN" || (survey.closesAt && survey.closesAt <= now)) return 0;
  const audience = await audienceWhere(surveyId, now);
  if (!audience) return 0;
  const where: Prisma.UserWhereInput = { AND: [audience, { surveyParticipations: { none: { surveyId, invitedAt: { not: null } } } }] };
  let sent = 0;
  let after: string | undefined;
  for (;;) {
    // Keyset pagination by id: each page is a bounded query, whatever the audience's size.
    const users = await db.user.findMany({
      where: after ? { AND: [where, { id: { gt: after } }] } : where,
      select: { id: true, name: true, email: true, locale: true },
      orderBy: { id: "asc" },
      take: INVITATION_PAGE,
    });
    if (!users.length) break;
    // One transaction per page and a few statements each (not three per person): a province's
    // 3,600 invitations are 18 pages. Someone who opened the survey before being invited already
    // has a participation row: it is marked invited, the others are created.
    const ids = users.map((user) => user.id);
    await db.$transaction(
      async (tx) => {
        const existing = new Set((await tx.surveyParticipation.findMany({ where: { surveyId, userId: { in: ids } }, select: { userId: true } })).map((p) => p.userId));
        if (existing.size) await tx.surveyParticipation.updateMany({ where: { surveyId, userId: { in: [...existing] } }, data: { invitedAt: now } });
        const fresh = ids.filter((id) => !existing.has(id));
        if (fresh.length) await tx.surveyParticipation.createMany({ data: fresh.map((userId) => ({ surveyId, userId, invitedAt: now })) });
        await sendEmails(
          users.map((user) => ({
            to: user.email,
            template: "survey-invitation" as const,
            locale: emailLocale(user.locale),
            data: { name: user.name, surveyTitle: survey.title, surveyUrl: `${env().APP_URL}/surveys/${survey.id}`, closesAt: survey.closesAt, anonymous: survey.anonymous, reminder: false },
          })),
          tx,
        );
      },
      { timeout: 60_000 },
    );
    sent += users.length;
    if (users.length < INVITATION_PAGE) break;
    after = users[users.length - 1].id;
  }
  if (sent) kickWorker();
  return sent;
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
