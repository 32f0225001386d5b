// One digest email per person (issue 14; docs/decisions/0024-digest-and-calendar.md): daily,
// weekly (the members' default) or none, in the person's language, made of the registered
// sections (registry.server.ts), each answering with only what the person may see. An empty
// digest sends nothing. Exactly once per person and period: the DigestSend row (unique per person
// and period key) is written in the transaction that queues the email, so a retried job or a
// second worker running the same period gets a unique-key violation and moves on.
import { randomBytes } from "node:crypto";
import { db } from "~/lib/db.server.ts";
import { env } from "~/lib/env.server.ts";
import { romeDay, romeWeekStart } from "~/lib/dates.ts";
import { logger } from "~/lib/logger.server.ts";
import { sendEmail } from "~/lib/mail/send.server.ts";
import type { Prisma } from "~/generated/sqlite/client.ts";
import type { Section as DigestEmailSection } from "../../../emails/digest.tsx";
import { roleBelongsToOrganization } from "~/modules/access/roles.ts";
import { digestSections, type DigestFrequency, type DigestRun, type DigestUser } from "./registry.server.ts";
import "./sources.server.ts";

export type DigestChoice = DigestFrequency | "NONE";
export const DIGEST_CHOICES: readonly DigestChoice[] = ["DAILY", "WEEKLY", "NONE"];

const DAY = 24 * 3600_000;
const PERIOD_MS: Record<DigestFrequency, number> = { DAILY: DAY, WEEKLY: 7 * DAY };
/** People handled per database page; their emails are queued one transaction each. */
const PAGE = 250;

const userSelect = { id: true, name: true, email: true, role: true, locale: true, organizationId: true, isOrganizationManager: true } as const;

/** Without a saved choice: members get the weekly digest, staff (who see everything) none. */
export function defaultChoice(role: string): DigestChoice {
  return roleBelongsToOrganization(role) ? "WEEKLY" : "NONE";
}

const newToken = () => randomBytes(24).toString("base64url");

/** The person's choices (the saved ones, or the defaults). */
export async function digestPreference(user: { id: string; role: string }) {
  const row = await db.digestPreference.findUnique({ where: { userId: user.id } });
  return { frequency: (row?.frequency ?? defaultChoice(user.role)) as DigestChoice, calendarAllWebinars: row?.calendarAllWebinars ?? false };
}

async function ensurePreference(user: { id: string; role: string }) {
  const existing = await db.digestPreference.findUnique({ where: { userId: user.id } });
  if (existing) return existing;
  try {
    return await db.digestPreference.create({ data: { userId: user.id, frequency: defaultChoice(user.role), unsubscribeToken: newToken() } });
  } catch {
    return db.digestPreference.findUniqueOrThrow({ where: { userId: user.id } });
  }
}

export async function setDigestFrequency(user: { id: string; role: string }, frequency: DigestChoice) {
  await ensurePreference(user);
  await db.digestPreference.update({ where: { userId: user.id }, data: { frequency } });
}

export async function setCalendarAllWebinars(user: { id: string; role: string }, value: boolean) {
  await ensurePreference(user);
  await db.digestPreference.update({ where: { userId: user.id }, data: { calendarAllWebinars: value } });
}

const TOKEN = /^[A-Za-z0-9_-]{20,64}$/;

/** Whose digest a signed-out unsubscribe link stops (their address, to show), or null. */
export async function digestByToken(token: string) {
  if (!TOKEN.test(token)) return null;
  const row = await db.digestPreference.findUnique({ where: { unsubscribeToken: token }, select: { frequency: true, user: { select: { email: true } } } });
  return row ? { email: row.user.email, frequency: row.frequency } : null;
}

/** The unsubscribe link's action: no sign-in, the token is the proof; it sets "none" for that person only. */
export async function unsubscribeDigest(token: string): Promise<boolean> {
  if (!TOKEN.test(token)) return false;
  const { count } = await db.digestPreference.updateMany({ where: { unsubscribeToken: token }, data: { frequency: "NONE" } });
  return count > 0;
}

/** The period a run at `now` sends: one key per day (daily) or per Rome week starting on Monday (weekly). */
export function periodKey(frequency: DigestFrequency, now: Date) {
  return `${frequency}:${frequency === "DAILY" ? romeDay(now) : romeWeekStart(now)}`;
}

export function newRun(frequency: DigestFrequency, now: Date): DigestRun {
  const cache = new Map<string, Promise<unknown>>();
  return {
    now,
    frequency,
    since: new Date(now.getTime() - PERIOD_MS[frequency]),
    until: new Date(now.getTime() + 2 * PERIOD_MS[frequency]),
    once<T>(key: string, load: () => Promise<T>) {
      let pending = cache.get(key) as Promise<T> | undefined;
      if (!pending) {
        pending = load();
        cache.set(key, pending);
      }
      return pending;
    },
  };
}

export type BuiltDigest = {
  sections: DigestEmailSection[];
  count: number;
  onSent: ((tx: Prisma.TransactionClient) => Promise<unknown>)[];
};

/** The person's digest for a run: every registered section's entries (the email picks the person's language). */
export async function buildDigest(user: DigestUser, run: DigestRun): Promise<BuiltDigest> {
  const built: BuiltDigest = { sections: [], count: 0, onSent: [] };
  for (const section of digestSections()) {
    const result = await section.collect(user, run);
    if (result.onSent) built.onSent.push(result.onSent);
    if (!result.entries.length) continue;
    built.count += result.entries.length;
    built.sections.push({
      key: section.key,
      heading: section.heading,
      entries: result.entries.map((entry) => ({ title: entry.title, url: entry.url, startsAt: entry.startsAt ?? null, detail: entry.detail ?? null })),
    });
  }
  return built;
}

export function digestUnsubscribeUrl(token: string) {
  return `${env().APP_URL.replace(/\/$/, "")}/digest/unsubscribe/${token}`;
}

function isUniqueViolation(error: unknown) {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

/** Queues one person's digest for the period unless it was sent already; true when an email was queued. */
async function sendOne(user: DigestUser, run: DigestRun, key: string): Promise<boolean> {
  const digest = await buildDigest(user, run);
  if (!digest.count) return false;
  const preference = await ensurePreference(user);
  const locale = user.locale === "en" ? "en" : "it";
  const unsubscribeUrl = digestUnsubscribeUrl(preference.unsubscribeToken);
  try {
    await db.$transaction(async (tx) => {
      // First statement: the claim. A second run of the same period stops here.
      const claim = await tx.digestSend.create({ data: { userId: user.id, periodKey: key, items: digest.count } });
      const outboxId = await sendEmail(
        {
          to: user.email,
          template: "digest",
          locale,
          data: { name: user.name, frequency: run.frequency, sections: digest.sections, unsubscribeUrl, settingsUrl: `${env().APP_URL.replace(/\/$/, "")}/account/digest` },
          headers: { "List-Unsubscribe": `<${unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click", Precedence: "bulk" },
        },
        { tx },
      );
      await tx.digestSend.update({ where: { id: claim.id }, data: { outboxId } });
      for (const hook of digest.onSent) await hook(tx);
    });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/**
 * Sends the period's digest to everyone who chose `frequency` (members without a choice: weekly)
 * and has not had it yet; returns how many emails were queued. Safe to run twice at once.
 */
export async function sendDigests(frequency: DigestFrequency, now = new Date(), options: { signal?: AbortSignal } = {}) {
  const run = newRun(frequency, now);
  const key = periodKey(frequency, now);
  const chosen: Prisma.UserWhereInput =
    frequency === "WEEKLY"
      ? { OR: [{ digestPreference: { frequency: "WEEKLY" } }, { digestPreference: null, role: "MEMBER" }] }
      : { digestPreference: { frequency: "DAILY" } };
  let after: string | undefined;
  let sent = 0;
  let failed = 0;
  for (;;) {
    options.signal?.throwIfAborted();
    const page = await db.user.findMany({
      where: { disabledAt: null, ...chosen, digestSends: { none: { periodKey: key } }, ...(after ? { id: { gt: after } } : {}) },
      select: userSelect,
      orderBy: { id: "asc" },
      take: PAGE,
    });
    if (!page.length) break;
    after = page[page.length - 1].id;
    for (const user of page) {
      try {
        if (await sendOne(user as DigestUser, run, key)) sent++;
      } catch (error) {
        // One person's failure does not stop the others; the job's retry picks them up again.
        failed++;
        logger.error("digest failed for a person", { userId: user.id, error: error instanceof Error ? error.message : String(error) });
      }
    }
  }
  if (failed) throw new Error(`digest ${key}: ${failed} people failed (${sent} sent); the retry sends theirs`);
  return sent;
}
