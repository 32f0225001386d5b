// Importing organizations from a CSV file (columns name, kind, ipa_code, parent_ipa_code,
// province, contact_name, contact_email).
//
// All or nothing: every row is validated first and any bad row stops the import, with a report
// that gives each bad row's line number and reasons. Only after an explicit confirmation (a second
// request carrying the same content) are the good rows imported, and then in one transaction.
//
// Decisions:
//  - Encoding: UTF-8 (with or without BOM) is read strictly; a file that is not valid UTF-8 is
//    read as Windows-1252 (what Excel on Windows writes for "CSV") and the report says so.
//    UTF-16 files and files with NUL bytes are refused with a message.
//  - Formula injection: a cell whose first character is = + - @ (or a tab / carriage return) is
//    REFUSED, not neutralised: silently changing data hides the problem, and no legitimate
//    value in these columns starts that way.
//  - Separator: comma or semicolon (Italian Excel), detected from the header line.
//  - Existing IPA codes are errors: the import creates organizations, it never updates them.
import { parse } from "csv-parse/sync";
import type { Prisma } from "~/generated/sqlite/client.ts";
import { db } from "~/lib/db.server.ts";
import { parseMessage } from "~/lib/validation.ts";
import { recordAudit, type AuditMeta } from "~/modules/audit/audit.server.ts";
import { CSV_COLUMNS, MAX_FILE_BYTES, MAX_ROWS, type CsvColumn } from "./csv-format.ts";
import { DomainError } from "~/lib/domain-error.ts";
import { isUniqueViolation } from "~/lib/prisma-errors.ts";
import { mayHaveChildren } from "./kinds.ts";
import { organizationCsvRowSchema, type OrganizationCsvRow } from "./validation.ts";

export { CSV_COLUMNS, MAX_FILE_BYTES, MAX_ROWS };
type Column = CsvColumn;
const REQUIRED_COLUMNS: Column[] = ["name", "kind"];

const FIELD_OF: Record<Column, keyof OrganizationCsvRow> = {
  name: "name",
  kind: "kind",
  ipa_code: "ipaCode",
  parent_ipa_code: "parentIpaCode",
  province: "province",
  contact_name: "contactName",
  contact_email: "contactEmail",
};
const COLUMN_OF = Object.fromEntries(Object.entries(FIELD_OF).map(([column, field]) => [field, column])) as Record<keyof OrganizationCsvRow, Column>;

export type Message = { key: string; values?: Record<string, string | number> };
export type RowError = Message & { column?: string };
export type RowReport = { line: number; name: string; errors: RowError[] };
export type GoodRow = { line: number; data: OrganizationCsvRow };

export type DecodedCsv = { text: string; encoding: "utf-8" | "windows-1252"; hadBom: boolean };

export type ImportAnalysis = {
  fileError?: Message;
  encoding?: DecodedCsv["encoding"];
  hadBom?: boolean;
  badRows: RowReport[];
  goodRows: GoodRow[];
};

export type ImportOutcome =
  | { status: "imported"; count: number; skipped: number }
  | { status: "report"; analysis: ImportAnalysis; text: string; changedMeanwhile?: boolean };

/** Bytes to text: strict UTF-8, else Windows-1252; UTF-16 and binary files are refused. */
export function decodeCsv(bytes: Uint8Array): DecodedCsv | { error: Message } {
  if (bytes.length === 0) return { error: { key: "org:import.errors.empty" } };
  if (bytes.length > MAX_FILE_BYTES) return { error: { key: "org:import.errors.tooLarge", values: { max: `${MAX_FILE_BYTES / 1024 / 1024} MB` } } };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return { error: { key: "org:import.errors.utf16" } };
  if (bytes.includes(0)) return { error: { key: "org:import.errors.binary" } };
  const hadBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    // TextDecoder drops the BOM itself.
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8", hadBom };
  } catch {
    return { text: new TextDecoder("windows-1252").decode(bytes), encoding: "windows-1252", hadBom: false };
  }
}

const FORMULA_START = /^[=+\-@\t\r]/;

function normaliseHeader(cell: string) {
  return cell.replace(/^\uFEFF/, "").trim().toLowerCase().replace(/[\s-]+/g, "_");
}

function detectDelimiter(text: string) {
  const firstLine = text.slice(0, text.indexOf("\n") === -1 ? undefined : text.indexOf("\n"));
  return (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
}

type Parsed = { line: number; cells: string[] };

function parseRecords(text: string): Parsed[] | { error: Message } {
  const normalised = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  try {
    const records = parse(normalised, {
      delimiter: detectDelimiter(normalised),
      info: true,
      relax_column_count: true,
      // A stray quote inside an unquoted cell is kept as text, so the row is judged on its own.
      relax_quotes: true,
      skip_empty_lines: true,
    }) as { record: string[]; info: { lines: number } }[];
    return records.map(({ record, info }) => ({
      // csv-parse counts the line a record ends on; a quoted cell may span several lines.
      line: info.lines - record.reduce((sum, cell) => sum + (cell.match(/\n/g)?.length ?? 0), 0),
      cells: record,
    }));
  } catch (error) {
    const lines = (error as { lines?: number }).lines;
    return { error: { key: "org:import.errors.unreadable", values: { line: lines ?? 1, detail: (error as Error).message.slice(0, 200) } } };
  }
}

/** Validates every row of the file against the rules and the database; changes nothing. */
export async function analyseCsv(text: string, client: Prisma.TransactionClient | typeof db = db): Promise<ImportAnalysis> {
  const result: ImportAnalysis = { badRows: [], goodRows: [] };
  const parsed = parseRecords(text);
  if ("error" in parsed) return { ...result, fileError: parsed.error };
  const [header, ...records] = parsed;
  if (!header) return { ...result, fileError: { key: "org:import.errors.empty" } };

  const columns = header.cells.map(normaliseHeader);
  const unknown = columns.filter((column) => !(CSV_COLUMNS as readonly string[]).includes(column));
  const missing = REQUIRED_COLUMNS.filter((column) => !columns.includes(column));
  const repeated = columns.filter((column, index) => columns.indexOf(column) !== index);
  if (unknown.length || missing.length || repeated.length) {
    return {
      ...result,
      fileError: {
        key: "org:import.errors.header",
        values: { unknown: unknown.join(", ") || "-", missing: missing.join(", ") || "-", repeated: repeated.join(", ") || "-", expected: CSV_COLUMNS.join(", ") },
      },
    };
  }
  const rows = records.filter((record) => record.cells.some((cell) => cell.trim() !== ""));
  if (rows.length === 0) return { ...result, fileError: { key: "org:import.errors.noRows" } };
  if (rows.length > MAX_ROWS) return { ...result, fileError: { key: "org:import.errors.tooManyRows", values: { max: MAX_ROWS, count: rows.length } } };

  // rawIpa: the row's code even when the row is invalid, so its children point at it, not at nothing.
  type Checked = { line: number; name: string; rawIpa: string; errors: RowError[]; data?: OrganizationCsvRow };
  const checked: Checked[] = rows.map(({ line, cells }) => {
    const errors: RowError[] = [];
    const raw: Record<string, string> = {};
    if (cells.length !== columns.length) {
      errors.push({ key: "org:import.errors.cellCount", values: { expected: columns.length, found: cells.length } });
    }
    columns.forEach((column, index) => {
      const cell = cells[index] ?? "";
      if (FORMULA_START.test(cell.trimStart()) || FORMULA_START.test(cell)) {
        errors.push({ column, key: "org:import.errors.formula", values: { column, char: JSON.stringify(cell.trimStart()[0] ?? cell[0]) } });
      }
      raw[FIELD_OF[column as Column]] = cell;
    });
    const name = (raw.name ?? "").trim().slice(0, 80);
    const validated = organizationCsvRowSchema.safeParse(raw);
    if (!validated.success) {
      for (const issue of validated.error.issues) {
        const column = COLUMN_OF[issue.path[0] as keyof OrganizationCsvRow];
        const { key, values } = parseMessage(issue.message);
        errors.push({ column, key, values: { ...values, column } });
      }
    }
    const rawIpa = (raw.ipaCode ?? "").trim().toLowerCase();
    return { line, name, rawIpa, errors, data: validated.success ? validated.data : undefined };
  });

  // IPA codes: unique within the file and against the database.
  const linesByIpa = new Map<string, number[]>();
  for (const row of checked) {
    if (row.data?.ipaCode) linesByIpa.set(row.data.ipaCode, [...(linesByIpa.get(row.data.ipaCode) ?? []), row.line]);
  }
  for (const row of checked) {
    const lines = row.data?.ipaCode ? linesByIpa.get(row.data.ipaCode)! : [];
    if (lines.length > 1) {
      row.errors.push({ column: "ipa_code", key: "org:import.errors.duplicateInFile", values: { code: row.data!.ipaCode!, lines: lines.join(", ") } });
    }
  }
  const referenced = [...new Set(checked.flatMap((row) => [row.data?.ipaCode, row.data?.parentIpaCode]).filter((code): code is string => !!code))];
  const existing = referenced.length
    ? await client.organization.findMany({ where: { ipaCode: { in: referenced } }, select: { id: true, name: true, ipaCode: true, kind: true, parentId: true } })
    : [];
  const existingByIpa = new Map(existing.map((organization) => [organization.ipaCode!, organization]));
  const rowByIpa = new Map(checked.filter((row) => row.rawIpa).map((row) => [row.rawIpa, row]));
  for (const row of checked) {
    const ipa = row.data?.ipaCode;
    if (ipa && existingByIpa.has(ipa)) {
      row.errors.push({ column: "ipa_code", key: "org:import.errors.ipaExists", values: { code: ipa, name: existingByIpa.get(ipa)!.name } });
    }
  }

  // Parents: stored or in the file, top-level, able to group others (one-level hierarchy).
  for (const row of checked) {
    const parentIpa = row.data?.parentIpaCode;
    if (!parentIpa) continue;
    if (parentIpa === row.data?.ipaCode) {
      row.errors.push({ column: "parent_ipa_code", key: "org:import.errors.parentSelf", values: { code: parentIpa } });
      continue;
    }
    const inFile = rowByIpa.get(parentIpa);
    // A parent row that is itself invalid is reported below ("the parent row has errors").
    if (inFile && !inFile.data) continue;
    const stored = existingByIpa.get(parentIpa);
    const parent = inFile?.data ? { name: inFile.data.name, kind: inFile.data.kind, hasParent: !!inFile.data.parentIpaCode } : stored ? { name: stored.name, kind: stored.kind, hasParent: !!stored.parentId } : null;
    if (!parent) {
      row.errors.push({ column: "parent_ipa_code", key: "org:import.errors.unknownParent", values: { code: parentIpa } });
    } else if (parent.hasParent) {
      row.errors.push({ column: "parent_ipa_code", key: "org:import.errors.parentIsChild", values: { code: parentIpa, parent: parent.name } });
    } else if (!mayHaveChildren(parent.kind)) {
      row.errors.push({ column: "parent_ipa_code", key: "org:import.errors.parentIsMunicipality", values: { code: parentIpa, parent: parent.name } });
    }
  }
  // A row whose parent row is bad cannot be imported alone (one level deep, so one pass).
  for (const row of checked) {
    const parentRow = row.data?.parentIpaCode ? rowByIpa.get(row.data.parentIpaCode) : undefined;
    if (row.errors.length === 0 && parentRow && parentRow.errors.length > 0 && parentRow !== row) {
      row.errors.push({ column: "parent_ipa_code", key: "org:import.errors.parentRowInvalid", values: { line: parentRow.line } });
    }
  }

  for (const row of checked) {
    if (row.errors.length || !row.data) result.badRows.push({ line: row.line, name: row.name, errors: row.errors });
    else result.goodRows.push({ line: row.line, data: row.data });
  }
  return result;
}

function rowData(row: OrganizationCsvRow, parentId: string | null) {
  return {
    name: row.name,
    kind: row.kind,
    ipaCode: row.ipaCode ?? null,
    parentId,
    province: row.province ?? null,
    contactName: row.contactName ?? null,
    contactEmail: row.contactEmail ?? null,
  };
}

/**
 * Imports the file's organizations. With bad rows and no confirmation, imports nothing and
 * returns the report. With `confirmGoodRows` (the user saw the report and ticked the box), imports
 * the good rows only if they are still the `expectedGoodRows` the user confirmed.
 */
export async function importOrganizations(
  decoded: DecodedCsv,
  options: { actorId: string; confirmGoodRows?: boolean; expectedGoodRows?: number },
): Promise<ImportOutcome> {
  try {
    return await db.$transaction(
      async (tx) => {
        // Validated inside the transaction, so what is written is what was checked.
        const analysis = await analyseCsv(decoded.text, tx);
        const enriched = { ...analysis, encoding: decoded.encoding, hadBom: decoded.hadBom };
        const report = (changedMeanwhile = false): ImportOutcome => ({ status: "report", analysis: enriched, text: decoded.text, changedMeanwhile });
        if (analysis.fileError || analysis.goodRows.length === 0) return report();
        if (analysis.badRows.length > 0) {
          if (!options.confirmGoodRows) return report();
          if (options.expectedGoodRows !== analysis.goodRows.length) return report(true);
        }
        // Parents first: stored parents are looked up, parents from the file are created in the first pass.
        const inFileParents = new Set(analysis.goodRows.map((row) => row.data.ipaCode).filter(Boolean));
        const first = analysis.goodRows.filter((row) => !row.data.parentIpaCode || !inFileParents.has(row.data.parentIpaCode));
        const second = analysis.goodRows.filter((row) => row.data.parentIpaCode && inFileParents.has(row.data.parentIpaCode));
        const parentCodes = [...new Set(analysis.goodRows.map((row) => row.data.parentIpaCode).filter((code): code is string => !!code))];
        const storedParents = new Map(
          (await tx.organization.findMany({ where: { ipaCode: { in: parentCodes } }, select: { id: true, ipaCode: true } })).map((o) => [o.ipaCode!, o.id]),
        );
        await tx.organization.createMany({
          data: first.map((row) => rowData(row.data, row.data.parentIpaCode ? storedParents.get(row.data.parentIpaCode) ?? null : null)),
        });
        if (second.length) {
          const created = new Map(
            (await tx.organization.findMany({ where: { ipaCode: { in: [...inFileParents] as string[] } }, select: { id: true, ipaCode: true } })).map((o) => [o.ipaCode!, o.id]),
          );
          await tx.organization.createMany({ data: second.map((row) => rowData(row.data, created.get(row.data.parentIpaCode!) ?? null)) });
        }
        return { status: "imported" as const, count: analysis.goodRows.length, skipped: analysis.badRows.length };
      },
      { timeout: 60_000, maxWait: 10_000 },
    );
  } catch (error) {
    // Another import created one of these IPA codes between validation and insert.
    if (isUniqueViolation(error)) throw new DomainError("org:import.errors.changedMeanwhile");
    throw error;
  }
}

export async function auditImport(actorId: string, outcome: Extract<ImportOutcome, { status: "imported" }>, fileName: string, meta: AuditMeta = {}) {
  await recordAudit({
    ipAddress: meta.ipAddress,
    actorId,
    action: "organization.import",
    targetType: "Organization",
    summary: `Importate ${outcome.count} organizzazioni da ${fileName}${outcome.skipped ? ` (${outcome.skipped} righe scartate)` : ""}`,
    details: { count: outcome.count, skipped: outcome.skipped, fileName },
  });
}
