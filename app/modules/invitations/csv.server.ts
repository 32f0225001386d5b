// Reads a CSV of people to invite (email, name, optional manager flag) and checks every row,
// so the page can show an import-style report: line number and reason for each bad row.
// Decoding, separators, quotes, formula cells and header names are the shared reader's job
// (app/lib/csv/reader.ts); this file adds the invitation rules.
import { z } from "zod";
import { readCsv, type CsvMessage } from "~/lib/csv/reader.ts";
import { EMAIL_MAX, noControls } from "~/lib/validation.ts";
import { CSV_MAX_BYTES, CSV_MAX_ROWS, INVITATION_CSV_HEADERS, type InvitationLocale } from "./limits.ts";

export { CSV_MAX_BYTES, CSV_MAX_ROWS };

const NAME_MAX = 120;
const CELL_MAX = 1000;

export type RowProblem = CsvMessage;
export type CsvRow = { line: number; email: string; name: string; asManager: boolean; locale: InvitationLocale; problem?: RowProblem };
export type CsvParseResult = { ok: true; rows: CsvRow[] } | { ok: false; problem: RowProblem };

const emailSchema = z.string().email();


const TRUE_VALUES = new Set(["1", "si", "sì", "s", "yes", "y", "true", "vero", "x"]);
const FALSE_VALUES = new Set(["", "0", "no", "n", "false", "falso"]);
// The language column: empty means Italian (the default).
const LANGUAGE_VALUES = new Map<string, InvitationLocale>([
  ...["", "it", "ita", "italiano", "italian", "it-it"].map((v) => [v, "it"] as const),
  ...["en", "eng", "english", "inglese", "en-gb", "en-us"].map((v) => [v, "en"] as const),
]);

function checkCell(value: string, max: number): RowProblem | undefined {
  if (value.length > max) return { key: "invitations:csv.problems.tooLong", values: { max } };
  // Formula cells are refused by the CSV reader; control and direction-override characters by the
  // same rule as every text field.
  if (!noControls(value, {})) return { key: "invitations:csv.problems.control" };
  return undefined;
}

function rowFrom(line: number, values: Record<string, string>, cellCount: number, columnCount: number, readProblem?: RowProblem): CsvRow {
  const raw = { email: (values.email ?? "").trim(), name: (values.name ?? "").trim(), manager: (values.manager ?? "").trim(), language: (values.language ?? "").trim() };
  const row: CsvRow = { line, email: raw.email.toLowerCase().slice(0, EMAIL_MAX + 1), name: raw.name.slice(0, NAME_MAX + 1), asManager: false, locale: "it" };
  const fail = (problem: RowProblem): CsvRow => ({ ...row, problem });

  // Quotes and formula cells, found by the reader.
  if (readProblem) return fail(readProblem);
  if (cellCount > columnCount) return fail({ key: "invitations:csv.problems.tooManyColumns", values: { count: cellCount, max: columnCount } });
  if (Object.values(values).some((cell) => cell.length > CELL_MAX)) return fail({ key: "invitations:csv.problems.tooLong", values: { max: CELL_MAX } });
  if (!raw.email) return fail({ key: "invitations:csv.problems.emailMissing" });
  const emailProblem = checkCell(raw.email, EMAIL_MAX);
  if (emailProblem) return fail(emailProblem);
  if (!emailSchema.safeParse(raw.email).success) return fail({ key: "invitations:csv.problems.emailInvalid" });
  if (!raw.name) return fail({ key: "invitations:csv.problems.nameMissing" });
  const nameProblem = checkCell(raw.name, NAME_MAX);
  if (nameProblem) return fail(nameProblem);
  const flag = raw.manager.toLowerCase();
  if (TRUE_VALUES.has(flag)) row.asManager = true;
  else if (!FALSE_VALUES.has(flag)) return fail({ key: "invitations:csv.problems.managerInvalid" });
  const locale = LANGUAGE_VALUES.get(raw.language.toLowerCase());
  if (!locale) return fail({ key: "invitations:csv.problems.languageInvalid" });
  row.locale = locale;
  return row;
}

/**
 * Parses and checks the file on its own (no database): format, required cells, hostile content,
 * duplicates within the file. Whole-file problems (unreadable, empty, too many rows) come back
 * as one problem instead of rows.
 */
export function parseInvitationCsv(bytes: Uint8Array): CsvParseResult {
  const parsed = readCsv(bytes, { columns: INVITATION_CSV_HEADERS, maxBytes: CSV_MAX_BYTES, maxRows: CSV_MAX_ROWS, header: "optional" });
  if (!parsed.ok) return { ok: false, problem: parsed.problem };
  const columnCount = parsed.columns.length;
  const firstLineOf = new Map<string, number>();
  return {
    ok: true,
    rows: parsed.rows.map(({ line, values, cellCount, problems }) => {
      const row = rowFrom(line, values, cellCount, columnCount, problems[0]);
      if (row.problem) return row;
      const earlier = firstLineOf.get(row.email);
      if (earlier) return { ...row, problem: { key: "invitations:csv.problems.duplicate", values: { line: earlier } } };
      firstLineOf.set(row.email, row.line);
      return row;
    }),
  };
}
