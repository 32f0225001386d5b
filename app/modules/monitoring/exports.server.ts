// What the monitoring routes share: reading the request (who, which scope, which filters: a bad
// filter is a 400, an organization outside the scope a 404), and the CSV and PDF exports.
import { badRequest } from "~/lib/http.server.ts";
import { formatDate, formatDateTime, romeDayStart } from "~/lib/dates.ts";
import { translatorFor } from "~/lib/i18n/locale.server.ts";
import { defaultLocale, isLocale, type Locale } from "~/lib/i18n/resources.ts";
import { renderPdf, type PdfLine } from "~/modules/certificates/pdf.server.ts";
import { toCsv } from "~/modules/webinars/attendance/csv.ts";
import { cachedDashboard, type Dashboard, type Figures } from "./figures.server.ts";
import { parseFilters, type Filters } from "./filters.ts";
import { organizationInScope, requireMonitoring, type MonitoringScope, type ScopeOrganization } from "./scope.server.ts";
import { ALL_COLUMNS, columnValue, formatNumber, isRate, SECTION_COLUMNS, type ColumnKey, type Section } from "./tables.ts";

export type MonitoringRequest = { locale: Locale; scope: MonitoringScope; filters: Filters; organization: ScopeOrganization | null; data: Dashboard };

export async function monitoringRequest(request: Request, now = new Date()): Promise<MonitoringRequest> {
  const { user, scope } = await requireMonitoring(request);
  const parsed = parseFilters(new URL(request.url).searchParams, now);
  if (!parsed.ok) throw badRequest(parsed.problem);
  const organization = organizationInScope(scope, parsed.filters.organizationId);
  const data = await cachedDashboard(scope, parsed.filters, now);
  return { locale: isLocale(user.locale) ? user.locale : defaultLocale, scope, filters: parsed.filters, organization, data };
}

type T = ReturnType<typeof translatorFor>;

const kitLabel = (t: T, kit: string | null) => t(`monitoring:kits.${kit ?? "none"}`);
/** Plain numbers for spreadsheets; hours with the language's decimal separator (as the ledger's CSV). */
const csvNumber = (value: number | null, locale: Locale) => (value === null ? "" : Number.isInteger(value) ? String(value) : value.toLocaleString(locale === "it" ? "it-IT" : "en-GB"));

/** One table as CSV: a section per organization, or every figure per kit (`section` "kits"). */
export function monitoringCsv(data: Dashboard, table: Section | "kits", locale: Locale): string {
  const t = translatorFor(locale);
  const header = (key: ColumnKey | "organization" | "kit" | "organizations") => t(`monitoring:columns.${key}`);
  if (table === "kits") {
    const rows = data.kits.map((row) => [kitLabel(t, row.kit), String(row.organizations), ...ALL_COLUMNS.map((key) => csvNumber(columnValue(key, row, data.targetHours), locale))]);
    return toCsv([[header("kit"), header("organizations"), ...ALL_COLUMNS.map(header)], ...rows]);
  }
  const columns = SECTION_COLUMNS[table];
  const rows = data.organizations.map((row) => [row.name, kitLabel(t, row.kit), ...columns.map((key) => csvNumber(columnValue(key, row, data.targetHours), locale))]);
  return toCsv([[header("organization"), header("kit"), ...columns.map(header)], ...rows]);
}

const figureLines = (t: T, figures: Figures, target: number, locale: Locale): string[] =>
  ALL_COLUMNS.map((key) => t("monitoring:report.line", { label: t(`monitoring:columns.${key}`), value: formatNumber(columnValue(key, figures, target), locale, isRate(key) ? " %" : "") }));

/** The organization report for funding: period, organization(s), every figure, the generation date. */
export async function monitoringPdf(input: MonitoringRequest, now = new Date()): Promise<Buffer> {
  const { data, filters, organization, scope, locale } = input;
  const t = translatorFor(locale);
  const day = (value: string) => formatDate(romeDayStart(value), locale);
  const who = organization
    ? t("monitoring:report.organization", { name: organization.name })
    : scope.all && !filters.kit
      ? t("monitoring:report.allOrganizations", { count: data.organizations.length })
      : t("monitoring:report.someOrganizations", { count: data.organizations.length });
  const lines: PdfLine[] = [
    { text: t("monitoring:report.title"), size: 18, bold: true },
    { text: who, size: 13, gapBefore: 0.8 },
    ...(filters.kit ? [{ text: t("monitoring:report.kit", { kit: kitLabel(t, filters.kit) }) }] : []),
    { text: t("monitoring:report.period", { from: day(data.from), to: day(data.to) }) },
    { text: t("monitoring:sections.training.note", { year: data.year, target: data.targetHours }), size: 10 },
    ...figureLines(t, data.total, data.targetHours, locale).map((text, index) => ({ text, size: 11, gapBefore: index === 0 ? 0.8 : 0 })),
  ];
  // Last, after the table: when it was generated and where the figures come from (no verification code).
  const after: PdfLine[] = [
    { text: t("monitoring:report.generated", { date: formatDateTime(now, locale) }), size: 10, gapBefore: 1 },
    { text: t("monitoring:report.footer"), size: 9 },
  ];
  // More than one organization: a table with the main figures of each (one line per organization).
  const columns: ColumnKey[] = ["registrations", "attendees", "liveMinutes", "recordingMinutes", "posts", "surveyResponses", "trainingHours"];
  const table =
    data.organizations.length > 1
      ? {
          header: [t("monitoring:columns.organization"), ...columns.map((key) => t(`monitoring:columns.${key}`))],
          rows: data.organizations.map((row) => [row.name, ...columns.map((key) => formatNumber(columnValue(key, row, data.targetHours), locale))]),
          widths: [112, ...columns.map(() => 53)],
        }
      : undefined;
  return renderPdf({ title: t("monitoring:report.title"), lines, table, after });
}
