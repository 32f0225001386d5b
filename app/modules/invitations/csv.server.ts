// Reads a CSV of people to invite (email, name, optional manager flag) and checks every row,
// so the page can show an import-style report: line number and reason for each bad row.
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { CSV_MAX_BYTES, CSV_MAX_ROWS } from "./limits.ts";

export { CSV_MAX_BYTES, CSV_MAX_ROWS };

const NAME_MAX = 120;
const EMAIL_MAX = 254;
const CELL_MAX = 1000;

export type RowProblem = { key: string; values?: Record<string, string | number> };
export type CsvRow = { line: number; email: string; name: string; asManager: boolean; problem?: RowProblem };
export type CsvParseResult = { ok: true; rows: CsvRow[] } | { ok: false; problem: RowProblem };

const emailSchema = z.string().email();

// Spreadsheet programs run cells that start with these as formulas (CSV injection): refuse them,
// so nothing typed here can turn into a formula when a list is exported and opened again.
const FORMULA_START = /^[=+\-@\t\r]/;
// Control characters and line breaks have no place in a name or an address.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

const TRUE_VALUES = new Set(["1", "si", "sì", "s", "yes", "y", "true", "vero", "x"]);
const FALSE_VALUES = new Set(["", "0", "no", "n", "false", "falso"]);

const HEADER_NAMES = {
  email: ["email", "e-mail", "mail", "indirizzo email", "posta elettronica"],
  name: ["name", "nome", "nome e cognome", "nominativo", "full name"],
  manager: ["manager", "responsabile", "referente", "gestore", "is manager"],
} as const;
type Column = keyof typeof HEADER_NAMES;

function columnOf(cell: string): Column | null {
  const normalized = cell.trim().toLowerCase();
  for (const column of Object.keys(HEADER_NAMES) as Column[]) {
    if ((HEADER_NAMES[column] as readonly string[]).includes(normalized)) return column;
  }
  return null;
}

/** Italian spreadsheets export with semicolons; others with commas. Decided by the first line. */
function delimiterOf(text: string) {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  const semicolons = firstLine.split(";").length - 1;
  const commas = firstLine.split(",").length - 1;
  return semicolons > commas ? ";" : ",";
}

function checkCell(value: string, max: number): RowProblem | undefined {
  if (value.length > max) return { key: "invitations:csv.problems.tooLong", values: { max } };
  if (FORMULA_START.test(value)) return { key: "invitations:csv.problems.formula" };
  if (CONTROL.test(value)) return { key: "invitations:csv.problems.control" };
  return undefined;
}

function rowFrom(line: number, cells: string[], positions: Record<Column, number>, columnCount: number): CsvRow {
  const at = (column: Column) => (positions[column] >= 0 ? (cells[positions[column]] ?? "").trim() : "");
  const raw = { email: at("email"), name: at("name"), manager: at("manager") };
  const row: CsvRow = { line, email: raw.email.toLowerCase().slice(0, EMAIL_MAX + 1), name: raw.name.slice(0, NAME_MAX + 1), asManager: false };
  const fail = (problem: RowProblem): CsvRow => ({ ...row, problem });

  if (cells.length > columnCount) return fail({ key: "invitations:csv.problems.tooManyColumns", values: { count: cells.length, max: columnCount } });
  if (cells.some((cell) => cell.length > CELL_MAX)) return fail({ key: "invitations:csv.problems.tooLong", values: { max: CELL_MAX } });
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
  return row;
}

/**
 * Parses and checks the file on its own (no database): format, required cells, hostile content,
 * duplicates within the file. Whole-file problems (unreadable, empty, too many rows) come back
 * as one problem instead of rows.
 */
export function parseInvitationCsv(text: string): CsvParseResult {
  if (Buffer.byteLength(text, "utf8") > CSV_MAX_BYTES) {
    return { ok: false, problem: { key: "invitations:csv.problems.fileTooLarge", values: { kb: CSV_MAX_BYTES / 1024 } } };
  }
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      delimiter: delimiterOf(text),
      record_delimiter: ["\r\n", "\n", "\r"],
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      max_record_size: 64 * 1024,
    }) as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return { ok: false, problem: { key: "invitations:csv.problems.unreadable", values: { line: line ?? "?" } } };
  }
  // Rows whose cells are all blank (e.g. ";;" left by a spreadsheet) are not rows.
  records = records.filter(({ record }) => record.some((cell) => cell.trim() !== ""));
  if (!records.length) return { ok: false, problem: { key: "invitations:csv.problems.empty" } };

  let positions: Record<Column, number> = { email: 0, name: 1, manager: 2 };
  let columnCount = 3;
  const first = records[0].record.map(columnOf);
  if (first.includes("email")) {
    positions = { email: first.indexOf("email"), name: first.indexOf("name"), manager: first.indexOf("manager") };
    columnCount = records[0].record.length;
    records = records.slice(1);
    if (!records.length) return { ok: false, problem: { key: "invitations:csv.problems.empty" } };
  }
  if (records.length > CSV_MAX_ROWS) {
    return { ok: false, problem: { key: "invitations:csv.problems.tooManyRows", values: { max: CSV_MAX_ROWS, count: records.length } } };
  }

  const firstLineOf = new Map<string, number>();
  return {
    ok: true,
    rows: records.map(({ record, info }) => {
      // csv-parse counts the line a record ends on; a quoted cell may span several lines.
      const inner = record.reduce((sum, cell) => sum + (cell.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
      const row = rowFrom(info.lines - inner, record, positions, columnCount);
      if (row.problem) return row;
      const earlier = firstLineOf.get(row.email);
      if (earlier) return { ...row, problem: { key: "invitations:csv.problems.duplicate", values: { line: earlier } } };
      firstLineOf.set(row.email, row.line);
      return row;
    }),
  };
}
