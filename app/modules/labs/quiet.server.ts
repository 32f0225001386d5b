// Quiet members: people of a lab with no sign of life in it for more than the lab's N days
// (quietAfterDays). Signs of life: being marked present at a session (the session's start), a post
// in the lab's discussion category, a submission to one of its activities; joining counts as the
// first one, so someone who just joined is not quiet.
//
// The boundary: a member whose last sign of life was EXACTLY N days (N x 24 h) ago is not yet
// quiet; they become quiet the moment after (strictly more than N days).
//
// A tutor reminds a quiet member with one click: an email through the outbox in the member's
// language, audited, at most once a (Rome calendar) day per member and lab.
import { db } from "~/lib/db.server.ts";
import { romeDay } from "~/lib/dates.ts";
import { DomainError } from "~/lib/domain-error.ts";
import { isUniqueViolation } from "~/lib/prisma-errors.ts";
import { env } from "~/lib/env.server.ts";
import { isLocale } from "~/lib/i18n/resources.ts";
import { kickWorker } from "~/lib/jobs/queue.server.ts";
import { sendEmail } from "~/lib/mail/send.server.ts";
import { recordAudit, type AuditMeta } from "~/modules/audit/audit.server.ts";

const DAY_MS = 24 * 3600 * 1000;

export type MemberActivity = {
  userId: string;
  name: string;
  organization: string;
  joinedAt: Date;
  lastAttendance: Date | null;
  lastPost: Date | null;
  lastSubmission: Date | null;
  lastSignOfLife: Date;
  quiet: boolean;
  lastReminderAt: Date | null;
  /** May a reminder go now (quiet, and none sent today)? */
  canRemind: boolean;
};

const latest = (...dates: (Date | null | undefined)[]) =>
  dates.reduce<Date | null>((a, b) => (b && (!a || b > a) ? b : a), null);

/** Is a member whose last sign of life was at `last` quiet at `now`? (exactly N days: not yet) */
export function isQuiet(
  last: Date,
  quietAfterDays: number,
  now: Date
): boolean {
  return now.getTime() - last.getTime() > quietAfterDays * DAY_MS;
}

/** Every member of the lab with their last signs of life, the quiet ones first. */
export async function memberActivity(
  labId: string,
  now = new Date()
): Promise<{ quietAfterDays: number; members: MemberActivity[] }> {
  const lab = await db.lab.findUniqueOrThrow({
    where: { id: labId },
    select: { quietAfterDays: true, categoryId: true },
  });
  const members = await db.labMember.findMany({
    where: { labId },
    select: {
      joinedAt: true,
      user: {
        select: {
          id: true,
          name: true,
          organization: { select: { name: true } },
        },
      },
    },
  });
  // Every query below is bounded by the lab (its sessions, category, activities, reminders), not by
  // a list of the members' ids: a large lab's list exceeded Prisma's parameter limit (999 on
  // SQLite). Rows of people no longer members are ignored when the members are looked up below.
  const attendance = await db.labAttendance.findMany({
    where: { session: { labId, startsAt: { lte: now } } },
    select: { userId: true, session: { select: { startsAt: true } } },
  });
  const posts = lab.categoryId
    ? await db.communityPost.groupBy({
        by: ["authorId"],
        where: {
          hiddenAt: null,
          createdAt: { lte: now },
          topic: { categoryId: lab.categoryId },
        },
        _max: { createdAt: true },
      })
    : [];
  const submissions = await db.labSubmission.groupBy({
    by: ["userId"],
    where: {
      submittedAt: { lte: now },
      activity: { labId },
    },
    _max: { submittedAt: true },
  });
  const reminders = await db.labReminder.groupBy({
    by: ["userId"],
    where: { labId },
    _max: { sentAt: true },
  });

  const lastAttendance = new Map<string, Date>();
  for (const row of attendance) {
    const previous = lastAttendance.get(row.userId);
    if (!previous || row.session.startsAt > previous)
      lastAttendance.set(row.userId, row.session.startsAt);
  }
  const lastPost = new Map(posts.map((p) => [p.authorId, p._max.createdAt]));
  const lastSubmission = new Map(
    submissions.map((s) => [s.userId, s._max.submittedAt])
  );
  const lastReminder = new Map(reminders.map((r) => [r.userId, r._max.sentAt]));

  const rows = members.map(({ joinedAt, user }) => {
    const a = lastAttendance.get(user.id) ?? null;
    const p = lastPost.get(user.id) ?? null;
    const s = lastSubmission.get(user.id) ?? null;
    const last = latest(joinedAt, a, p, s)!;
    const reminded = lastReminder.get(user.id) ?? null;
    const quiet = isQuiet(last, lab.quietAfterDays, now);
    return {
      userId: user.id,
      name: user.name,
      organization: user.organization?.name ?? "",
      joinedAt,
      lastAttendance: a,
      lastPost: p,
      lastSubmission: s,
      lastSignOfLife: last,
      quiet,
      lastReminderAt: reminded,
      canRemind: quiet && (!reminded || romeDay(reminded) !== romeDay(now)),
    };
  });
  rows.sort(
    (x, y) =>
      Number(y.quiet) - Number(x.quiet) ||
      x.lastSignOfLife.getTime() - y.lastSignOfLife.getTime() ||
      x.name.localeCompare(y.name, "it")
  );
  return { quietAfterDays: lab.quietAfterDays, members: rows };
}

/** Sends the reminder email to a quiet member (outbox, their language) and records it. */
export async function remindQuietMember(
  actor: { id: string; name: string },
  labId: string,
  userId: string,
  meta: AuditMeta = {},
  now = new Date()
) {
  const { members, quietAfterDays } = await memberActivity(labId, now);
  const member = members.find((m) => m.userId === userId);
  if (!member)
    throw new DomainError("labs:errors.notAMember", {}, { status: 404 });
  if (!member.quiet)
    throw new DomainError("labs:errors.notQuiet", {}, { status: 409 });
  if (!member.canRemind)
    throw new DomainError("labs:errors.remindedToday", {}, { status: 409 });
  const [person, lab] = await Promise.all([
    db.user.findUniqueOrThrow({
      where: { id: userId },
      select: { email: true, name: true, locale: true },
    }),
    db.lab.findUniqueOrThrow({ where: { id: labId }, select: { title: true } }),
  ]);
  const locale = isLocale(person.locale) ? person.locale : "it";
  const labUrl = `${env().APP_URL.replace(/\/$/, "")}/labs/${labId}`;
  try {
    await db.$transaction(async (tx) => {
      await tx.labReminder.create({
        data: {
          labId,
          userId,
          day: romeDay(now),
          sentById: actor.id,
          sentAt: now,
        },
      });
      await sendEmail(
        {
          to: person.email,
          template: "lab-reminder",
          locale,
          data: {
            name: person.name,
            labTitle: lab.title,
            labUrl,
            tutorName: actor.name,
            days: quietAfterDays,
          },
        },
        { tx }
      );
      await recordAudit(
        {
          actorId: actor.id,
          action: "lab.reminder_send",
          targetType: "Lab",
          targetId: labId,
          summary: `Promemoria a ${person.name} (inattiva da più di ${quietAfterDays} giorni)`,
          ipAddress: meta.ipAddress,
        },
        tx
      );
    });
  } catch (error) {
    // Another tutor's click won the day's reminder.
    if (isUniqueViolation(error))
      throw new DomainError("labs:errors.remindedToday", {}, { status: 409 });
    throw error;
  }
  kickWorker();
}
