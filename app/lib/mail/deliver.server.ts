// The "email.send" job: hands one outbox message to the transport. Re-running it is safe: a
// message already SENT is not sent again, and failures are recorded on the outbox row.
import { db } from "../db.server.ts";
import { logger } from "../logger.server.ts";
import { PermanentJobError, defineJob } from "../jobs/define.server.ts";
import { EMAIL_SEND_JOB } from "./send.server.ts";
import { deliver } from "./transport.server.ts";

export type EmailSendPayload = { outboxId: string };

export async function deliverOutboxEmail(payload: EmailSendPayload, ctx: { isLastAttempt: boolean; now: Date }) {
  const email = await db.outboxEmail.findUnique({ where: { id: payload.outboxId } });
  if (!email) throw new PermanentJobError(`outbox email ${payload.outboxId} not found`);
  if (email.status !== "PENDING") return;

  await db.outboxEmail.update({ where: { id: email.id }, data: { attempts: { increment: 1 } } });
  try {
    const result = await deliver({ id: email.id, to: email.toAddress, subject: email.subject, html: email.html, text: email.text, locale: email.locale,
      calendar: email.calendar && email.calendarMethod ? { method: email.calendarMethod, content: email.calendar } : undefined,
      headers: email.headers ? (JSON.parse(email.headers) as Record<string, string>) : undefined,
    });
    await db.outboxEmail.update({ where: { id: email.id }, data: { status: "SENT", sentAt: new Date(), messageId: result.messageId, lastError: null } });
    logger.info("email sent", { outboxId: email.id, template: email.template, location: result.location });
  } catch (error) {
    const lastError = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
    await db.outboxEmail.update({ where: { id: email.id }, data: { lastError, ...(ctx.isLastAttempt ? { status: "FAILED" } : {}) } });
    // Rethrown so the job is retried with back-off (or marked FAILED after the last attempt).
    throw error;
  }
}

defineJob<EmailSendPayload>(EMAIL_SEND_JOB, deliverOutboxEmail);
