// The one way the app sends email: render now, store the message in the outbox and queue its
// delivery in the same transaction. Nothing is lost while the mail server is down or the app restarts.
import { randomUUID } from "node:crypto";
import type { Prisma } from "../../generated/sqlite/client.ts";
import { db } from "../db.server.ts";
import { jobData, kickWorker } from "../jobs/queue.server.ts";
import type { EmailLocale, TemplateData, TemplateName } from "../../../emails/index.ts";
import { renderEmail } from "./render.server.tsx";

export const EMAIL_SEND_JOB = "email.send";
/** About five hours of retries (30 s doubling up to an hour) before a message is given up. */
export const EMAIL_MAX_ATTEMPTS = 12;

/** An iCalendar object sent with the message (text/calendar part plus an .ics attachment). */
export type CalendarPart = { method: "REQUEST" | "CANCEL" | "PUBLISH"; content: string };

export type SendEmailInput<T extends TemplateName> = {
  to: string; template: T; locale: EmailLocale; data: TemplateData<T>; calendar?: CalendarPart;
  /** Extra headers (e.g. List-Unsubscribe of the digest), kept on the outbox row. */
  headers?: Record<string, string>;
};

function rows<T extends TemplateName>(input: SendEmailInput<T>) {
  const { subject, html, text } = renderEmail(input.template, input.locale, input.data);
  const id = randomUUID();
  return {
    email: {
      id, toAddress: input.to, subject, html, text, template: input.template, locale: input.locale,
      calendarMethod: input.calendar?.method ?? null, calendar: input.calendar?.content ?? null,
      headers: input.headers ? JSON.stringify(input.headers) : null,
    },
    job: jobData(EMAIL_SEND_JOB, { outboxId: id }, { maxAttempts: EMAIL_MAX_ATTEMPTS }),
  };
}

/**
 * Queues an email and returns its outbox id. Pass `tx` to make the email part of the caller's
 * transaction (e.g. an invitation row and its email are created together or not at all).
 */
export async function sendEmail<T extends TemplateName>(input: SendEmailInput<T>, options: { tx?: Prisma.TransactionClient } = {}): Promise<string> {
  const { email, job } = rows(input);
  if (options.tx) {
    await options.tx.outboxEmail.create({ data: email });
    await options.tx.job.create({ data: job });
  } else {
    await db.$transaction([db.outboxEmail.create({ data: email }), db.job.create({ data: job })]);
    kickWorker();
  }
  return email.id;
}

/**
 * Queues many emails inside the caller's transaction with two inserts in all (a survey's
 * invitations to a province: thousands of messages). Returns the outbox ids in input order.
 */
export async function sendEmails<T extends TemplateName>(inputs: SendEmailInput<T>[], tx: Prisma.TransactionClient): Promise<string[]> {
  const all = inputs.map(rows);
  if (!all.length) return [];
  await tx.outboxEmail.createMany({ data: all.map((row) => row.email) });
  await tx.job.createMany({ data: all.map((row) => row.job) });
  return all.map((row) => row.email.id);
}

/** Tries a FAILED message again (e.g. from an admin page after fixing the mail server). */
export async function retryFailedEmail(outboxId: string): Promise<boolean> {
  const { count } = await db.outboxEmail.updateMany({ where: { id: outboxId, status: "FAILED" }, data: { status: "PENDING", lastError: null } });
  if (count === 0) return false;
  await db.job.create({ data: jobData(EMAIL_SEND_JOB, { outboxId }, { maxAttempts: EMAIL_MAX_ATTEMPTS }) });
  kickWorker();
  return true;
}
