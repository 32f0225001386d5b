// The monitoring figures (issue 14), per organization and per kit, for a period. Every activity
// figure is one SQL aggregate (GROUP BY the person's organization) that runs the same on SQLite
// and PostgreSQL; no activity rows are loaded into JavaScript. Training hours come from the
// training-hours ledger (app/modules/training/ledger.server.ts), so hours are computed once.
// What each figure counts is written down in docs/monitoring.md.
import { Prisma } from "~/generated/sqlite/client.ts";
import { db, databaseKind } from "~/lib/db.server.ts";
import { ledgerTotalsByOrganization, targetHours } from "~/modules/training/ledger.server.ts";
import { periodEnd, periodStart, type Filters, type KitName } from "./filters.ts";
import type { MonitoringScope, ScopeOrganization } from "./scope.server.ts";

const DAY_MS = 24 * 3600_000;
export const EXPIRY_WINDOWS = [30, 60, 90] as const;

export type Figures = {
  /** Enrolments ACTIVE today, and among them those ending within 30/60/90 days (today's view, not the period's). */
  enrolmentsActive: number;
  expiring30: number;
  expiring60: number;
  expiring90: number;
  /** Registrations (REGISTERED) to webinars held in the period, and person-webinar pairs present live. */
  registrations: number;
  attendees: number;
  /** Minutes connected to live webinars of the period; minutes of recordings watched (last watched in the period). */
  liveMinutes: number;
  recordingMinutes: number;
  /** Forum topics and posts written in the period (hidden ones excluded), and how many people wrote. */
  topics: number;
  posts: number;
  activePeople: number;
  /** Surveys launched in the period: people asked, and those who submitted. */
  surveyAudience: number;
  surveyResponses: number;
  /** People (accounts) of the organization; ledger minutes in the year; people at the yearly target. */
  people: number;
  trainingMinutes: number;
  peopleAtTarget: number;
};

export type OrganizationRow = Figures & { organizationId: string; name: string; kit: KitName | null };
export type KitRow = Figures & { kit: KitName | null; organizations: number };

export type Dashboard = {
  from: string;
  to: string;
  /** The ledger year (the year the period ends in) and the yearly target in hours. */
  year: number;
  targetHours: number;
  organizations: OrganizationRow[];
  kits: KitRow[];
  total: Figures;
};

export const FIGURE_KEYS = [
  "enrolmentsActive",
  "expiring30",
  "expiring60",
  "expiring90",
  "registrations",
  "attendees",
  "liveMinutes",
  "recordingMinutes",
  "topics",
  "posts",
  "activePeople",
  "surveyAudience",
  "surveyResponses",
  "people",
  "trainingMinutes",
  "peopleAtTarget",
] as const satisfies readonly (keyof Figures)[];

const zero = (): Figures => Object.fromEntries(FIGURE_KEYS.map((key) => [key, 0])) as Figures;

type Counts = Map<string, Partial<Figures>>;
const num = (value: unknown) => Number(value ?? 0);

function add(counts: Counts, organizationId: string | null, values: Partial<Figures>) {
  if (!organizationId) return;
  counts.set(organizationId, { ...(counts.get(organizationId) ?? {}), ...values });
}

/** Whole seconds between two DateTime columns, in the database's own dialect (julianday is a float: rounded). */
function secondsBetween(start: Prisma.Sql, end: Prisma.Sql): Prisma.Sql {
  return databaseKind() === "postgres" ? Prisma.sql`ROUND(EXTRACT(EPOCH FROM (${end} - ${start})))::bigint` : Prisma.sql`ROUND((julianday(${end}) - julianday(${start})) * 86400.0)`;
}

/**
 * The kit of each organization in the period: of the enrolments (own, else its parent's: a union's
 * enrolment covers its municipalities) that were running at some point in the period and not
 * cancelled, the one that ends last. Enrolments are configuration (a few per organization), not activity.
 */
async function kitsOf(organizations: ScopeOrganization[], start: Date, end: Date, everyOrganization: boolean): Promise<Map<string, KitName | null>> {
  const ids = new Set(organizations.flatMap((o) => (o.parentId ? [o.id, o.parentId] : [o.id])));
  const enrolments = await db.enrolment.findMany({
    // Every organization: no list of ids (a region's would pass Prisma's parameter limit, 999 on SQLite).
    where: { ...(everyOrganization ? {} : { organizationId: { in: [...ids] } }), status: { in: ["ACTIVE", "EXPIRED"] }, startsAt: { lt: end }, endsAt: { gt: start } },
    select: { organizationId: true, kit: true, endsAt: true },
    orderBy: { endsAt: "asc" },
  });
  const latest = new Map<string, KitName>();
  for (const enrolment of enrolments) latest.set(enrolment.organizationId, enrolment.kit);
  return new Map(organizations.map((o) => [o.id, latest.get(o.id) ?? (o.parentId ? latest.get(o.parentId) : undefined) ?? null]));
}

/** The activity aggregates per organization (`ids` null: every organization). */
async function activity(ids: string[] | null, start: Date, end: Date, now: Date): Promise<Counts> {
  const counts: Counts = new Map();
  const inOrgs = (column: Prisma.Sql) => (ids ? Prisma.sql`${column} IN (${Prisma.join(ids)})` : Prisma.sql`${column} IS NOT NULL`);
  const windows = EXPIRY_WINDOWS.map((days) => new Date(now.getTime() + days * DAY_MS));
  type Row = { org: string | null } & Record<string, unknown>;
  const [enrolments, registrations, live, recordings, topics, posts, surveys, people] = await Promise.all([
    db.$queryRaw<Row[]>`
      SELECT e."organizationId" AS org, COUNT(*) AS active,
             SUM(CASE WHEN e."endsAt" <= ${windows[0]} THEN 1 ELSE 0 END) AS e30,
             SUM(CASE WHEN e."endsAt" <= ${windows[1]} THEN 1 ELSE 0 END) AS e60,
             SUM(CASE WHEN e."endsAt" <= ${windows[2]} THEN 1 ELSE 0 END) AS e90
        FROM "Enrolment" e
       WHERE e."status" = 'ACTIVE' AND e."startsAt" <= ${now} AND e."endsAt" > ${now} AND ${inOrgs(Prisma.sql`e."organizationId"`)}
       GROUP BY e."organizationId"`,
    db.$queryRaw<Row[]>`
      SELECT u."organizationId" AS org, COUNT(*) AS n
        FROM "WebinarRegistration" r
        JOIN "Webinar" w ON w."id" = r."webinarId"
        JOIN "User" u ON u."id" = r."userId"
       WHERE r."status" = 'REGISTERED' AND w."status" <> 'CANCELLED' AND w."labId" IS NULL AND w."startsAt" >= ${start} AND w."startsAt" < ${end}
         AND ${inOrgs(Prisma.sql`u."organizationId"`)}
       GROUP BY u."organizationId"`,
    db.$queryRaw<Row[]>`
      SELECT u."organizationId" AS org, COUNT(*) AS pairs, SUM(x.seconds) AS seconds
        FROM (SELECT a."webinarId", a."userId",
                     SUM(CASE WHEN a."leftAt" IS NULL THEN 0 ELSE ${secondsBetween(Prisma.sql`a."joinedAt"`, Prisma.sql`a."leftAt"`)} END) AS seconds
                FROM "WebinarAttendance" a
                JOIN "Webinar" w ON w."id" = a."webinarId"
               WHERE a."userId" IS NOT NULL AND w."labId" IS NULL AND w."startsAt" >= ${start} AND w."startsAt" < ${end}
               GROUP BY a."webinarId", a."userId") x
        JOIN "User" u ON u."id" = x."userId"
       WHERE ${inOrgs(Prisma.sql`u."organizationId"`)}
       GROUP BY u."organizationId"`,
    db.$queryRaw<Row[]>`
      SELECT u."organizationId" AS org, SUM(rw."watchedSeconds") AS seconds
        FROM "RecordingWatch" rw
        JOIN "User" u ON u."id" = rw."userId"
       WHERE rw."lastHeartbeatAt" >= ${start} AND rw."lastHeartbeatAt" < ${end} AND ${inOrgs(Prisma.sql`u."organizationId"`)}
       GROUP BY u."organizationId"`,
    db.$queryRaw<Row[]>`
      SELECT u."organizationId" AS org, COUNT(*) AS n
        FROM "CommunityTopic" t
        JOIN "User" u ON u."id" = t."authorId"
       WHERE t."hiddenAt" IS NULL AND t."createdAt" >= ${start} AND t."createdAt" < ${end} AND ${inOrgs(Prisma.sql`u."organizationId"`)}
       GROUP BY u."organizationId"`,
    db.$queryRaw<Row[]>`
      -- Per organization and author first: one row per person who wrote, so no COUNT(DISTINCT)
      -- (which sorted every post on PostgreSQL); the organizations' filter stays next to the join.
      SELECT x.org, SUM(x.n) AS n, COUNT(*) AS people
        FROM (SELECT u."organizationId" AS org, p."authorId", COUNT(*) AS n
                FROM "CommunityPost" p
                JOIN "User" u ON u."id" = p."authorId"
               WHERE p."hiddenAt" IS NULL AND p."createdAt" >= ${start} AND p."createdAt" < ${end} AND ${inOrgs(Prisma.sql`u."organizationId"`)}
               GROUP BY u."organizationId", p."authorId") x
       GROUP BY x.org`,
    db.$queryRaw<Row[]>`
      SELECT u."organizationId" AS org, COUNT(*) AS asked, SUM(CASE WHEN sp."status" = 'SUBMITTED' THEN 1 ELSE 0 END) AS submitted
        FROM "SurveyParticipation" sp
        JOIN "Survey" s ON s."id" = sp."surveyId"
        JOIN "User" u ON u."id" = sp."userId"
       WHERE (sp."invitedAt" IS NOT NULL OR sp."status" = 'SUBMITTED')
         AND COALESCE(s."launchedAt", s."opensAt") >= ${start} AND COALESCE(s."launchedAt", s."opensAt") < ${end}
         AND ${inOrgs(Prisma.sql`u."organizationId"`)}
       GROUP BY u."organizationId"`,
    db.$queryRaw<Row[]>`
      SELECT u."organizationId" AS org, COUNT(*) AS n
        FROM "User" u
       WHERE u."disabledAt" IS NULL AND ${inOrgs(Prisma.sql`u."organizationId"`)}
       GROUP BY u."organizationId"`,
  ]);
  for (const r of enrolments) add(counts, r.org, { enrolmentsActive: num(r.active), expiring30: num(r.e30), expiring60: num(r.e60), expiring90: num(r.e90) });
  for (const r of registrations) add(counts, r.org, { registrations: num(r.n) });
  for (const r of live) add(counts, r.org, { attendees: num(r.pairs), liveMinutes: Math.floor(num(r.seconds) / 60) });
  for (const r of recordings) add(counts, r.org, { recordingMinutes: Math.floor(num(r.seconds) / 60) });
  for (const r of topics) add(counts, r.org, { topics: num(r.n) });
  for (const r of posts) add(counts, r.org, { posts: num(r.n), activePeople: num(r.people) });
  for (const r of surveys) add(counts, r.org, { surveyAudience: num(r.asked), surveyResponses: num(r.submitted) });
  for (const r of people) add(counts, r.org, { people: num(r.n) });
  return counts;
}

/** Ledger minutes and people at the target per organization, for the ledger year (computed by the ledger module). */
async function training(ids: string[] | null, year: number, now: Date): Promise<Counts> {
  const totals = await ledgerTotalsByOrganization(ids, year, now);
  return new Map([...totals].map(([organizationId, total]) => [organizationId, { trainingMinutes: total.minutes, peopleAtTarget: total.peopleAtTarget }]));
}

function sum(rows: Figures[]): Figures {
  const total = zero();
  for (const row of rows) for (const key of FIGURE_KEYS) total[key] += row[key];
  return total;
}

/** The dashboard for `scope` and `filters` (the organization filter must already be checked against the scope). */
export async function dashboard(scope: MonitoringScope, filters: Filters, now = new Date()): Promise<Dashboard> {
  const start = periodStart(filters);
  const end = periodEnd(filters);
  const year = Number(filters.to.slice(0, 4));
  let organizations = filters.organizationId ? scope.organizations.filter((o) => o.id === filters.organizationId) : scope.organizations;
  // Without a kit filter the organizations are known already: their kits are read alongside the figures.
  const kitsPending = kitsOf(organizations, start, end, scope.all && !filters.organizationId);
  if (filters.kit) {
    const kitOf = await kitsPending;
    organizations = organizations.filter((o) => kitOf.get(o.id) === filters.kit);
  }
  // An admin's unfiltered view asks the database for every organization at once (no IN list).
  const everything = scope.all && !filters.organizationId && !filters.kit;
  const ids = everything ? null : organizations.map((o) => o.id);
  const [kits, counts, hours] = await Promise.all([
    kitsPending,
    ids?.length === 0 ? new Map() : activity(ids, start, end, now),
    ids?.length === 0 ? new Map() : training(ids, year, now),
  ]);
  const rows: OrganizationRow[] = organizations.map((o) => ({
    organizationId: o.id,
    name: o.name,
    kit: kits.get(o.id) ?? null,
    ...zero(),
    ...(counts.get(o.id) ?? {}),
    ...(hours.get(o.id) ?? {}),
  }));
  const byKit = new Map<KitName | null, OrganizationRow[]>();
  for (const row of rows) byKit.set(row.kit, [...(byKit.get(row.kit) ?? []), row]);
  const kitOrder: (KitName | null)[] = ["BASIC", "INTERMEDIATE", "PLUS", null];
  return {
    from: filters.from,
    to: filters.to,
    year,
    targetHours: targetHours(),
    organizations: rows,
    kits: kitOrder.filter((kit) => byKit.has(kit)).map((kit) => ({ kit, organizations: byKit.get(kit)!.length, ...sum(byKit.get(kit)!) })),
    total: sum(rows),
  };
}

// ---- a minute's cache ------------------------------------------------------------------------------
// The page, then its CSV and its PDF, ask for the same figures within seconds; figures a minute
// old are fine for monitoring. Keyed by the exact organizations in scope and the filters, so one
// viewer's figures are only ever served to a viewer with the same scope. Per process; bounded.

export const DASHBOARD_CACHE_MS = 60_000;
const CACHE_LIMIT = 200;
const cache = new Map<string, { until: number; value: Promise<Dashboard> }>();

export function cachedDashboard(scope: MonitoringScope, filters: Filters, now = new Date()): Promise<Dashboard> {
  const key = JSON.stringify([scope.all ? "all" : scope.organizations.map((o) => o.id), filters.from, filters.to, filters.kit, filters.organizationId]);
  const at = now.getTime();
  const hit = cache.get(key);
  if (hit && hit.until > at) return hit.value;
  for (const [k, entry] of cache) if (entry.until <= at || cache.size >= CACHE_LIMIT) cache.delete(k);
  const value = dashboard(scope, filters, now);
  cache.set(key, { until: at + DASHBOARD_CACHE_MS, value });
  // A failed computation is not kept.
  value.catch(() => cache.delete(key));
  return value;
}

/** Empties the cache (the benchmark measures cold requests with it). */
export function clearDashboardCache() {
  cache.clear();
}
