// The training-hours ledger: per person and calendar year (Europe/Rome), the hours credited by
// webinars whose certificate threshold the person reached (live minutes, plus replay minutes when
// the webinar lets them count, capped at the duration: the same figure the certificate prints),
// against a yearly target (TRAINING_TARGET_HOURS, default 40: the national directive's 40 hours a
// year per employee). Labs add their own entries (app/modules/labs/ledger.server.ts): a confirmed
// register credits each member marked present with the session's duration.
import { Prisma } from "~/generated/sqlite/client.ts";
import { databaseKind, db } from "~/lib/db.server.ts";
import { romeDay, romeDayStart, romeParts } from "~/lib/dates.ts";
import { env } from "~/lib/env.server.ts";
import { toCsv } from "~/modules/webinars/attendance/csv.ts";
import { creditWebinarSelect, webinarsCredits } from "~/modules/webinars/attendance/credits.server.ts";
import { labLedgerEntries } from "~/modules/labs/ledger.server.ts";

// A lab session's entry has kind "lab", webinarId "lab:<session id>" (a unique key) and no slug.
export type LedgerEntry = { webinarId: string; slug: string; title: string; startsAt: string; liveMinutes: number; replayMinutes: number; creditedMinutes: number; kind?: "webinar" | "lab" };
export type LedgerPerson = { userId: string; name: string; email: string; organizationId: string | null; organization: string | null; minutes: number; entries: LedgerEntry[] };
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
  // The people by a condition (not a list of ids): a province's organizations have thousands.
  const personWhere = scope === "all" ? undefined : "userIds" in scope ? { id: { in: scope.userIds } } : { organizationId: { in: scope.organizationIds } };
  const people = personWhere
    ? await db.user.findMany({ where: personWhere, select: { id: true, name: true, email: true, organizationId: true, organization: { select: { name: true } } } })
    : null;
  const webinars = await db.webinar.findMany({
    where: {
      startsAt: { gte: from, lt: to },
      status: { in: ["LIVE", "ENDED"] },
      // An online lab session's room: counted once, by the lab's register.
      labId: null,
    },
    select: creditWebinarSelect,
    orderBy: { startsAt: "asc" },
  });
  // Two queries for the whole year (webinarsCredits), not two per webinar.
  const credited = await webinarsCredits(webinars, personWhere, now);
  const entries = new Map<string, LedgerEntry[]>();
  for (const webinar of webinars) {
    const credits = credited.get(webinar.id) ?? new Map();
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
  for (const [userId, labEntries] of await labLedgerEntries(personWhere, from, to)) {
    const list = entries.get(userId) ?? [];
    list.push(...labEntries);
    list.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    entries.set(userId, list);
  }
  // Everyone credited (for "all"), 500 ids a query: a province has thousands, above the parameter limit.
  const creditedIds = [...entries.keys()];
  const chunks = Array.from({ length: Math.ceil(creditedIds.length / 500) }, (_, i) => creditedIds.slice(i * 500, i * 500 + 500));
  const who =
    people ??
    (await Promise.all(chunks.map((ids) => db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true, organizationId: true, organization: { select: { name: true } } } })))).flat();
  return who
    .map((person) => {
      const list = entries.get(person.id) ?? [];
      return {
        userId: person.id,
        name: person.name,
        email: person.email,
        organizationId: person.organizationId,
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

// ---- the ledger's totals in SQL (monitoring over a province) ----------------------------------------
// The same maths as ledger() above (webinarsCredits + creditFor), done by the database so that a
// province's year (thousands of people, tens of thousands of intervals) is not loaded into
// JavaScript: per webinar and person, the union of their connections clipped to the live window
// (a running maximum of the ends with a window function), plus replay seconds when the webinar lets them count,
// capped at the duration, kept when they reach the threshold; minutes floored per webinar as the
// ledger does. tests/integration/monitoring-ledger.test.ts checks both give the same minutes.

/**
 * Milliseconds since the epoch of a DateTime expression, in the database's dialect. On PostgreSQL
 * as bigint: EXTRACT returns numeric, whose arithmetic made the window functions below several
 * times slower (DateTime columns keep milliseconds, so the cast loses nothing).
 */
function epochMs(expr: Prisma.Sql): Prisma.Sql {
  return databaseKind() === "postgres" ? Prisma.sql`(EXTRACT(EPOCH FROM ${expr}) * 1000)::bigint` : Prisma.sql`ROUND((julianday(${expr}) - 2440587.5) * 86400000.0)`;
}
const greatest = (a: Prisma.Sql, b: Prisma.Sql) => (databaseKind() === "postgres" ? Prisma.sql`GREATEST(${a}, ${b})` : Prisma.sql`MAX(${a}, ${b})`);
const least = (a: Prisma.Sql, b: Prisma.Sql) => (databaseKind() === "postgres" ? Prisma.sql`LEAST(${a}, ${b})` : Prisma.sql`MIN(${a}, ${b})`);

export type OrganizationHours = { minutes: number; peopleAtTarget: number };

/**
 * Per organization: the ledger minutes of its people in `year` and how many reached the yearly
 * target. `organizationIds` null: every organization.
 */
export async function ledgerTotalsByOrganization(organizationIds: string[] | null, year: number, now = new Date()): Promise<Map<string, OrganizationHours>> {
  const result = new Map<string, OrganizationHours>();
  if (organizationIds && !organizationIds.length) return result;
  const from = romeDayStart(`${year}-01-01`);
  const to = romeDayStart(`${year + 1}-01-01`);
  const inOrgs = organizationIds ? Prisma.sql`u."organizationId" IN (${Prisma.join(organizationIds)})` : Prisma.sql`u."organizationId" IS NOT NULL`;
  const start = epochMs(Prisma.sql`COALESCE(w."liveStartedAt", w."startsAt")`);
  const end = Prisma.sql`CASE WHEN w."liveEndedAt" IS NOT NULL THEN ${epochMs(Prisma.sql`w."liveEndedAt"`)}
                              WHEN w."liveStartedAt" IS NOT NULL THEN ${now.getTime()}
                              ELSE ${epochMs(Prisma.sql`w."startsAt"`)} + w."durationMinutes" * 60000 END`;
  const targetSeconds = targetHours() * 3600;
  const rows = await db.$queryRaw<{ org: string; minutes: number | bigint | null; atTarget: number | bigint | null }[]>`
    WITH win AS (
      SELECT w."id" AS "webinarId", ${start} AS ws, ${greatest(start, end)} AS we, w."durationMinutes" * 60 AS dur,
             w."certificateThresholdPercent" AS thr, w."replayCountsForCertificate" AS rep
        FROM "Webinar" w
       WHERE w."startsAt" >= ${from} AND w."startsAt" < ${to} AND w."status" IN ('LIVE', 'ENDED') AND w."labId" IS NULL
    ),
    people AS (SELECT u."id", u."organizationId" FROM "User" u WHERE ${inOrgs}),
    clipped AS (
      SELECT a."webinarId", a."userId",
             ${greatest(epochMs(Prisma.sql`a."joinedAt"`), Prisma.sql`win.ws`)} AS s,
             ${least(Prisma.sql`COALESCE(${epochMs(Prisma.sql`a."leftAt"`)}, win.we)`, Prisma.sql`win.we`)} AS e
        FROM "WebinarAttendance" a
        JOIN win ON win."webinarId" = a."webinarId"
        JOIN people ON people."id" = a."userId"
    ),
    -- The union's length in one pass: sorted by start, each connection adds what reaches past the
    -- latest end before it (nothing when it lies inside the union so far).
    live AS (
      SELECT "webinarId", "userId", FLOOR(SUM(${greatest(Prisma.sql`0`, Prisma.sql`e - ${greatest(Prisma.sql`s`, Prisma.sql`COALESCE("prevEnd", s)`)}`)}) / 1000) AS seconds
        FROM (SELECT "webinarId", "userId", s, e,
                     MAX(e) OVER (PARTITION BY "webinarId", "userId" ORDER BY s, e ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS "prevEnd"
                FROM clipped WHERE e > s) o
       GROUP BY "webinarId", "userId"
    ),
    replay AS (
      SELECT r."webinarId", rw."userId", SUM(rw."watchedSeconds") AS seconds
        FROM "RecordingWatch" rw
        JOIN "Recording" r ON r."id" = rw."recordingId" AND r."status" = 'COMPLETE'
        JOIN win ON win."webinarId" = r."webinarId"
        JOIN people ON people."id" = rw."userId"
       GROUP BY r."webinarId", rw."userId"
    ),
    pairs AS (
      SELECT "webinarId", "userId", SUM(live) AS live, SUM(replay) AS replay FROM (
        SELECT "webinarId", "userId", seconds AS live, 0 AS replay FROM live
        UNION ALL
        SELECT "webinarId", "userId", 0 AS live, seconds AS replay FROM replay
      ) y GROUP BY "webinarId", "userId"
    ),
    credited AS (
      SELECT p."userId", win.dur, win.thr,
             ${least(Prisma.sql`win.dur`, Prisma.sql`p.live + CASE WHEN win.rep THEN p.replay ELSE 0 END`)} AS secs
        FROM pairs p JOIN win ON win."webinarId" = p."webinarId"
    ),
    -- Webinars whose threshold was reached, plus confirmed lab registers (labLedgerEntries).
    person AS (
      SELECT "userId", SUM(minutes) AS minutes FROM (
        SELECT "userId", FLOOR(secs / 60) AS minutes
          FROM credited
         WHERE dur > 0 AND secs * 100 >= thr * dur
        UNION ALL
        SELECT la."userId", la."minutes"
          FROM "LabAttendance" la
          JOIN "LabSession" ls ON ls."id" = la."sessionId"
          JOIN people ON people."id" = la."userId"
         WHERE ls."startsAt" >= ${from} AND ls."startsAt" < ${to} AND ls."confirmedAt" IS NOT NULL
      ) z
       GROUP BY "userId"
    )
    SELECT people."organizationId" AS org, SUM(person.minutes) AS minutes,
           SUM(CASE WHEN person.minutes * 60 >= ${targetSeconds} THEN 1 ELSE 0 END) AS "atTarget"
      FROM person JOIN people ON people."id" = person."userId"
     GROUP BY people."organizationId"`;
  for (const row of rows) result.set(row.org, { minutes: Number(row.minutes ?? 0), peopleAtTarget: Number(row.atTarget ?? 0) });
  return result;
}
