// Newsletter bounces that arrive later, by email: delivery status notifications (DSN, RFC 3464)
// sent to the VERP return path bounce+<token>@<domain> of each message (newsletter.server.ts) and
// delivered by the mail server into a maildir (NEWSLETTER_BOUNCE_MAILDIR; docs/blog.md shows the
// Postfix/Dovecot setup). A job reads new/ every minute: each report is matched to its delivery
// through the token (whose MAC stops forged reports), recorded, and a permanent failure (5.x.x)
// stops mail to that subscriber. A transient one (4.x.x, "delayed") is only recorded.
// Files are moved to cur/ once read: ":2,S" when understood, ":2,F" (flagged, for a person to look
// at) when not a DSN we can match. A file read twice (crash before the move) is recorded once.
import { readdir, readFile, rename } from "node:fs/promises";
import path from "node:path";
import { db } from "~/lib/db.server.ts";
import { env } from "~/lib/env.server.ts";
import { logger } from "~/lib/logger.server.ts";
import { isUniqueViolation } from "~/lib/prisma-errors.ts";
import { defineJob, defineSchedule } from "~/lib/jobs/define.server.ts";
import { parseBounceAddress } from "./newsletter.server.ts";

export const NEWSLETTER_BOUNCES_JOB = "newsletter.bounces";
const MAX_FILE_BYTES = 2 * 1024 * 1024;

type Fields = Map<string, string>;
export type DsnRecipient = { recipient: string | null; action: string | null; status: string; diagnostic: string | null };
export type Dsn = { returnPath: string | null; recipients: DsnRecipient[] };

/** Header block -> lower-case name -> value (folded lines unfolded; the first occurrence wins). */
function parseFields(block: string): Fields {
  const fields: Fields = new Map();
  for (const line of block.replace(/\r\n/g, "\n").replace(/\n[ \t]+/g, " ").split("\n")) {
    const match = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(line);
    if (match && !fields.has(match[1].toLowerCase())) fields.set(match[1].toLowerCase(), match[2].trim());
  }
  return fields;
}

function splitHead(text: string): [string, string] {
  const normal = text.replace(/\r\n/g, "\n");
  const at = normal.indexOf("\n\n");
  return at < 0 ? [normal, ""] : [normal.slice(0, at), normal.slice(at + 2)];
}

function boundaryOf(contentType: string) {
  return /boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType)?.slice(1).find(Boolean) ?? null;
}

/** The body of the first message/delivery-status part, looking into nested multiparts. */
function deliveryStatusPart(head: Fields, body: string, depth = 0): string | null {
  const type = head.get("content-type") ?? "text/plain";
  if (/^message\/delivery-status/i.test(type)) return body;
  const boundary = /^multipart\//i.test(type) ? boundaryOf(type) : null;
  if (!boundary || depth > 3) return null;
  const parts = body.split(`--${boundary}`).slice(1);
  for (const part of parts) {
    if (part.startsWith("--")) break;
    const [partHead, partBody] = splitHead(part.replace(/^\n/, ""));
    const found = deliveryStatusPart(parseFields(partHead), partBody, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

const address = (value: string | undefined) => value?.replace(/^rfc822;\s*/i, "").replace(/^<|>$/g, "").trim() || null;

/**
 * Reads a delivery status notification: the VERP address it was sent to (from the delivery
 * headers the receiving server adds, or the report's own X-Postfix-Sender) and one entry per
 * recipient with its status code. Null when the message is not a DSN.
 */
export function parseDsn(raw: string): Dsn | null {
  const [headText, body] = splitHead(raw);
  const head = parseFields(headText);
  const report = deliveryStatusPart(head, body);
  if (report === null) return null;
  const groups = report.replace(/\r\n/g, "\n").split(/\n\s*\n/).map(parseFields).filter((fields) => fields.size > 0);
  if (groups.length < 2) return null;
  const [perMessage, ...perRecipient] = groups;
  const recipients = perRecipient
    .filter((fields) => /^\d\.\d{1,3}\.\d{1,3}$/.test(fields.get("status")?.split(/\s/)[0] ?? ""))
    .map((fields) => ({
      recipient: address(fields.get("final-recipient") ?? fields.get("original-recipient")),
      action: fields.get("action")?.toLowerCase() ?? null,
      status: fields.get("status")!.split(/\s/)[0],
      diagnostic: fields.get("diagnostic-code")?.slice(0, 500) ?? null,
    }));
  if (!recipients.length) return null;
  const candidates = [head.get("delivered-to"), head.get("x-original-to"), head.get("envelope-to"), head.get("to"), perMessage.get("x-postfix-sender")];
  const returnPath = candidates.map((value) => /bounce\+[^@\s<>;]+@[^\s<>;]+/i.exec(value ?? "")?.[0]).find(Boolean) ?? null;
  return { returnPath, recipients };
}

/** "failed" with a 5.x.x status: the address will not work. "delayed" or 4.x.x: it may yet. */
const isPermanent = (r: DsnRecipient) => r.status.startsWith("5") && (r.action === null || r.action === "failed");
const isBounce = (r: DsnRecipient) => r.action === null || r.action === "failed" || r.action === "delayed";

export type BounceOutcome = "permanent" | "transient" | "ignored" | "unmatched";

/** Records one DSN (`source` names it, e.g. the maildir file name). */
export async function recordBounce(source: string, raw: string, now = new Date()): Promise<BounceOutcome> {
  const dsn = parseDsn(raw);
  const token = dsn?.returnPath ? parseBounceAddress(dsn.returnPath) : null;
  if (!dsn || !token) return "unmatched";
  const report = dsn.recipients.find(isPermanent) ?? dsn.recipients.find(isBounce);
  if (!report) return "ignored"; // e.g. a "delivered" or "relayed" notice
  const subscriber = await db.newsletterSubscriber.findUnique({ where: { id: token.subscriberId }, select: { id: true, status: true } });
  if (!subscriber) return "ignored"; // erased meanwhile
  const delivery = await db.newsletterDelivery.findFirst({
    where: { subscriberId: subscriber.id, sendId: { startsWith: token.sendPrefix } },
    orderBy: { sentAt: "desc" },
    select: { id: true },
  });
  const permanent = isPermanent(report);
  try {
    await db.$transaction(async (tx) => {
      await tx.newsletterBounce.create({
        data: { source, deliveryId: delivery?.id ?? null, subscriberId: subscriber.id, permanent, status: report.status, diagnostic: report.diagnostic, receivedAt: now },
      });
      if (!permanent) return;
      if (delivery) await tx.newsletterDelivery.update({ where: { id: delivery.id }, data: { bouncedAt: now, error: `${report.status} ${report.diagnostic ?? ""}`.trim().slice(0, 500) } });
      // Only a confirmed subscription is stopped: an unsubscribed address stays unsubscribed.
      await tx.newsletterSubscriber.updateMany({ where: { id: subscriber.id, status: "CONFIRMED" }, data: { status: "BOUNCED", bouncedAt: now } });
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error; // already recorded (the file was read before a crash)
  }
  return permanent ? "permanent" : "transient";
}

/** Reads every new message of the maildir once; returns how many of each outcome. */
export async function readBounceMaildir(dir: string, now = new Date()) {
  const counts: Record<BounceOutcome, number> = { permanent: 0, transient: 0, ignored: 0, unmatched: 0 };
  let names: string[];
  try {
    names = (await readdir(path.join(dir, "new"))).filter((name) => !name.startsWith("."));
  } catch (error) {
    logger.warn("newsletter bounces: the maildir cannot be read", { dir, error: String(error) });
    return counts;
  }
  for (const name of names.sort()) {
    const file = path.join(dir, "new", name);
    const raw = await readFile(file);
    const outcome = raw.length > MAX_FILE_BYTES ? "unmatched" : await recordBounce(name.split(":")[0], raw.toString("latin1"), now);
    counts[outcome]++;
    // Maildir: a read message moves to cur/ with its flags (S seen; F flagged for a person).
    await rename(file, path.join(dir, "cur", `${name.split(":")[0]}:2,${outcome === "unmatched" ? "F" : "S"}`));
  }
  if (counts.unmatched) logger.warn("newsletter bounces: messages that are not a matching DSN were flagged in the maildir", { dir, count: counts.unmatched });
  return counts;
}

defineJob(NEWSLETTER_BOUNCES_JOB, async (_payload, { now }) => {
  const dir = env().NEWSLETTER_BOUNCE_MAILDIR;
  if (dir) await readBounceMaildir(dir, now);
});

defineSchedule({ name: "newsletter.bounces", type: NEWSLETTER_BOUNCES_JOB, every: { minutes: 1 } });
