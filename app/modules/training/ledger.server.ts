// The training-hours ledger: per person and calendar year (Europe/Rome), the hours credited by
// webinars whose certificate threshold the person reached (live minutes, plus replay minutes when
// the webinar lets them count, capped at the duration: the same figure the certificate prints),
// against a yearly target (TRAINING_TARGET_HOURS, default 40: the national directive's 40 hours a
// year per employee). Labs add their own entries (app/modules/labs/ledger.server.ts): a confirmed
// register credits each member marked present with the session's duration.
import { db } from "~/lib/db.server.ts";
import { romeDay, romeDayStart, romeParts } from "~/lib/dates.ts";
import { env } from "~/lib/env.server.ts";
import { toCsv } from "~/modules/webinars/attendance/csv.ts";
import { creditWebinarSelect, webinarCredits } from "~/modules/webinars/attendance/credits.server.ts";
import { labLedgerEntries } from "~/modules/labs/ledger.server.ts";

// A lab session's entry has kind "lab", webinarId "lab:<session id>" (a unique key) and no slug.
export type LedgerEntry = { webinarId: string; slug: string; title: string; startsAt: string; liveMinutes: number; replayMinutes: number; creditedMinutes: number; kind?: "webinar" | "lab" };
export type LedgerPerson = { userId: string; name: string; email: string; organization: string | null; minutes: number; entries: LedgerEntry[] };
export type LedgerScope = { userIds: string[] } | { organizationIds: string[] } | "all";

export const targetHours = () => env().TRAINING_TARGET_HOURS;
export const currentYear = (now = new Date()) => romeParts(now).year;

/** A year from a query string, or the current one (only plausible years are accepted). */
export function parseYear(value: string | null, now = new Date()): number {
  const year = Number(value);
  return Number.isInteger(year) && year >= 2020 && year <= currentYear(now) + 1 ? year : currentYear(now);
}

/** Hours from minutes, with one decimal (floored: nobody is credited minutes not attended). */
export const hoursOfMinutes = (minutes: number) => Math.floor((minutes / 60) * 10) / 10;

export async function ledger(scope: LedgerScope, year: number, now = new Date()): Promise<LedgerPerson[]> {
  const from = romeDayStart(`${year}-01-01`);
  const to = romeDayStart(`${year + 1}-01-01`);
  const people =
    scope === "all"
      ? null
      : await db.user.findMany({
          where: "userIds" in scope ? { id: { in: scope.userIds } } : { organizationId: { in: scope.organizationIds } },
          select: { id: true, name: true, email: true, organization: { select: { name: true } } },
        });
  const userIds = people?.map((p) => p.id);
  const webinars = await db.webinar.findMany({
    where: {
      startsAt: { gte: from, lt: to },
      status: { in: ["LIVE", "ENDED"] },
      // An online lab session's room: counted once, by the lab's register.
      labId: null,
      ...(userIds ? { OR: [{ attendance: { some: { userId: { in: userIds } } } }, { recordings: { some: { watches: { some: { userId: { in: userIds } } } } } }] } : {}),
    },
    select: creditWebinarSelect,
    orderBy: { startsAt: "asc" },
  });
  const entries = new Map<string, LedgerEntry[]>();
  for (const webinar of webinars) {
    const credits = await webinarCredits(webinar, userIds, now);
    for (const [userId, credit] of credits) {
      if (!credit.reachesThreshold) continue;
      const list = entries.get(userId) ?? [];
      list.push({
        webinarId: webinar.id,
        slug: webinar.slug,
        title: webinar.title,
        startsAt: webinar.startsAt.toISOString(),
        liveMinutes: Math.floor(credit.liveSeconds / 60),
        replayMinutes: Math.floor(credit.replaySeconds / 60),
        creditedMinutes: Math.floor(credit.creditedSeconds / 60),
      });
      entries.set(userId, list);
    }
  }
  for (const [userId, labEntries] of await labLedgerEntries(userIds, from, to)) {
    const list = entries.get(userId) ?? [];
    list.push(...labEntries);
    list.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    entries.set(userId, list);
  }
  const who =
    people ??
    (await db.user.findMany({ where: { id: { in: [...entries.keys()] } }, select: { id: true, name: true, email: true, organization: { select: { name: true } } } }));
  return who
    .map((person) => {
      const list = entries.get(person.id) ?? [];
      return {
        userId: person.id,
        name: person.name,
        email: person.email,
        organization: person.organization?.name ?? null,
        minutes: list.reduce((sum, e) => sum + e.creditedMinutes, 0),
        entries: list,
      };
    })
    .sort((a, b) => (a.organization ?? "").localeCompare(b.organization ?? "", "it") || a.name.localeCompare(b.name, "it"));
}

/** The ledger as CSV: one row per person and webinar, and a total row per person. */
export function ledgerCsv(people: LedgerPerson[], t: (key: string, values?: Record<string, unknown>) => string, locale: string): string {
  const header = ["name", "email", "organization", "webinar", "date", "liveMinutes", "replayMinutes", "creditedMinutes", "hours"].map((key) => t(`recordings:training.csv.${key}`));
  const hours = (minutes: number) => hoursOfMinutes(minutes).toLocaleString(locale === "it" ? "it-IT" : "en-GB");
  const rows: string[][] = [];
  for (const person of people) {
    for (const entry of person.entries) {
      rows.push([person.name, person.email, person.organization ?? "", entry.title, romeDay(new Date(entry.startsAt)), String(entry.liveMinutes), String(entry.replayMinutes), String(entry.creditedMinutes), hours(entry.creditedMinutes)]);
    }
    rows.push([person.name, person.email, person.organization ?? "", t("recordings:training.csv.total"), "", "", "", String(person.minutes), hours(person.minutes)]);
  }
  return toCsv([header, ...rows]);
}
