// Importing organizations from a CSV file (columns name, kind, ipa_code, parent_ipa_code,
// province, contact_name, contact_email).
//
// All or nothing: every row is validated first and any bad row stops the import, with a report
// that gives each bad row's line number and reasons. Only after an explicit confirmation (a second
// request carrying the same content) are the good rows imported, and then in one transaction.
//
// Decisions:
//  - Reading the file (encoding, separator, quotes, formula cells, header names in English or
//    Italian, limits) is the shared CSV reader's job: app/lib/csv/reader.ts.
//  - Existing IPA codes are errors: the import creates organizations, it never updates them.
import { readCsv, type CsvMessage } from "~/lib/csv/reader.ts";
import type { Prisma } from "~/generated/sqlite/client.ts";
import { db } from "~/lib/db.server.ts";
import { parseMessage } from "~/lib/validation.ts";
import { recordAudit, type AuditMeta } from "~/modules/audit/audit.server.ts";
import { CSV_COLUMNS, CSV_HEADERS, MAX_FILE_BYTES, MAX_ROWS, type CsvColumn } from "./csv-format.ts";
import { DomainError } from "~/lib/domain-error.ts";
import { isUniqueViolation } from "~/lib/prisma-errors.ts";
import { mayHaveChildren } from "./kinds.ts";
import { organizationCsvRowSchema, type OrganizationCsvRow } from "./validation.ts";

export { CSV_COLUMNS, MAX_FILE_BYTES, MAX_ROWS };
type Column = CsvColumn;

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

export type Message = CsvMessage;
export type RowError = Message & { column?: string };
export type RowReport = { line: number; name: string; errors: RowError[] };
export type GoodRow = { line: number; data: OrganizationCsvRow };

export type DecodedCsv = { encoding: "utf-8" | "windows-1252"; hadBom: boolean };

export type ImportAnalysis = {
  fileError?: Message;
  encoding?: DecodedCsv["encoding"];
  hadBom?: boolean;
  badRows: RowReport[];
  goodRows: GoodRow[];
};

export type ImportOutcome =
  | { status: "imported"; count: number; skipped: number }
  | { status: "report"; analysis: ImportAnalysis; changedMeanwhile?: boolean };

/** Validates every row of the file against the rules and the database; changes nothing. */
export async function analyseCsv(bytes: Uint8Array, client: Prisma.TransactionClient | typeof db = db): Promise<ImportAnalysis> {
  const result: ImportAnalysis = { badRows: [], goodRows: [] };
  const parsed = readCsv(bytes, { columns: CSV_HEADERS, maxBytes: MAX_FILE_BYTES, maxRows: MAX_ROWS, header: "required" });
  if (!parsed.ok) return { ...result, fileError: parsed.problem };
  result.encoding = parsed.encoding;
  result.hadBom = parsed.hadBom;
  const columnCount = parsed.columns.length;

  // rawIpa: the row's code even when the row is invalid, so its children point at it, not at nothing.
  type Checked = { line: number; name: string; rawIpa: string; errors: RowError[]; data?: OrganizationCsvRow };
  const checked: Checked[] = parsed.rows.map(({ line, values, cellCount, problems }) => {
    const errors: RowError[] = [...problems];
    const raw: Record<string, string> = {};
    if (cellCount !== columnCount && !problems.length) {
      errors.push({ key: "org:import.errors.cellCount", values: { expected: columnCount, found: cellCount } });
    }
    for (const column of parsed.columns) raw[FIELD_OF[column as Column]] = values[column];
    const name = (raw.name ?? "").trim().slice(0, 80);
    const validated = organizationCsvRowSchema.safeParse(raw);
    // A row the reader already refused (quotes, formulas) is not judged field by field.
    if (!validated.success && !problems.length) {
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
  bytes: Uint8Array,
  options: { actorId: string; confirmGoodRows?: boolean; expectedGoodRows?: number },
): Promise<ImportOutcome> {
  try {
    return await db.$transaction(
      async (tx) => {
        // Validated inside the transaction, so what is written is what was checked.
        const analysis = await analyseCsv(bytes, tx);
        const report = (changedMeanwhile = false): ImportOutcome => ({ status: "report", analysis, changedMeanwhile });
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
