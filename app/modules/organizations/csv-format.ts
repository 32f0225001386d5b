// The organization CSV format, shared by the import (server) and its page (browser too).
import type { CsvColumn as ReaderColumn } from "~/lib/csv/reader.ts";

export const CSV_COLUMNS = ["name", "kind", "ipa_code", "parent_ipa_code", "province", "contact_name", "contact_email"] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Header names accepted for each column: the English name first, then Italian ones. */
export const CSV_HEADERS: readonly (ReaderColumn & { key: CsvColumn })[] = [
  { key: "name", names: ["name", "nome", "denominazione"], required: true },
  { key: "kind", names: ["kind", "tipo", "tipologia"], required: true },
  { key: "ipa_code", names: ["ipa_code", "codice_ipa"] },
  { key: "parent_ipa_code", names: ["parent_ipa_code", "codice_ipa_padre", "codice_ipa_appartenenza"] },
  { key: "province", names: ["province", "provincia"] },
  { key: "contact_name", names: ["contact_name", "referente", "nome_referente"] },
  { key: "contact_email", names: ["contact_email", "email_referente", "email_contatto"] },
];

export const MAX_FILE_BYTES = 1024 * 1024;
export const MAX_ROWS = 5000;
