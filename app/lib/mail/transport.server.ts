// Where messages go: the SMTP server of SMTP_URL, or, when it is not set, one RFC 822 .eml file
// per message in MAIL_DIR (readable with any mail client; handy in development and demos).
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import type { Transporter } from "nodemailer";
import { env } from "../env.server.ts";

export type OutgoingMessage = {
  /** The outbox row id: names the .eml file and makes the Message-ID stable across retries. */
  id: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  locale: string;
  /** An iCalendar object: sent as a text/calendar alternative and an .ics attachment (RFC 6047). */
  calendar?: { method: string; content: string };
  /** Extra headers of this message (e.g. a newsletter's List-Unsubscribe); they override the defaults. */
  headers?: Record<string, string>;
  /** The SMTP envelope sender (MAIL FROM, where bounces go), e.g. a newsletter's VERP address; default MAIL_FROM. */
  envelopeFrom?: string;
};

export type DeliveryResult = { messageId: string; location: string };

let smtp: { url: string; transporter: Transporter } | undefined;

function smtpTransporter(url: string) {
  if (smtp?.url !== url) {
    smtp?.transporter.close();
    // SMTP_URL may add options as query parameters (e.g. ?pool=true). Timeouts bound a hung server, so a job never holds its lease indefinitely.
    smtp = { url, transporter: nodemailer.createTransport({ url, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 }) };
  }
  return smtp.transporter;
}

const folderTransporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });

function senderDomain(from: string) {
  return /@([^>\s]+)/.exec(from)?.[1] ?? "coop.localhost";
}

export async function deliver(message: OutgoingMessage): Promise<DeliveryResult> {
  const { MAIL_FROM, SMTP_URL, MAIL_DIR } = env();
  const mail = {
    from: MAIL_FROM,
    to: message.to,
    subject: message.subject,
    html: message.html,
    text: message.text,
    // The same Message-ID on every attempt lets receiving servers drop a duplicate if a crash
    // made us send twice.
    messageId: `<${message.id}@${senderDomain(MAIL_FROM)}>`,
    headers: { "Auto-Submitted": "auto-generated", "Content-Language": message.locale, ...message.headers },
    ...(message.envelopeFrom ? { envelope: { from: message.envelopeFrom, to: message.to } } : {}),
    ...(message.calendar ? { icalEvent: { method: message.calendar.method, filename: "invito.ics", content: message.calendar.content } } : {}),
  };
  if (SMTP_URL) {
    const info = await smtpTransporter(SMTP_URL).sendMail(mail);
    return { messageId: info.messageId, location: new URL(SMTP_URL).host };
  }
  const info = await folderTransporter.sendMail(mail);
  await mkdir(MAIL_DIR, { recursive: true });
  const file = path.join(MAIL_DIR, `${new Date().toISOString().replace(/[:.]/g, "-")}-${message.id}.eml`);
  await writeFile(file, info.message as Buffer);
  return { messageId: info.messageId, location: file };
}
