// The dashboard filters from the query string: a period (from/to calendar days in Rome, or a
// preset), a kit and an organization. Plain module: the page's filter form uses the same names.
import { addDaysToDay, addMonthsToDay, isCalendarDay, romeDay, romeDayEnd, romeDayStart } from "~/lib/dates.ts";

export const KITS = ["BASIC", "INTERMEDIATE", "PLUS"] as const;
export type KitName = (typeof KITS)[number];
export const PRESETS = ["year", "last12", "q1", "q2", "q3", "q4"] as const;
export type Preset = (typeof PRESETS)[number];

export type Filters = {
  /** Calendar days (YYYY-MM-DD), both included. */
  from: string;
  to: string;
  preset: Preset | null;
  kit: KitName | null;
  organizationId: string | null;
};

/** The instants the period covers: [start, end). */
export const periodStart = (filters: Pick<Filters, "from">) => romeDayStart(filters.from);
export const periodEnd = (filters: Pick<Filters, "to">) => romeDayEnd(filters.to);

export function presetRange(preset: Preset, now = new Date()): { from: string; to: string } {
  const today = romeDay(now);
  const year = today.slice(0, 4);
  if (preset === "year") return { from: `${year}-01-01`, to: `${year}-12-31` };
  if (preset === "last12") return { from: addDaysToDay(addMonthsToDay(today, -12), 1), to: today };
  const quarter = Number(preset.slice(1));
  const from = `${year}-${String((quarter - 1) * 3 + 1).padStart(2, "0")}-01`;
  return { from, to: addDaysToDay(addMonthsToDay(from, 3), -1) };
}

export type FilterProblem = "monitoring:errors.badDate" | "monitoring:errors.badRange" | "monitoring:errors.badKit";

/** The filters, or the reason they cannot be read (the page answers 400 with it). */
export function parseFilters(params: URLSearchParams, now = new Date()): { ok: true; filters: Filters } | { ok: false; problem: FilterProblem } {
  const presetValue = params.get("preset") ?? "";
  const preset = (PRESETS as readonly string[]).includes(presetValue) ? (presetValue as Preset) : null;
  const kitValue = params.get("kit") ?? "";
  if (kitValue && !(KITS as readonly string[]).includes(kitValue)) return { ok: false, problem: "monitoring:errors.badKit" };
  const kit = kitValue ? (kitValue as KitName) : null;
  const organizationId = params.get("organization") || null;
  let from = params.get("from") ?? "";
  let to = params.get("to") ?? "";
  // No period at all: this year. A preset wins over the dates.
  const chosen: Preset | null = preset ?? (!from && !to ? "year" : null);
  if (chosen) ({ from, to } = presetRange(chosen, now));
  else {
    if (!from) from = `${to.slice(0, 4)}-01-01`;
    if (!to) to = romeDay(now);
    if (!isCalendarDay(from) || !isCalendarDay(to)) return { ok: false, problem: "monitoring:errors.badDate" };
    if (from > to || Number(to.slice(0, 4)) - Number(from.slice(0, 4)) > 5) return { ok: false, problem: "monitoring:errors.badRange" };
  }
  return { ok: true, filters: { from, to, preset: chosen, kit, organizationId } };
}

/** The query string of `filters` (for CSV and PDF links that export what the page shows). */
export function filterQuery(filters: Filters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  params.set("from", filters.from);
  params.set("to", filters.to);
  if (filters.kit) params.set("kit", filters.kit);
  if (filters.organizationId) params.set("organization", filters.organizationId);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}
