// The attendance report of one webinar (staff and its hosts): every registrant and every person
// who came without registering (staff, hosts), with their first join and last leave, minutes and
// share of the duration attended live (intervals merged), minutes of the recording watched, and
// whether they reached the certificate threshold; totals per organization; the CSV export.
import { db } from "~/lib/db.server.ts";
import { formatDateTime } from "~/lib/dates.ts";
import { satisfactionSummary } from "~/modules/surveys/results.server.ts";
import { toCsv } from "./csv.ts";
import { creditWebinarSelect, webinarCredits } from "./credits.server.ts";
import { percentOfDuration, wholeMinutes } from "./intervals.ts";

export type ReportRow = {
  userId: string;
  name: string;
  email: string;
  organization: string | null;
  registered: boolean;
  firstJoin: string | null;
  lastLeave: string | null;
  connections: number;
  liveMinutes: number;
  livePercent: number;
  replayMinutes: number;
  creditedMinutes: number;
  certified: boolean;
};

export type OrganizationTotal = { organization: string | null; registrants: number; attendedLive: number; liveMinutes: number; replayMinutes: number; certified: number };


export async function attendanceReport(webinarId: string, now = new Date()) {
  const webinar = await db.webinar.findUnique({ where: { id: webinarId }, select: creditWebinarSelect });
  if (!webinar) return null;
  const [registrations, credits, satisfaction] = await Promise.all([
    db.webinarRegistration.findMany({ where: { webinarId, status: "REGISTERED" }, select: { userId: true } }),
    webinarCredits(webinar, undefined, now),
    satisfactionSummary(webinarId),
  ]);
  const registered = new Set(registrations.map((r) => r.userId));
  const userIds = [...new Set([...registered, ...credits.keys()])];
  const users = await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true, organization: { select: { name: true } } } });

  const rows: ReportRow[] = users.map((user) => {
    const credit = credits.get(user.id);
    const joins = credit?.intervals.map((i) => i.joinedAt.getTime()) ?? [];
    const leaves = credit?.intervals.map((i) => (i.leftAt ?? webinar.liveEndedAt)?.getTime()).filter((t): t is number => t !== undefined) ?? [];
    return {
      userId: user.id,
      name: user.name,
      email: user.email,
      organization: user.organization?.name ?? null,
      registered: registered.has(user.id),
      firstJoin: joins.length ? new Date(Math.min(...joins)).toISOString() : null,
      lastLeave: leaves.length ? new Date(Math.max(...leaves)).toISOString() : null,
      connections: credit?.intervals.length ?? 0,
      liveMinutes: wholeMinutes(credit?.liveSeconds ?? 0),
      livePercent: percentOfDuration(credit?.liveSeconds ?? 0, webinar.durationMinutes),
      replayMinutes: wholeMinutes(credit?.replaySeconds ?? 0),
      creditedMinutes: wholeMinutes(credit?.creditedSeconds ?? 0),
      certified: credit?.reachesThreshold ?? false,
    };
  });
  rows.sort((a, b) => (a.organization ?? "").localeCompare(b.organization ?? "", "it") || a.name.localeCompare(b.name, "it"));

  const totals = new Map<string, OrganizationTotal>();
  for (const row of rows) {
    const key = row.organization ?? "";
    const total = totals.get(key) ?? { organization: row.organization, registrants: 0, attendedLive: 0, liveMinutes: 0, replayMinutes: 0, certified: 0 };
    if (row.registered) total.registrants += 1;
    if (row.connections > 0) total.attendedLive += 1;
    total.liveMinutes += row.liveMinutes;
    total.replayMinutes += row.replayMinutes;
    if (row.certified) total.certified += 1;
    totals.set(key, total);
  }
  return { webinar, rows, organizations: [...totals.values()], satisfaction };
}

export type AttendanceReport = NonNullable<Awaited<ReturnType<typeof attendanceReport>>>;

/** The report as CSV (semicolons, UTF-8 with BOM for spreadsheet programs; formula cells neutralized). */
export function reportCsv(report: AttendanceReport, t: (key: string) => string, locale: string): string {
  const header = ["name", "email", "organization", "registered", "firstJoin", "lastLeave", "connections", "liveMinutes", "livePercent", "replayMinutes", "creditedMinutes", "certified"].map((key) =>
    t(`recordings:report.csv.${key}`),
  );
  const yes = t("recordings:report.yes");
  const no = t("recordings:report.no");
  const rows = report.rows.map((row) => [
    row.name,
    row.email,
    row.organization ?? "",
    row.registered ? yes : no,
    row.firstJoin ? formatDateTime(row.firstJoin, locale) : "",
    row.lastLeave ? formatDateTime(row.lastLeave, locale) : "",
    String(row.connections),
    String(row.liveMinutes),
    String(row.livePercent),
    String(row.replayMinutes),
    String(row.creditedMinutes),
    row.certified ? yes : no,
  ]);
  return toCsv([header, ...rows]);
}
