// The email outbox end to end: sendEmail -> outbox row + job -> worker -> a real SMTP server
// on 127.0.0.1 (or .eml files in MAIL_DIR when SMTP_URL is not set).
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { simpleParser } from "mailparser";
import { db } from "~/lib/db.server.ts";
import { env, resetEnvCache } from "~/lib/env.server.ts";
import { runDueJobs } from "~/lib/jobs/runner.server.ts";
import { EMAIL_MAX_ATTEMPTS, EMAIL_SEND_JOB, retryFailedEmail, sendEmail } from "~/lib/mail/send.server.ts";
import { startSmtpCapture, type SmtpCapture } from "../helpers/smtp.ts";

const resetUrl = "http://localhost:3000/reset-password/Zx81_kq-PLm3?lang=it&from=email";
const resetEmail = (to = "maria.rossi@comune.trento.it") =>
  ({ to, template: "password-reset", locale: "it", data: { name: "Maria Rossi", resetUrl, expiresInMinutes: 60 } }) as const;

function useSmtp(url: string | undefined) {
  if (url) process.env.SMTP_URL = url;
  else delete process.env.SMTP_URL;
  resetEnvCache();
}

const emailJob = (outboxId: string) => db.job.findFirstOrThrow({ where: { type: EMAIL_SEND_JOB, payload: JSON.stringify({ outboxId }) } });

let capture: SmtpCapture | undefined;

beforeEach(async () => {
  await db.job.deleteMany();
  await db.outboxEmail.deleteMany();
});

afterEach(async () => {
  await capture?.stop();
  capture = undefined;
  useSmtp(undefined);
});

describe("sending through SMTP", () => {
  it("delivers the message with HTML and text parts, the subject and the link intact", async () => {
    capture = await startSmtpCapture();
    useSmtp(capture.url);

    const outboxId = await sendEmail(resetEmail());
    expect(await db.outboxEmail.findUniqueOrThrow({ where: { id: outboxId } })).toMatchObject({ status: "PENDING", attempts: 0 });
    await runDueJobs();

    const message = await capture.waitForMessage((m) => m.subject === "Reimposta la password di CO-OP");
    expect(message.to && !Array.isArray(message.to) ? message.to.text : "").toBe("maria.rossi@comune.trento.it");
    expect(message.from?.text).toContain("no-reply@coop.localhost");
    expect(message.html).toContain('lang="it"');
    expect(message.html).toContain(`href="${resetUrl.replaceAll("&", "&amp;")}"`);
    expect(message.text).toContain(resetUrl);
    expect(message.text).toContain("scade tra 60 minuti");
    expect(message.headers.get("auto-submitted")).toBe("auto-generated");

    const row = await db.outboxEmail.findUniqueOrThrow({ where: { id: outboxId } });
    expect(row).toMatchObject({ status: "SENT", attempts: 1, lastError: null, messageId: message.messageId });
    expect(row.sentAt).not.toBeNull();
    expect((await emailJob(outboxId)).status).toBe("DONE");
  });

  it("keeps the message while the mail server is down and delivers it once it is back", async () => {
    // Find a free port, then leave nothing listening on it.
    const probe = await startSmtpCapture();
    const port = probe.port;
    await probe.stop();
    useSmtp(`smtp://127.0.0.1:${port}`);

    const outboxId = await sendEmail(resetEmail());
    const firstTry = new Date();
    expect(await runDueJobs({ now: firstTry })).toMatchObject({ claimed: 1, retried: 1 });

    const waiting = await db.outboxEmail.findUniqueOrThrow({ where: { id: outboxId } });
    expect(waiting).toMatchObject({ status: "PENDING", attempts: 1, sentAt: null });
    expect(waiting.lastError).toMatch(/ECONNREFUSED|connect/i);
    const job = await emailJob(outboxId);
    expect(job).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(job.runAt.getTime()).toBeGreaterThan(firstTry.getTime() + 20_000);

    // Nothing is retried before the back-off ends.
    expect((await runDueJobs({ now: new Date(job.runAt.getTime() - 1000) })).claimed).toBe(0);

    // The server comes back on the same address (a restart of the app would find the same rows).
    capture = await startSmtpCapture({ port });
    expect(await runDueJobs({ now: job.runAt })).toMatchObject({ claimed: 1, done: 1 });
    const message = await capture.waitForMessage();
    expect(message.text).toContain(resetUrl);
    expect(await db.outboxEmail.findUniqueOrThrow({ where: { id: outboxId } })).toMatchObject({ status: "SENT", attempts: 2, lastError: null });
  });

  it("gives up after the last attempt while the server keeps refusing, and can be retried by hand", async () => {
    capture = await startSmtpCapture();
    capture.setRejecting(true);
    useSmtp(capture.url);

    const outboxId = await sendEmail(resetEmail());
    let now = new Date();
    for (let attempt = 1; attempt <= EMAIL_MAX_ATTEMPTS; attempt++) {
      expect((await runDueJobs({ now })).claimed).toBe(1);
      now = (await emailJob(outboxId)).runAt;
    }
    const failed = await db.outboxEmail.findUniqueOrThrow({ where: { id: outboxId } });
    expect(failed).toMatchObject({ status: "FAILED", attempts: EMAIL_MAX_ATTEMPTS });
    expect(failed.lastError).toMatch(/451/);
    expect((await emailJob(outboxId)).status).toBe("FAILED");
    expect(capture.messages).toHaveLength(0);

    capture.setRejecting(false);
    expect(await retryFailedEmail(outboxId)).toBe(true);
    await runDueJobs();
    await capture.waitForMessage();
    expect(await db.outboxEmail.findUniqueOrThrow({ where: { id: outboxId } })).toMatchObject({ status: "SENT" });
    expect(await retryFailedEmail(outboxId)).toBe(false);
  });

  it("does not send a message twice when its job runs again (e.g. after a crash)", async () => {
    capture = await startSmtpCapture();
    useSmtp(capture.url);
    const outboxId = await sendEmail(resetEmail());
    await runDueJobs();
    await capture.waitForMessage();

    // The same job again, as if the instance had died before marking it DONE.
    await db.job.create({ data: { type: EMAIL_SEND_JOB, payload: JSON.stringify({ outboxId }) } });
    expect(await runDueJobs()).toMatchObject({ claimed: 1, done: 1 });
    expect(capture.messages).toHaveLength(1);
    expect(await db.outboxEmail.findUniqueOrThrow({ where: { id: outboxId } })).toMatchObject({ status: "SENT", attempts: 1 });
  });
});

describe("sending without SMTP", () => {
  it("writes one readable .eml file per message into MAIL_DIR", async () => {
    const outboxId = await sendEmail({
      to: "luca.bianchi@comune.example.it",
      template: "invitation",
      locale: "en",
      data: { inviterName: "Maria Rossi", organizationName: "Comune di Trento", acceptUrl: "http://localhost:3000/invite/abc", expiresAt: new Date("2026-06-01T10:00:00Z") },
    });
    await runDueJobs();

    const files = (await readdir(env().MAIL_DIR)).filter((name) => name.includes(outboxId));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\.eml$/);
    const raw = await readFile(path.join(env().MAIL_DIR, files[0]));
    expect(raw.toString()).toMatch(/^Content-Type: multipart\/alternative|^From: /m);
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe("Invitation to CO-OP for Comune di Trento");
    expect(parsed.html).toContain('lang="en"');
    expect(parsed.html).toContain('href="http://localhost:3000/invite/abc"');
    expect(parsed.text).toContain("The invitation expires on 1 June 2026 at 12:00.");
    expect(await db.outboxEmail.findUniqueOrThrow({ where: { id: outboxId } })).toMatchObject({ status: "SENT", attempts: 1 });
  });
});

describe("sendEmail in a transaction", () => {
  it("stores nothing when the caller's transaction fails", async () => {
    await expect(
      db.$transaction(async (tx) => {
        await sendEmail(resetEmail("nobody@comune.example.it"), { tx });
        throw new Error("the invitation could not be saved");
      }),
    ).rejects.toThrow("could not be saved");
    expect(await db.outboxEmail.count()).toBe(0);
    expect(await db.job.count()).toBe(0);

    await db.$transaction(async (tx) => {
      await sendEmail(resetEmail("someone@comune.example.it"), { tx });
    });
    expect(await db.outboxEmail.count({ where: { toAddress: "someone@comune.example.it" } })).toBe(1);
    expect(await db.job.count({ where: { type: EMAIL_SEND_JOB } })).toBe(1);
  });
});
