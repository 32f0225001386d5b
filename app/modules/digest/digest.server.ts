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
/** Emails queued per transaction (one commit instead of one per person). */
const BATCH = 50;

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

type Ready = { user: DigestUser; digest: BuiltDigest; token: string };

/** Everyone's unsubscribe token, made for those who have no saved preference yet (one query each way). */
async function tokensOf(users: DigestUser[]) {
  const ids = users.map((user) => user.id);
  const rows = await db.digestPreference.findMany({ where: { userId: { in: ids } }, select: { userId: true, unsubscribeToken: true } });
  const tokens = new Map(rows.map((row) => [row.userId, row.unsubscribeToken]));
  const missing = users.filter((user) => !tokens.has(user.id));
  if (missing.length) {
    try {
      const data = missing.map((user) => ({ userId: user.id, frequency: defaultChoice(user.role), unsubscribeToken: newToken() }));
      await db.digestPreference.createMany({ data });
      for (const row of data) tokens.set(row.userId, row.unsubscribeToken);
    } catch {
      // Someone saved a choice meanwhile: one by one.
      for (const user of missing) tokens.set(user.id, (await ensurePreference(user)).unsubscribeToken);
    }
  }
  return tokens;
}

/** Queues the digests of `ready` in ONE transaction: the claims first, so a period claimed by another run fails it whole. */
async function queueAll(ready: Ready[], run: DigestRun, key: string) {
  const base = env().APP_URL.replace(/\/$/, "");
  await db.$transaction(async (tx) => {
    await tx.digestSend.createMany({ data: ready.map(({ user, digest }) => ({ userId: user.id, periodKey: key, items: digest.count })) });
    for (const { user, digest, token } of ready) {
      const unsubscribeUrl = digestUnsubscribeUrl(token);
      await sendEmail(
        {
          to: user.email,
          template: "digest",
          locale: user.locale === "en" ? "en" : "it",
          data: { name: user.name, frequency: run.frequency, sections: digest.sections, unsubscribeUrl, settingsUrl: `${base}/account/digest` },
          headers: { "List-Unsubscribe": `<${unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click", Precedence: "bulk" },
        },
        { tx },
      );
      for (const hook of digest.onSent) await hook(tx);
    }
  }, { timeout: 60_000 });
}

/**
 * Queues the digests of one page of people: all in one transaction; if another run claimed any of
 * them meanwhile (a unique-key violation), one by one, skipping those already claimed.
 * Returns how many emails were queued.
 */
async function queuePage(ready: Ready[], run: DigestRun, key: string): Promise<number> {
  if (!ready.length) return 0;
  try {
    await queueAll(ready, run, key);
    return ready.length;
  } catch (error) {
    if (!isUniqueViolation(error) || ready.length === 1) {
      if (isUniqueViolation(error)) return 0;
      throw error;
    }
  }
  let sent = 0;
  for (const one of ready) sent += await queuePage([one], run, key);
  return sent;
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
    const ready: Omit<Ready, "token">[] = [];
    for (const user of page as DigestUser[]) {
      try {
        const digest = await buildDigest(user, run);
        if (digest.count) ready.push({ user, digest });
      } catch (error) {
        // One person's failure does not stop the others; the job's retry picks them up again.
        failed++;
        logger.error("digest failed for a person", { userId: user.id, error: error instanceof Error ? error.message : String(error) });
      }
    }
    if (!ready.length) continue;
    const tokens = await tokensOf(ready.map((entry) => entry.user));
    const withTokens = ready.map((entry) => ({ ...entry, token: tokens.get(entry.user.id)! }));
    for (let i = 0; i < withTokens.length; i += BATCH) sent += await queuePage(withTokens.slice(i, i + BATCH), run, key);
  }
  if (failed) throw new Error(`digest ${key}: ${failed} people failed (${sent} sent); the retry sends theirs`);
  return sent;
}
