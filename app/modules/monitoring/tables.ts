// The dashboard's tables: which figures each section shows, how derived values (rates, hours) are
// computed from the raw figures, and which two series its chart draws. Shared by the page, the CSV
// export and the PDF report, so the three always say the same thing.
import type { Figures } from "./figures.server.ts";

export const SECTIONS = ["enrolments", "webinars", "forum", "surveys", "training"] as const;
export type Section = (typeof SECTIONS)[number];

export type ColumnKey =
  | keyof Figures
  | "attendanceRate"
  | "completionRate"
  | "trainingHours"
  | "targetHours";

/** Whole percent of a in b (floored), or null when b is zero. */
export const percent = (a: number, b: number) => (b > 0 ? Math.floor((a * 100) / b) : null);
/** Hours with one decimal, floored: the ledger's rule (hoursOfMinutes in training/ledger.server.ts). */
export const hours = (minutes: number) => Math.floor(minutes / 6) / 10;

export function columnValue(key: ColumnKey, figures: Figures, targetHours: number): number | null {
  switch (key) {
    case "attendanceRate":
      return percent(figures.attendees, figures.registrations);
    case "completionRate":
      return percent(figures.surveyResponses, figures.surveyAudience);
    case "trainingHours":
      return hours(figures.trainingMinutes);
    case "targetHours":
      return figures.people * targetHours;
    default:
      return figures[key];
  }
}

export const SECTION_COLUMNS: Record<Section, ColumnKey[]> = {
  enrolments: ["enrolmentsActive", "expiring30", "expiring60", "expiring90"],
  webinars: ["registrations", "attendees", "attendanceRate", "liveMinutes", "recordingMinutes"],
  forum: ["topics", "posts", "activePeople"],
  surveys: ["surveyAudience", "surveyResponses", "completionRate"],
  training: ["people", "trainingHours", "targetHours", "peopleAtTarget"],
};

/** The two series each section's chart compares (per kit). */
export const SECTION_CHART: Record<Section, [ColumnKey, ColumnKey]> = {
  enrolments: ["enrolmentsActive", "expiring90"],
  webinars: ["registrations", "attendees"],
  forum: ["topics", "posts"],
  surveys: ["surveyAudience", "surveyResponses"],
  training: ["trainingHours", "targetHours"],
};

/** Every column, in order (the kits table, the CSV of kits and the PDF). */
export const ALL_COLUMNS: ColumnKey[] = SECTIONS.flatMap((section) => SECTION_COLUMNS[section]);

export const isSection = (value: string | null): value is Section => Boolean(value) && (SECTIONS as readonly string[]).includes(value!);

// One formatter per language: toLocaleString builds a new Intl.NumberFormat on every call, which
// was the largest single cost of a 180-organization PDF (thousands of cells).
const numberFormats = {
  en: new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 }),
  it: new Intl.NumberFormat("it-IT", { maximumFractionDigits: 1 }),
};

/** Numbers as the page's language writes them ("1.234,5" in Italian); null as a dash. */
export function formatNumber(value: number | null, locale: string, suffix = ""): string {
  if (value === null) return "—";
  return `${numberFormats[locale === "en" ? "en" : "it"].format(value)}${suffix}`;
}

export const isRate = (key: ColumnKey) => key === "attendanceRate" || key === "completionRate";
