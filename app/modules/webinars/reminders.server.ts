// Reminders 24 hours and 1 hour before a webinar. A schedule runs the sweep every five minutes;
// each registration's reminder is CLAIMED by a conditional update of its column
// (`reminder24hAt IS NULL` -> now) before the email is queued in the same transaction, so with
// several processes sweeping at once every person gets each reminder exactly once.
import { db } from "~/lib/db.server.ts";
import { defineJob, defineSchedule } from "~/lib/jobs/define.server.ts";
import { kickWorker } from "~/lib/jobs/queue.server.ts";
import { notifyPerson } from "./notify.server.ts";

const HOUR = 3_600_000;
export const REMINDER_SWEEP_JOB = "webinar.reminders";

const KINDS = [
  // Due while the start is within the window (the 24-hour one is skipped once the 1-hour one is due).
  { column: "reminder24hAt", kind: "reminder24h", from: 1 * HOUR, to: 24 * HOUR },
  { column: "reminder1hAt", kind: "reminder1h", from: 0, to: 1 * HOUR },
] as const;

/** Sends the reminders that are due; returns how many this call sent. */
export async function sendDueReminders(now = new Date()) {
  let sent = 0;
  for (const { column, kind, from, to } of KINDS) {
    const due = await db.webinarRegistration.findMany({
      where: {
        status: "REGISTERED",
        [column]: null,
        webinar: { status: { in: ["SCHEDULED", "LIVE"] }, startsAt: { gt: new Date(now.getTime() + from), lte: new Date(now.getTime() + to) } },
      },
      select: { id: true },
      take: 500,
    });
    for (const { id } of due) {
      const claimed = await db.$transaction(async (tx) => {
        const { count } = await tx.webinarRegistration.updateMany({ where: { id, status: "REGISTERED", [column]: null }, data: { [column]: now } });
        if (count === 0) return false;
        const registration = await tx.webinarRegistration.findUniqueOrThrow({
          where: { id },
          select: { webinar: true, user: { select: { name: true, email: true, locale: true, disabledAt: true } } },
        });
        if (!registration.user.disabledAt) await notifyPerson(tx, registration.webinar, registration.user, kind);
        return true;
      });
      if (claimed) sent++;
    }
  }
  if (sent) kickWorker();
  return sent;
}

defineJob(REMINDER_SWEEP_JOB, async () => {
  await sendDueReminders();
});
defineSchedule({ name: "webinar.reminders", type: REMINDER_SWEEP_JOB, every: { minutes: 5 } });
