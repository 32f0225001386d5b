// The daily enrolment sweep (Europe/Rome): ACTIVE enrolments past their end become EXPIRED,
// PENDING ones whose start has come become ACTIVE, and the organization's contact person and
// managers are told 30 and 7 days before the end.
//
// Each notice is sent once: the enrolment's expiryNotice30At / expiryNotice7At is set by a
// conditional update in the same transaction that queues the emails, so a second run (or a
// second app instance running the same sweep) finds nothing left to send.
import type { Prisma } from "~/generated/sqlite/client.ts";
import { db } from "~/lib/db.server.ts";
import { publishAccessChanged } from "~/lib/events/sse.server.ts";
import { env } from "~/lib/env.server.ts";
import { sendEmail } from "~/lib/mail/send.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { calendarDaysBetween } from "~/lib/dates.ts";

export const NOTICE_DAYS = [30, 7] as const;

export type SweepResult = { expired: string[]; activated: string[]; notices: { enrolmentId: string; days: number; recipients: number }[] };

type Notice = { enrolmentId: string; days: 30 | 7; endsAt: Date; daysLeft: number };

/** Which notice an enrolment is due at `now`, if any (the 7-day one covers a missed 30-day one). */
export function dueNotice(
  enrolment: { id: string; endsAt: Date; expiryNotice30At: Date | null; expiryNotice7At: Date | null },
  now: Date,
): Notice | null {
  const daysLeft = calendarDaysBetween(now, enrolment.endsAt);
  if (enrolment.endsAt <= now || daysLeft > 30) return null;
  if (daysLeft <= 7) return enrolment.expiryNotice7At ? null : { enrolmentId: enrolment.id, days: 7, endsAt: enrolment.endsAt, daysLeft };
  return enrolment.expiryNotice30At ? null : { enrolmentId: enrolment.id, days: 30, endsAt: enrolment.endsAt, daysLeft };
}

async function recipientsOf(tx: Prisma.TransactionClient, organizationId: string) {
  const organization = await tx.organization.findUniqueOrThrow({
    where: { id: organizationId },
    select: {
      name: true,
      contactEmail: true,
      members: { where: { isOrganizationManager: true, disabledAt: null }, select: { email: true, locale: true } },
    },
  });
  const byEmail = new Map<string, "it" | "en">();
  for (const manager of organization.members) byEmail.set(manager.email.toLowerCase(), manager.locale === "en" ? "en" : "it");
  // The contact person has no account language: Italian.
  if (organization.contactEmail && !byEmail.has(organization.contactEmail.toLowerCase())) byEmail.set(organization.contactEmail.toLowerCase(), "it");
  return { organizationName: organization.name, recipients: [...byEmail].map(([email, locale]) => ({ email, locale })) };
}

async function sendNotice(notice: Notice, now: Date): Promise<number | null> {
  return db.$transaction(async (tx) => {
    const claimField = notice.days === 7 ? "expiryNotice7At" : "expiryNotice30At";
    const enrolment = await tx.enrolment.findUniqueOrThrow({ where: { id: notice.enrolmentId }, select: { organizationId: true, kit: true, expiryNotice30At: true } });
    const { count } = await tx.enrolment.updateMany({
      where: { id: notice.enrolmentId, status: "ACTIVE", [claimField]: null },
      // The 7-day notice also stands for a 30-day one never sent (e.g. a short enrolment).
      data: notice.days === 7 ? { expiryNotice7At: now, expiryNotice30At: enrolment.expiryNotice30At ?? now } : { expiryNotice30At: now },
    });
    if (count === 0) return null;
    const { organizationName, recipients } = await recipientsOf(tx, enrolment.organizationId);
    for (const recipient of recipients) {
      await sendEmail(
        {
          to: recipient.email,
          template: "enrolment-expiry",
          locale: recipient.locale,
          data: {
            organizationName,
            kitLabel: recipient.locale === "en" ? `${enrolment.kit} kit` : `kit ${enrolment.kit}`,
            endsAt: notice.endsAt,
            daysLeft: notice.daysLeft,
            pathwayUrl: `${env().APP_URL}/pathway`,
          },
        },
        { tx },
      );
    }
    return recipients.length;
  });
}

export async function runEnrolmentSweep(now = new Date()): Promise<SweepResult> {
  // Ended: ACTIVE past the end, and PENDING whose whole period passed without activation.
  const ending = await db.enrolment.findMany({ where: { status: { in: ["ACTIVE", "PENDING"] }, endsAt: { lte: now } }, select: { id: true } });
  const expired: string[] = [];
  for (const { id } of ending) {
    const { count } = await db.enrolment.updateMany({ where: { id, status: { in: ["ACTIVE", "PENDING"] }, endsAt: { lte: now } }, data: { status: "EXPIRED" } });
    if (count) expired.push(id);
  }
  const starting = await db.enrolment.findMany({ where: { status: "PENDING", startsAt: { lte: now }, endsAt: { gt: now } }, select: { id: true } });
  const activated: string[] = [];
  for (const { id } of starting) {
    const { count } = await db.enrolment.updateMany({ where: { id, status: "PENDING" }, data: { status: "ACTIVE" } });
    if (count) activated.push(id);
  }
  if (expired.length || activated.length) await publishAccessChanged();

  const horizon = new Date(now.getTime() + 32 * 24 * 3600 * 1000);
  const closing = await db.enrolment.findMany({
    where: { status: "ACTIVE", endsAt: { gt: now, lte: horizon }, OR: [{ expiryNotice30At: null }, { expiryNotice7At: null }] },
    select: { id: true, endsAt: true, expiryNotice30At: true, expiryNotice7At: true },
  });
  const notices: SweepResult["notices"] = [];
  for (const enrolment of closing) {
    const notice = dueNotice(enrolment, now);
    if (!notice) continue;
    const recipients = await sendNotice(notice, now);
    if (recipients !== null) notices.push({ enrolmentId: enrolment.id, days: notice.days, recipients });
  }

  if (expired.length || activated.length || notices.length) {
    await recordAudit({
      actorId: null,
      action: "enrolment.sweep",
      targetType: "Enrolment",
      summary: `Controllo giornaliero delle adesioni: ${expired.length} scadute, ${activated.length} attivate, ${notices.length} avvisi di scadenza`,
      details: { expired, activated, notices },
    });
  }
  return { expired, activated, notices };
}
