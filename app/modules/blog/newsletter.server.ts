// The blog's newsletter: double opt-in subscription (consent text, time and address kept), one-click
// unsubscribe with a token bound to one address, and sends to every confirmed subscriber that are
// resumable after a crash with nobody seeing a second copy (docs/blog.md, docs/decisions/0021).
//
// A send is rendered once per language (NewsletterSend + NewsletterSendVersion) and fanned out as one
// NewsletterDelivery row per subscriber, carrying the subscriber's language. The "newsletter.send" job
// reads pending rows in batches; each sender claims a row (PENDING -> SENDING, only if still PENDING)
// in the same transaction that records its previous row SENT, then hands the message over. So at
// most NEWSLETTER_CONCURRENCY rows are SENDING when a process dies; the next attempt sends them again
// with the same Message-ID (stable per send and subscriber), which a mailbox shows once.
// The envelope sender is a VERP address (bounce+<token>@domain) so that a later bounce names its
// delivery (bounces.server.ts reads them).
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { db } from "~/lib/db.server.ts";
import { DomainError } from "~/lib/domain-error.ts";
import { cookieSecret, env } from "~/lib/env.server.ts";
import { logger } from "~/lib/logger.server.ts";
import { defineJob } from "~/lib/jobs/define.server.ts";
import { enqueueJob, kickWorker } from "~/lib/jobs/queue.server.ts";
import { claimAttempt, type Limit } from "~/lib/rate-limit.server.ts";
import { renderEmail } from "~/lib/mail/render.server.tsx";
import { sendEmail } from "~/lib/mail/send.server.ts";
import { deliver } from "~/lib/mail/transport.server.ts";
import { recordAudit, type AuditMeta } from "~/modules/audit/audit.server.ts";
import type { EmailLocale } from "../../../emails/index.ts";

export const NEWSLETTER_SEND_JOB = "newsletter.send";
export const UNSUBSCRIBE_PLACEHOLDER = "https://unsubscribe.invalid/UNSUBSCRIBE_TOKEN";
const DIGEST_DAYS = 30;
/** The languages a newsletter is rendered in; the first is the reference (and the fallback). */
const NEWSLETTER_LOCALES: EmailLocale[] = ["it", "en"];
const CLAIM_BATCH = 200;

const SUBSCRIBE_LIMITS: Limit[] = [
  { name: "newsletter-ip-h", max: 20, windowSeconds: 3600 },
  { name: "newsletter-addr-d", max: 3, windowSeconds: 86400 },
];

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

// ---- subscription ---------------------------------------------------------------------------------

/**
 * Records the request and mails a confirmation link. The answer is the same whether or not the
 * address was already subscribed (nobody learns who subscribes). Returns false when rate-limited.
 */
export async function subscribe(input: { email: string; locale: EmailLocale; consentText: string; ipAddress?: string }): Promise<boolean> {
  const limit = await claimAttempt([
    { limit: SUBSCRIBE_LIMITS[0], subject: input.ipAddress ?? "unknown" },
    { limit: SUBSCRIBE_LIMITS[1], subject: sha256(input.email) },
  ]);
  if (!limit.allowed) return false;
  const existing = await db.newsletterSubscriber.findUnique({ where: { email: input.email } });
  if (existing?.status === "CONFIRMED") return true;
  const token = randomBytes(32).toString("base64url");
  const consent = { consentText: input.consentText, consentAt: new Date(), consentIp: input.ipAddress ?? null, locale: input.locale };
  await db.$transaction(async (tx) => {
    await tx.newsletterSubscriber.upsert({
      where: { email: input.email },
      create: { email: input.email, confirmTokenHash: sha256(token), ...consent },
      update: { status: "PENDING", confirmTokenHash: sha256(token), unsubscribedAt: null, ...consent },
    });
    await sendEmail({ to: input.email, template: "newsletter-confirm", locale: input.locale, data: { confirmUrl: `${env().APP_URL}/blog/newsletter/confirm/${token}` } }, { tx });
  });
  kickWorker();
  return true;
}

export async function findPendingByToken(token: string) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  return db.newsletterSubscriber.findFirst({ where: { confirmTokenHash: sha256(token), status: "PENDING" }, select: { id: true, email: true } });
}

/** Confirms the subscription of the token's address; the token then stops working. */
export async function confirmSubscription(token: string) {
  const pending = await findPendingByToken(token);
  if (!pending) return false;
  const { count } = await db.newsletterSubscriber.updateMany({
    where: { id: pending.id, status: "PENDING" },
    data: { status: "CONFIRMED", confirmedAt: new Date(), confirmTokenHash: null },
  });
  return count === 1;
}

// ---- unsubscribe tokens: "<subscriber id>.<HMAC of id and address>" --------------------------------

function mac(id: string, email: string) {
  return createHmac("sha256", cookieSecret()).update(`newsletter-unsubscribe\n${id}\n${email}`).digest("base64url");
}

export function unsubscribeToken(subscriber: { id: string; email: string }) {
  return `${subscriber.id}.${mac(subscriber.id, subscriber.email)}`;
}

// ---- VERP return path: bounce+<subscriber id>-<send id prefix>-<MAC>@<domain> ----------------------
// Lower case only (some servers fold the local part), under 64 characters; the MAC stops a forged
// bounce from stopping someone else's mail.

function bounceMac(subscriberId: string, sendPrefix: string) {
  return createHmac("sha256", cookieSecret()).update(`newsletter-bounce\n${subscriberId}\n${sendPrefix}`).digest("hex").slice(0, 12);
}

export function bounceDomain() {
  const { NEWSLETTER_BOUNCE_DOMAIN, MAIL_FROM } = env();
  return NEWSLETTER_BOUNCE_DOMAIN ?? /@([^>\s]+)/.exec(MAIL_FROM)?.[1] ?? "coop.localhost";
}

export function bounceAddress(subscriberId: string, sendId: string) {
  const prefix = sendId.replace(/-/g, "").slice(0, 8).toLowerCase();
  return `bounce+${subscriberId}-${prefix}-${bounceMac(subscriberId, prefix)}@${bounceDomain()}`;
}

/** The subscriber and send prefix a VERP address names, if its MAC is right. */
export function parseBounceAddress(address: string): { subscriberId: string; sendPrefix: string } | null {
  const match = /bounce\+([a-z0-9]{10,40})-([a-z0-9]{8})-([0-9a-f]{12})@/i.exec(address);
  if (!match) return null;
  const [subscriberId, sendPrefix, given] = [match[1], match[2].toLowerCase(), match[3].toLowerCase()];
  const expected = Buffer.from(bounceMac(subscriberId, sendPrefix));
  return timingSafeEqual(expected, Buffer.from(given)) ? { subscriberId, sendPrefix } : null;
}

export function unsubscribeUrl(subscriber: { id: string; email: string }) {
  return `${env().APP_URL}/blog/newsletter/unsubscribe/${unsubscribeToken(subscriber)}`;
}

/** The subscriber a token names, if the token was made for that subscriber's current address. */
export async function subscriberForToken(token: string) {
  const match = /^([a-z0-9]{10,40})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const subscriber = await db.newsletterSubscriber.findUnique({ where: { id: match[1] }, select: { id: true, email: true, status: true } });
  if (!subscriber) return null;
  const expected = Buffer.from(mac(subscriber.id, subscriber.email));
  const given = Buffer.from(match[2]);
  return expected.length === given.length && timingSafeEqual(expected, given) ? subscriber : null;
}

export async function unsubscribe(token: string) {
  const subscriber = await subscriberForToken(token);
  if (!subscriber) return false;
  if (subscriber.status !== "UNSUBSCRIBED") {
    await db.newsletterSubscriber.update({ where: { id: subscriber.id }, data: { status: "UNSUBSCRIBED", unsubscribedAt: new Date(), confirmTokenHash: null } });
  }
  return true;
}

// ---- subscribers (admins) -----------------------------------------------------------------------

export async function subscriberCounts() {
  const groups = await db.newsletterSubscriber.groupBy({ by: ["status"], _count: { _all: true } });
  const count = (status: string) => groups.find((g) => g.status === status)?._count._all ?? 0;
  return { confirmed: count("CONFIRMED"), pending: count("PENDING"), unsubscribed: count("UNSUBSCRIBED"), bounced: count("BOUNCED") };
}

const csvCell = (value: string) => {
  // Formula characters are neutralised so a spreadsheet never runs a cell.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** Every subscriber with their consent record, as CSV (UTF-8 with BOM, for spreadsheets). */
export async function* subscribersCsv(actorId: string, meta: AuditMeta = {}) {
  await recordAudit({ actorId, action: "newsletter.export", targetType: "NewsletterSubscriber", summary: "Esportati gli iscritti alla newsletter", ipAddress: meta.ipAddress });
  yield "\ufeffemail,stato,lingua,consenso,data_consenso,ip_consenso,confermato_il,disiscritto_il\r\n";
  let cursor: string | undefined;
  for (;;) {
    const rows = await db.newsletterSubscriber.findMany({ orderBy: { id: "asc" }, take: 1000, ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}) });
    if (!rows.length) return;
    yield rows
      .map((r) =>
        [r.email, r.status, r.locale, r.consentText, r.consentAt.toISOString(), r.consentIp ?? "", r.confirmedAt?.toISOString() ?? "", r.unsubscribedAt?.toISOString() ?? ""].map(csvCell).join(",") + "\r\n",
      )
      .join("");
    cursor = rows[rows.length - 1].id;
  }
}

/** Erases a subscriber and their delivery rows (GDPR); the audit entry keeps no address. */
export async function removeSubscriber(actorId: string, email: string, meta: AuditMeta = {}) {
  const subscriber = await db.newsletterSubscriber.findUnique({ where: { email }, select: { id: true } });
  if (!subscriber) return false;
  await db.$transaction(async (tx) => {
    await tx.newsletterSubscriber.delete({ where: { id: subscriber.id } });
    await recordAudit({ actorId, action: "newsletter.remove", targetType: "NewsletterSubscriber", targetId: subscriber.id, summary: "Cancellati i dati di un iscritto alla newsletter", ipAddress: meta.ipAddress }, tx);
  });
  return true;
}

// ---- sends ----------------------------------------------------------------------------------------

export type SendChoice = { kind: "post"; postId: string } | { kind: "digest" };

export async function sendablePosts() {
  return db.blogPost.findMany({ where: { status: "PUBLISHED" }, orderBy: { publishedAt: "desc" }, take: 50, select: { id: true, title: true } });
}

/** Renders the newsletter once and queues one delivery per confirmed subscriber; returns the send's id. */
export async function startSend(actorId: string, choice: SendChoice, meta: AuditMeta = {}, now = new Date()) {
  const base = env().APP_URL;
  const posts =
    choice.kind === "post"
      ? await db.blogPost.findMany({ where: { id: choice.postId, status: "PUBLISHED" }, select: { slug: true, title: true, excerpt: true } })
      : await db.blogPost.findMany({
          where: { status: "PUBLISHED", publishedAt: { gte: new Date(now.getTime() - DIGEST_DAYS * 86_400_000) } },
          orderBy: { publishedAt: "desc" },
          take: 20,
          select: { slug: true, title: true, excerpt: true },
        });
  if (!posts.length) throw new DomainError(choice.kind === "post" ? "blog:newsletter.postRequired" : "blog:newsletter.nothingToSend", {}, { field: choice.kind === "post" ? "postId" : undefined });
  const confirmed = await db.newsletterSubscriber.count({ where: { status: "CONFIRMED" } });
  if (!confirmed) throw new DomainError("blog:newsletter.nothingToSend", {}, { status: 409 });
  // Rendered once per language (subject, body chrome, unsubscribe words), not once per subscriber.
  const data = { kind: choice.kind, posts: posts.map((p) => ({ title: p.title, excerpt: p.excerpt, url: `${base}/blog/${p.slug}` })), unsubscribeUrl: UNSUBSCRIBE_PLACEHOLDER };
  const rendered = NEWSLETTER_LOCALES.map((locale) => ({ locale, ...renderEmail("newsletter-post", locale, data) }));
  const email = rendered[0];
  const sendId = randomUUID();
  await db.$transaction(async (tx) => {
    await tx.newsletterSend.create({
      data: { id: sendId, kind: choice.kind, postId: choice.kind === "post" ? choice.postId : null, subject: email.subject, html: email.html, text: email.text, createdById: actorId },
    });
    await tx.newsletterSendVersion.createMany({ data: rendered.map((r) => ({ sendId, locale: r.locale, subject: r.subject, html: r.html, text: r.text })) });
    // One statement for every subscriber (76,000 rows in a second or two); status defaults to PENDING.
    // A locale the emails do not speak falls back to Italian.
    const total = await tx.$executeRaw`INSERT INTO "NewsletterDelivery" ("id", "sendId", "subscriberId", "email", "locale")
      SELECT CAST(${sendId} AS TEXT) || '-' || s."id", CAST(${sendId} AS TEXT), s."id", s."email", CASE WHEN s."locale" = 'en' THEN 'en' ELSE 'it' END
      FROM "NewsletterSubscriber" s WHERE s."status" = 'CONFIRMED'`;
    await tx.newsletterSend.update({ where: { id: sendId }, data: { total } });
    await recordAudit({ actorId, action: "newsletter.send", targetType: "NewsletterSend", targetId: sendId, summary: `Avviato l'invio della newsletter «${email.subject}» a ${total} iscritti`, ipAddress: meta.ipAddress }, tx);
  });
  await enqueueJob(NEWSLETTER_SEND_JOB, { sendId }, { uniqueKey: `newsletter-send:${sendId}`, maxAttempts: 50 });
  return sendId;
}

export async function sendProgress(sendId: string) {
  const groups = await db.newsletterDelivery.groupBy({ by: ["status"], where: { sendId }, _count: { _all: true } });
  const count = (status: string) => groups.find((g) => g.status === status)?._count._all ?? 0;
  return { sent: count("SENT"), failed: count("FAILED"), uncertain: count("UNCERTAIN"), remaining: count("PENDING") + count("SENDING") };
}

export async function recentSends(limit = 20) {
  const sends = await db.newsletterSend.findMany({ orderBy: { createdAt: "desc" }, take: limit, select: { id: true, subject: true, status: true, total: true, createdAt: true, finishedAt: true } });
  return Promise.all(sends.map(async (send) => ({ ...send, progress: await sendProgress(send.id) })));
}

/**
 * The sender chooses to send the UNCERTAIN rows of a send again. Someone whose message did reach
 * the server before the crash gets it twice, with the same Message-ID (so their mail server may drop
 * it). Returns how many rows were queued again.
 */
export async function resendUncertain(actorId: string, sendId: string, meta: AuditMeta = {}) {
  const { count } = await db.newsletterDelivery.updateMany({ where: { sendId, status: "UNCERTAIN" }, data: { status: "PENDING", claimedBy: null, claimedAt: null } });
  if (!count) return 0;
  await db.$transaction(async (tx) => {
    await tx.newsletterSend.update({ where: { id: sendId }, data: { status: "SENDING", finishedAt: null } });
    await recordAudit({ actorId, action: "newsletter.resend", targetType: "NewsletterSend", targetId: sendId, summary: `Rimessi in coda ${count} invii incerti della newsletter`, ipAddress: meta.ipAddress }, tx);
  });
  await enqueueJob(NEWSLETTER_SEND_JOB, { sendId }, { uniqueKey: `newsletter-resend:${sendId}:${Date.now()}`, maxAttempts: 50 });
  return count;
}

/** A rejection by the mail server that will not change on retry (5xx), or null. */
function permanentRejection(error: unknown): string | null {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === "number" && code >= 500 ? String((error as Error).message).slice(0, 500) : null;
}

/** True when the message certainly did not reach the server (so sending it later is no duplicate). */
function notHandedOver(error: unknown) {
  const e = error as { responseCode?: number; code?: string; command?: string };
  if (typeof e.responseCode === "number" && e.responseCode >= 400 && e.responseCode < 500) return true;
  return e.command === "CONN" || e.code === "ECONNREFUSED" || (e.code === "ECONNECTION" && e.command !== "DATA");
}

/** A pacer shared by the concurrent senders: at most `perSecond` hand-overs a second. */
function pacer(perSecond: number) {
  let next = Date.now();
  return async () => {
    const now = Date.now();
    next = Math.max(next, now) + 1000 / perSecond;
    const wait = next - 1000 / perSecond - now;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  };
}

/** A row handed over this many times without a recorded answer is left UNCERTAIN for the sender. */
export const MAX_HANDOVERS = 5;

/**
 * Group commit of the senders' state changes. Each sender asks, in one step, "record my last
 * accepted row as SENT and claim my next row"; the requests that arrive while a transaction is
 * being written go together in the next one. A sender waits for its step before handing anything
 * over, so each sender has at most one row SENDING at any time (claimed, in flight, or accepted and
 * not yet recorded): after a crash at most NEWSLETTER_CONCURRENCY rows are in doubt, and the
 * database sees one transaction per round of senders instead of two per message.
 */
function stateWriter(attempt: string) {
  type Step = { sent?: string; claim?: string; done: (claimed: boolean) => void; fail: (error: unknown) => void };
  let queue: Step[] = [];
  let writing = false;
  const flush = async () => {
    writing = true;
    while (queue.length) {
      const steps = queue;
      queue = [];
      const sent = steps.flatMap((s) => (s.sent ? [s.sent] : []));
      const claims = steps.flatMap((s) => (s.claim ? [s.claim] : []));
      const now = new Date();
      try {
        const results = await db.$transaction([
          ...(sent.length ? [db.newsletterDelivery.updateMany({ where: { id: { in: sent }, status: "SENDING", claimedBy: attempt }, data: { status: "SENT", sentAt: now, error: null } })] : []),
          // The claim: only a row still PENDING moves, so two attempts never both send it.
          ...claims.map((id) =>
            db.newsletterDelivery.updateMany({ where: { id, status: "PENDING" }, data: { status: "SENDING", claimedBy: attempt, claimedAt: now, attempts: { increment: 1 } } }),
          ),
        ]);
        const claimed = new Map(claims.map((id, i) => [id, results[(sent.length ? 1 : 0) + i].count === 1]));
        for (const step of steps) step.done(step.claim ? claimed.get(step.claim)! : false);
      } catch (error) {
        for (const step of steps) step.fail(error);
      }
    }
    writing = false;
  };
  return (step: { sent?: string; claim?: string }) =>
    new Promise<boolean>((done, fail) => {
      queue.push({ ...step, done, fail });
      if (!writing) void flush();
    });
}

type Version = { subject: string; html: string; text: string };

export async function runSend(sendId: string, signal?: AbortSignal) {
  const send = await db.newsletterSend.findUnique({ where: { id: sendId }, include: { versions: true } });
  if (!send || send.status !== "SENDING") return;
  // Rows an earlier attempt claimed and never marked: it died in between, and nobody can know whether
  // the mail server accepted them (decision 0021). They are sent again, with the same Message-ID, so
  // a mailbox that already holds the message shows it once; at most NEWSLETTER_CONCURRENCY rows.
  const orphaned = await db.newsletterDelivery.updateMany({
    where: { sendId, status: "SENDING" },
    data: { status: "PENDING", claimedBy: null, claimedAt: null, error: "handed over by an attempt that stopped before recording the answer; sent again with the same Message-ID" },
  });
  if (orphaned.count) logger.warn("newsletter: deliveries of an interrupted attempt are sent again with the same Message-ID", { sendId, count: orphaned.count });
  const { NEWSLETTER_RATE_PER_SECOND, NEWSLETTER_CONCURRENCY, MAIL_FROM } = env();
  const wait = pacer(NEWSLETTER_RATE_PER_SECOND);
  const attempt = randomUUID();
  const step = stateWriter(attempt);
  const domain = /@([^>\s]+)/.exec(MAIL_FROM)?.[1] ?? "coop.localhost";
  const versions = new Map<string, Version>(send.versions.map((v) => [v.locale, v]));
  const versionFor = (locale: string): Version => versions.get(locale) ?? send;
  let transientError: unknown = null;

  while (!signal?.aborted && !transientError) {
    const batch = await db.newsletterDelivery.findMany({
      where: { sendId, status: "PENDING" },
      select: { id: true, email: true, locale: true, attempts: true, subscriber: { select: { id: true, email: true, status: true } } },
      orderBy: { id: "asc" },
      take: CLAIM_BATCH,
    });
    if (!batch.length) break;
    let index = 0;
    const worker = async () => {
      // This sender's row accepted by the server and not yet recorded (recorded with the next claim).
      let accepted: string | undefined;
      try {
        while (index < batch.length && !transientError && !signal?.aborted) {
          const row = batch[index++];
          if (row.subscriber.status !== "CONFIRMED" || row.subscriber.email !== row.email) {
            await db.newsletterDelivery.updateMany({ where: { id: row.id, status: "PENDING" }, data: { status: "FAILED", error: "unsubscribed, bounced or erased before delivery" } });
            continue;
          }
          if (row.attempts >= MAX_HANDOVERS) {
            await db.newsletterDelivery.updateMany({ where: { id: row.id, status: "PENDING" }, data: { status: "UNCERTAIN", error: `handed over ${row.attempts} times without a recorded answer` } });
            continue;
          }
          // Record the previous row and claim this one first, then wait for the pace: a row waiting
          // here is claimed but not handed over (sending it again after a crash is no duplicate).
          const claimed = await step({ sent: accepted, claim: row.id });
          accepted = undefined;
          if (!claimed) continue;
          await wait();
          const link = unsubscribeUrl(row.subscriber);
          const version = versionFor(row.locale);
          try {
            await deliver({
              // Stable per send and subscriber: a re-sent copy carries the Message-ID of the first.
              id: `newsletter-${row.id}`,
              to: row.email,
              subject: version.subject,
              html: version.html.replaceAll(UNSUBSCRIBE_PLACEHOLDER, link),
              text: version.text.replaceAll(UNSUBSCRIBE_PLACEHOLDER, link),
              locale: row.locale,
              envelopeFrom: bounceAddress(row.subscriber.id, sendId),
              headers: {
                "List-Unsubscribe": `<${link}>`,
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "List-Id": `CO-OP blog <blog.${domain}>`,
                Precedence: "bulk",
              },
            });
            accepted = row.id;
          } catch (error) {
            const rejection = permanentRejection(error);
            if (rejection) {
              await db.newsletterDelivery.update({ where: { id: row.id }, data: { status: "FAILED", error: rejection } });
            } else {
              // Refused for now (4xx, no connection), or the connection broke with the message
              // possibly accepted: queued again (same Message-ID) and the job retries with back-off.
              await db.newsletterDelivery.update({ where: { id: row.id }, data: { status: "PENDING", claimedBy: null, claimedAt: null, error: String((error as Error).message).slice(0, 500) } });
              if (notHandedOver(error) || !transientError) transientError = error;
            }
          }
        }
      } finally {
        if (accepted) await step({ sent: accepted });
      }
    };
    await Promise.all(Array.from({ length: Math.min(NEWSLETTER_CONCURRENCY, batch.length) }, worker));
  }
  if (transientError) throw transientError;
  if (signal?.aborted) throw new Error("newsletter send interrupted; it resumes on the next attempt");
  const left = await db.newsletterDelivery.count({ where: { sendId, status: { in: ["PENDING", "SENDING"] } } });
  if (!left) await db.newsletterSend.update({ where: { id: sendId }, data: { status: "DONE", finishedAt: new Date() } });
}

// A short lease: after a crash another worker (or the restarted one) takes the send over within
// seconds; it is renewed while the attempt runs. Long sends run in one attempt.
defineJob<{ sendId: string }>(NEWSLETTER_SEND_JOB, (payload, { signal }) => runSend(payload.sendId, signal), { leaseMs: 15_000, timeoutMs: 60 * 60_000 });
