// The blog's newsletter through a real SMTP server on 127.0.0.1: double opt-in, one-click
// unsubscribe bound to one address, a send reaching every confirmed subscriber exactly once (also
// when resumed after a crash), rejections recorded, export and erasure of subscribers.
import type { AddressInfo } from "node:net";
import type { ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { db } from "~/lib/db.server.ts";
import { resetEnvCache } from "~/lib/env.server.ts";
import { runDueJobs } from "~/lib/jobs/runner.server.ts";
import "~/lib/mail/deliver.server.ts";
import { runSend, startSend, sendProgress, unsubscribeToken, UNSUBSCRIBE_PLACEHOLDER } from "~/modules/blog/newsletter.server.ts";
import { deliver } from "~/lib/mail/transport.server.ts";
import * as subscribePage from "~/routes/blog.newsletter._index.tsx";
import * as confirmPage from "~/routes/blog.newsletter.confirm.$token.tsx";
import * as unsubscribePage from "~/routes/blog.newsletter.unsubscribe.$token.tsx";
import * as managePage from "~/routes/blog.manage.newsletter.tsx";
import * as exportRoute from "~/routes/blog.manage.newsletter.export.ts";
import { createUser, sessionCookieFor } from "../helpers/fixtures.ts";
import { call, formRequest, getRequest } from "../helpers/requests.ts";
import { startSmtpCapture, type SmtpCapture } from "../helpers/smtp.ts";

let smtp: SmtpCapture;
let adminId: string;
let adminCookie: string;
let tutorCookie: string;
let postId: string;

// The raw header line (mailparser folds List-* headers into a structure of its own).
const header = (message: ParsedMail, name: string) => {
  const line = message.headerLines.find((h) => h.key === name.toLowerCase())?.line ?? "";
  return line.slice(line.indexOf(":") + 1).trim();
};
const to = (message: ParsedMail) => (Array.isArray(message.to) ? message.to[0] : message.to)?.value[0]?.address;
const newsletterMessages = () => smtp.messages.filter((m) => header(m, "List-Unsubscribe") !== "");

beforeAll(async () => {
  smtp = await startSmtpCapture();
  process.env.SMTP_URL = smtp.url;
  process.env.NEWSLETTER_RATE_PER_SECOND = "1000";
  resetEnvCache();
  const admin = await createUser({ role: "ADMIN" });
  adminId = admin.id;
  adminCookie = await sessionCookieFor(admin.id);
  tutorCookie = await sessionCookieFor((await createUser({ role: "TUTOR" })).id);
  postId = (await db.blogPost.create({ data: { slug: "notizia", title: "Una notizia", excerpt: "In breve.", body: "Testo.", status: "PUBLISHED", publishedAt: new Date() } })).id;
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  delete process.env.NEWSLETTER_RATE_PER_SECOND;
  resetEnvCache();
  await smtp.stop();
});

async function subscribeThroughTheForm(email: string) {
  const response = await call(subscribePage.action, formRequest("/blog/newsletter", { email, consent: "yes" }));
  expect(response.status).toBe(200);
  await runDueJobs();
}

describe("double opt-in", () => {
  it("mails a confirmation link that subscribes only when its button is pressed, once", async () => {
    await subscribeThroughTheForm("Anna.Rossi@Comune.example.it");
    const mail = await smtp.waitForMessage((m) => to(m) === "anna.rossi@comune.example.it");
    const link = /https?:\/\/\S+\/blog\/newsletter\/confirm\/([A-Za-z0-9_-]+)/.exec(mail.text ?? "")!;
    expect(link).toBeTruthy();
    const token = link[1];
    const subscriber = await db.newsletterSubscriber.findUniqueOrThrow({ where: { email: "anna.rossi@comune.example.it" } });
    expect(subscriber).toMatchObject({ status: "PENDING", consentIp: "127.0.0.1" });
    expect(subscriber.consentText).toMatch(/Acconsento/);
    // Opening the link (a mail scanner does) confirms nothing.
    const page = await call(confirmPage.loader, getRequest(`/blog/newsletter/confirm/${token}`), { token });
    expect(page.status).toBe(200);
    expect(page.headers.get("Cache-Control")).toBe("no-store");
    expect((await db.newsletterSubscriber.findUniqueOrThrow({ where: { id: subscriber.id } })).status).toBe("PENDING");
    expect((await call(confirmPage.action, formRequest(`/blog/newsletter/confirm/${token}`, {}), { token })).status).toBe(200);
    expect((await db.newsletterSubscriber.findUniqueOrThrow({ where: { id: subscriber.id } })).status).toBe("CONFIRMED");
    // Used up.
    expect((await call(confirmPage.action, formRequest(`/blog/newsletter/confirm/${token}`, {}), { token })).status).toBe(410);
    expect((await call(confirmPage.loader, getRequest(`/blog/newsletter/confirm/${token}`), { token })).status).toBe(410);
  });

  it("refuses a request without consent and keeps the address typed", async () => {
    const response = await call(subscribePage.action, formRequest("/blog/newsletter", { email: "senza@consenso.example.it" }));
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.fieldErrors.consent).toEqual(["blog:newsletter.errors.consent"]);
    expect(body.values.email).toBe("senza@consenso.example.it");
    expect(await db.newsletterSubscriber.count({ where: { email: "senza@consenso.example.it" } })).toBe(0);
  });

  it("answers a confirmed address the same way and mails it nothing new", async () => {
    const before = smtp.messages.length;
    await subscribeThroughTheForm("anna.rossi@comune.example.it");
    expect(smtp.messages.length).toBe(before);
  });
});

describe("one-click unsubscribe", () => {
  it("works without signing in, for that address only; a token cannot be forged or moved to another subscriber", async () => {
    const a = await db.newsletterSubscriber.create({ data: { email: "a@ente.example.it", status: "CONFIRMED", consentText: "sì", consentAt: new Date() } });
    const b = await db.newsletterSubscriber.create({ data: { email: "b@ente.example.it", status: "CONFIRMED", consentText: "sì", consentAt: new Date() } });
    const tokenA = unsubscribeToken(a);
    const [, macA] = tokenA.split(".");
    const forged = [`${b.id}.${macA}`, `${a.id}.${"A".repeat(43)}`, `${a.id}.short`, "nonsense"];
    for (const token of forged) {
      expect((await call(unsubscribePage.action, formRequest(`/blog/newsletter/unsubscribe/${token}`, { "List-Unsubscribe": "One-Click" }), { token })).status).toBe(404);
    }
    expect((await db.newsletterSubscriber.findUniqueOrThrow({ where: { id: b.id } })).status).toBe("CONFIRMED");
    const response = await call(unsubscribePage.action, formRequest(`/blog/newsletter/unsubscribe/${tokenA}`, { "List-Unsubscribe": "One-Click" }), { token: tokenA });
    expect(response.status).toBe(200);
    expect((await db.newsletterSubscriber.findUniqueOrThrow({ where: { id: a.id } })).status).toBe("UNSUBSCRIBED");
    expect((await db.newsletterSubscriber.findUniqueOrThrow({ where: { id: b.id } })).status).toBe("CONFIRMED");
    await db.newsletterSubscriber.deleteMany({ where: { id: { in: [a.id, b.id] } } });
  });
});

describe("sending", () => {
  beforeAll(async () => {
    await db.newsletterSubscriber.createMany({
      // Every fourth subscriber reads English.
      data: Array.from({ length: 40 }, (_, i) => ({ email: `iscritto${i}@ente.example.it`, locale: i % 4 === 0 ? "en" : "it", status: "CONFIRMED" as const, consentText: "sì", consentAt: new Date() })),
    });
    await db.newsletterSubscriber.create({ data: { email: "in-attesa@ente.example.it", consentText: "sì", consentAt: new Date() } });
  });

  it("mails the post once to every confirmed subscriber, with one-click unsubscribe headers, and shows the progress", async () => {
    const before = newsletterMessages().length;
    const response = await call(managePage.action, formRequest("/blog/manage/newsletter", { intent: "send", postId }, { cookie: tutorCookie }));
    expect(response.status).toBe(302);
    const send = await db.newsletterSend.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
    expect(send.total).toBe(41); // 40 + Anna
    await runDueJobs();
    const received = newsletterMessages().slice(before);
    expect(received).toHaveLength(41);
    expect(new Set(received.map(to)).size).toBe(41);
    expect(received.map(to)).not.toContain("in-attesa@ente.example.it");
    const one = received[0];
    expect(one.subject).toBe("Una notizia");
    expect(header(one, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    const unsubscribeUrl = /<(https?:\/\/[^>]+)>/.exec(header(one, "List-Unsubscribe"))![1];
    expect(one.text).toContain(unsubscribeUrl);
    expect(await sendProgress(send.id)).toEqual({ sent: 41, failed: 0, uncertain: 0, remaining: 0 });
    expect((await db.newsletterSend.findUniqueOrThrow({ where: { id: send.id } })).status).toBe("DONE");
    const page = await (await call(managePage.loader, getRequest("/blog/manage/newsletter", { cookie: tutorCookie }))).json();
    expect(page.sends[0].progress.sent).toBe(41);
    expect(page.counts).toBeNull(); // subscribers are for admins
    // The header's link unsubscribes that recipient with one POST.
    const token = unsubscribeUrl.split("/").pop()!;
    expect((await call(unsubscribePage.action, formRequest(new URL(unsubscribeUrl).pathname, { "List-Unsubscribe": "One-Click" }), { token })).status).toBe(200);
    expect((await db.newsletterSubscriber.findUniqueOrThrow({ where: { email: to(one)! } })).status).toBe("UNSUBSCRIBED");
    await db.newsletterSubscriber.update({ where: { email: to(one)! }, data: { status: "CONFIRMED" } });
  });

  it("writes each email in the subscriber's language, rendered once per language", async () => {
    const before = newsletterMessages().length;
    const sendId = await startSend(adminId, { kind: "digest" });
    expect(await db.newsletterSendVersion.count({ where: { sendId } })).toBe(2);
    await runSend(sendId);
    const received = newsletterMessages().slice(before);
    const english = received.find((m) => to(m) === "iscritto4@ente.example.it")!;
    const italian = received.find((m) => to(m) === "iscritto5@ente.example.it")!;
    expect(english.subject).toBe("What's new on the CO-OP blog");
    expect(english.text).toMatch(/Unsubscribe: https?:\/\/\S+\/blog\/newsletter\/unsubscribe\//);
    expect(english.html).toContain('lang="en"');
    expect(header(english, "Content-Language")).toBe("en");
    expect(italian.subject).toBe("Le novità del blog di CO-OP");
    expect(italian.text).toMatch(/Annulla l'iscrizione: https?:\/\//);
    expect(header(italian, "Content-Language")).toBe("it");
    // Each carries its own unsubscribe link and a VERP return path naming the delivery.
    expect(english.text).not.toContain(UNSUBSCRIBE_PLACEHOLDER);
  });

  it("resumes after a crash and sends the messages caught mid-hand-over again with the same Message-ID: every mailbox shows one copy", async () => {
    const before = newsletterMessages().length;
    const sendId = await startSend(adminId, { kind: "post", postId });
    // An attempt that died: 10 rows sent (and recorded), 2 handed over but never marked; the server
    // had accepted the first of those two, not the second.
    const rows = await db.newsletterDelivery.findMany({ where: { sendId }, orderBy: { id: "asc" }, take: 12 });
    await db.newsletterDelivery.updateMany({ where: { id: { in: rows.slice(0, 10).map((r) => r.id) } }, data: { status: "SENT", sentAt: new Date(), attempts: 1 } });
    await db.newsletterDelivery.updateMany({ where: { id: { in: rows.slice(10).map((r) => r.id) } }, data: { status: "SENDING", claimedBy: "dead-attempt", claimedAt: new Date(), attempts: 1 } });
    const domain = "coop.localhost";
    await deliver({ id: `newsletter-${rows[10].id}`, to: rows[10].email, subject: "Una notizia", html: "<p>x</p>", text: "x", locale: "it", headers: { "List-Unsubscribe": "<https://x.invalid>" } });
    await runSend(sendId);
    const received = newsletterMessages().slice(before);
    // Nobody lost: every subscriber got at least one copy of this send.
    const recipients = new Set(received.map(to));
    for (const row of rows.slice(10)) expect(recipients).toContain(row.email);
    expect(received.filter((m) => to(m) === rows[0].email)).toHaveLength(0); // recorded as sent: not again
    // What mailboxes show: one message per recipient (distinct Message-IDs); the accepted one came twice
    // on the wire, with the same Message-ID, so a store that drops duplicates keeps one.
    const ids = new Map<string, Set<string>>();
    for (const m of received) ids.set(to(m)!, (ids.get(to(m)!) ?? new Set()).add(m.messageId!));
    expect([...ids.values()].every((set) => set.size === 1)).toBe(true);
    expect([...ids.get(rows[10].email)!][0]).toBe(`<newsletter-${rows[10].id}@${domain}>`);
    expect(received.filter((m) => to(m) === rows[10].email)).toHaveLength(2);
    expect(received.filter((m) => to(m) === rows[11].email)).toHaveLength(1);
    expect(await sendProgress(sendId)).toEqual({ sent: 41, failed: 0, uncertain: 0, remaining: 0 });
    expect((await db.newsletterDelivery.findUniqueOrThrow({ where: { id: rows[11].id } })).attempts).toBe(2);
  });

  it("never has more rows in doubt than messages in flight, and records each accepted message before the next hand-over", async () => {
    const held: (() => void)[] = [];
    let accepted = 0;
    const server = new SMTPServer({
      // The client's pool keeps its connections open: close them at the end instead of waiting.
      closeTimeout: 100,
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData(stream, _session, callback) {
        stream.on("end", () => {
          // The first 10 are accepted at once; then the server stalls after the final ".".
          if (accepted < 10) {
            accepted++;
            callback();
          } else held.push(() => callback());
        });
        stream.resume();
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    process.env.SMTP_URL = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}?pool=true&maxConnections=4`;
    process.env.NEWSLETTER_CONCURRENCY = "4";
    resetEnvCache();
    try {
      const sendId = await startSend(adminId, { kind: "post", postId });
      const running = runSend(sendId);
      await vi.waitFor(() => expect(held.length).toBe(4), { timeout: 5000 });
      // The moment a kill -9 would leave behind: the 10 accepted are recorded, 4 in doubt, no more.
      expect(await db.newsletterDelivery.count({ where: { sendId, status: "SENT" } })).toBe(10);
      expect(await db.newsletterDelivery.count({ where: { sendId, status: "SENDING" } })).toBe(4);
      accepted = -1000;
      while (held.length) held.shift()!();
      await running;
      expect(await sendProgress(sendId)).toEqual({ sent: 41, failed: 0, uncertain: 0, remaining: 0 });
    } finally {
      process.env.SMTP_URL = smtp.url;
      delete process.env.NEWSLETTER_CONCURRENCY;
      resetEnvCache();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("keeps rows queued while the mail server refuses for a while, then delivers them", async () => {
    const before = newsletterMessages().length;
    const sendId = await startSend(adminId, { kind: "digest" });
    smtp.setRejecting(true);
    await expect(runSend(sendId)).rejects.toThrow();
    expect((await sendProgress(sendId)).remaining).toBe(41);
    smtp.setRejecting(false);
    await runSend(sendId);
    expect(newsletterMessages().length - before).toBe(41);
    expect(await sendProgress(sendId)).toEqual({ sent: 41, failed: 0, uncertain: 0, remaining: 0 });
  });

  it("records a permanent rejection of one address and goes on with the others", async () => {
    const accepted: string[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (address.address === "iscritto3@ente.example.it") return callback(Object.assign(new Error("5.1.1 User unknown"), { responseCode: 550 }));
        accepted.push(address.address);
        callback();
      },
      onData(stream, _session, callback) {
        stream.on("end", () => callback());
        stream.resume();
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    process.env.SMTP_URL = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    resetEnvCache();
    try {
      const sendId = await startSend(adminId, { kind: "post", postId });
      await runSend(sendId);
      expect(await sendProgress(sendId)).toEqual({ sent: 40, failed: 1, uncertain: 0, remaining: 0 });
      const failed = await db.newsletterDelivery.findFirstOrThrow({ where: { sendId, status: "FAILED" } });
      expect(failed.email).toBe("iscritto3@ente.example.it");
      expect(failed.error).toMatch(/User unknown/);
      expect(accepted).toHaveLength(40);
    } finally {
      process.env.SMTP_URL = smtp.url;
      resetEnvCache();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe("subscribers' data (GDPR)", () => {
  it("exports every subscriber with the consent record, for admins only", async () => {
    expect((await call(exportRoute.loader, getRequest("/blog/manage/newsletter/export", { cookie: tutorCookie }))).status).toBe(403);
    const response = await call(exportRoute.loader, getRequest("/blog/manage/newsletter/export", { cookie: adminCookie }));
    expect(response.headers.get("Content-Type")).toMatch(/text\/csv/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a BOM, so spreadsheets read UTF-8
    const csv = new TextDecoder().decode(bytes);
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toMatch(/^email,stato,lingua,consenso,data_consenso,ip_consenso/);
    expect(lines).toHaveLength(1 + (await db.newsletterSubscriber.count()));
    expect(csv).toMatch(/anna\.rossi@comune\.example\.it,CONFIRMED,it,"?Acconsento/);
  });

  it("erases a subscriber and their delivery rows", async () => {
    const response = await call(managePage.action, formRequest("/blog/manage/newsletter", { intent: "remove", email: "anna.rossi@comune.example.it" }, { cookie: adminCookie }));
    expect(response.status).toBe(302);
    expect(await db.newsletterSubscriber.count({ where: { email: "anna.rossi@comune.example.it" } })).toBe(0);
    expect(await db.newsletterDelivery.count({ where: { email: "anna.rossi@comune.example.it" } })).toBe(0);
    const tutor = await call(managePage.action, formRequest("/blog/manage/newsletter", { intent: "remove", email: "iscritto1@ente.example.it" }, { cookie: tutorCookie }));
    expect(tutor.status).toBe(403);
  });
});
