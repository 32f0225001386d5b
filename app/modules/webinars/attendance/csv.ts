// CSV for spreadsheet programs (the attendance report, the training ledger). Semicolon-separated
// (what Italian spreadsheet settings expect), RFC 4180 quoting, CRLF, UTF-8 with a BOM. A cell
// that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return)
// gets a leading apostrophe: names and organizations are typed by people.
import { FORMULA_START } from "~/lib/csv/reader.ts";

export function neutralizeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function quote(value: string): string {
  const safe = neutralizeCell(value);
  return /[";\r\n,]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows of cells as a CSV document (numbers are written as given: pass plain digits). */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(quote).join(";")).join("\r\n")}\r\n`;
}

export function csvResponse(body: string, fileName: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
