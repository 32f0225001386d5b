// The organization CSV format, shared by the import (server) and its page (browser too).
export const CSV_COLUMNS = ["name", "kind", "ipa_code", "parent_ipa_code", "province", "contact_name", "contact_email"] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

export const MAX_FILE_BYTES = 1024 * 1024;
export const MAX_ROWS = 5000;
