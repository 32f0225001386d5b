// The one CSV reader behind every import (organizations, invitations, …).
//  - Bytes to text: a UTF-8 BOM is removed first; then strict UTF-8, else Windows-1252 (what
//    Excel on Windows writes for "CSV"), so a Windows-1252 file with a BOM reads right too.
//    UTF-16 and binary files are refused with a message saying how to save the file.
//  - Separator: comma, semicolon (Italian Excel) or tab, whichever the header line uses most.
//  - Quotes as in RFC 4180. A stray quote inside an unquoted cell, or text after a closing quote,
//    makes that ROW bad (with its line number); an unclosed quote makes its line bad and reading
//    resumes on the next line. The rest of the file is still read.
//  - Formula cells (first character = + - @, tab or CR) are reported per cell: spreadsheet
//    programs would run them when an export is opened again (CSV injection).
//  - Header names are matched after normalising (case, accents, spaces, dashes, underscores),
//    each column accepting several names (English and Italian); a header with missing, repeated
//    or unknown columns is refused with each list named.
//  - Size and row limits come from the caller.
// Pure functions, no server dependency: messages are i18n keys in the `csv` namespace.

export type CsvMessage = { key: string; values?: Record<string, string | number>; parts?: CsvMessage[] };

export type CsvColumn = {
  key: string;
  /** Accepted header names; the first is the canonical one shown in messages. */
  names: readonly string[];
  required?: boolean;
};

export type CsvRow = {
  /** 1-based line on which the record starts. */
  line: number;
  /** Cells by column key ("" for a missing cell). */
  values: Record<string, string>;
  cellCount: number;
  problems: (CsvMessage & { column?: string })[];
};

export type CsvReadOptions = {
  columns: readonly CsvColumn[];
  maxBytes: number;
  maxRows: number;
  /**
   * "required": the first row must be the header. "optional": the first row is the header when
   * one of its cells is a known column name; otherwise rows follow the columns' order.
   */
  header?: "required" | "optional";
};

export type CsvReadResult =
  | { ok: false; problem: CsvMessage }
  | { ok: true; encoding: "utf-8" | "windows-1252"; hadBom: boolean; delimiter: string; columns: string[]; rows: CsvRow[] };

export type DecodedText = { text: string; encoding: "utf-8" | "windows-1252"; hadBom: boolean };

export const FORMULA_START = /^[=+\-@\t\r]/;

/** Bytes to text (see the rules above). */
export function decodeCsvBytes(bytes: Uint8Array, maxBytes: number): DecodedText | { problem: CsvMessage } {
  if (bytes.length === 0) return { problem: { key: "csv:errors.empty" } };
  if (bytes.length > maxBytes) return { problem: { key: "csv:errors.tooLarge", values: { max: sizeLabel(maxBytes) } } };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return { problem: { key: "csv:errors.utf16" } };
  if (bytes.includes(0)) return { problem: { key: "csv:errors.binary" } };
  const hadBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hadBom ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body), encoding: "utf-8", hadBom };
  } catch {
    return { text: decodeWindows1252(body), encoding: "windows-1252", hadBom };
  }
}

// Windows-1252 differs from Latin-1 only in 0x80-0x9F (€, curly quotes, dashes, Š, Œ, …).
// Node 20's TextDecoder("windows-1252") decodes those bytes as Latin-1 control characters,
// so "€ 5" would come out as "\u0080 5": decode with the real table instead.
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

export function decodeWindows1252(bytes: Uint8Array) {
  let text = "";
  for (let start = 0; start < bytes.length; start += 8192) {
    const chunk = bytes.subarray(start, start + 8192);
    text += String.fromCharCode(...Array.from(chunk, (byte) => (byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80] : byte)));
  }
  return text;
}

function sizeLabel(bytes: number) {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`;
}

export function normaliseHeader(cell: string) {
  return cell
    .replace(/^\uFEFF/, "")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, "_");
}

/** The separator the first line uses most, counting only outside quotes. */
export function detectDelimiter(text: string) {
  const counts: Record<string, number> = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && char in counts) counts[char]++;
  }
  return [";", "\t"].reduce((best, candidate) => (counts[candidate] > counts[best] ? candidate : best), ",");
}

type Record_ = { line: number; cells: string[]; problem?: CsvMessage };

/**
 * Splits text into records. Never throws: a bad quote is a problem on its record.
 * Stops after `limit` non-blank records (the caller reports "too many rows").
 */
export function tokenize(text: string, delimiter: string, limit = Infinity): Record_[] {
  const records: Record_[] = [];
  let i = 0;
  let line = 1;
  const n = text.length;
  const isBreak = (c: string) => c === "\n" || c === "\r";
  const skipBreak = () => {
    if (text[i] === "\r" && text[i + 1] === "\n") i += 2;
    else i += 1;
    line += 1;
  };
  while (i < n && records.length < limit) {
    const start = { i, line };
    const cells: string[] = [];
    let problem: CsvMessage | undefined;
    let restart = false;
    for (;;) {
      let cell = "";
      if (text[i] === '"') {
        i += 1;
        let closed = false;
        while (i < n) {
          const c = text[i];
          if (c === '"') {
            if (text[i + 1] === '"') {
              cell += '"';
              i += 2;
              continue;
            }
            i += 1;
            closed = true;
            break;
          }
          if (c === "\r" || c === "\n") {
            if (c === "\r" && text[i + 1] === "\n") {
              cell += "\r\n";
              i += 2;
            } else {
              cell += c;
              i += 1;
            }
            line += 1;
            continue;
          }
          cell += c;
          i += 1;
        }
        if (!closed) {
          // The quote never closes: only this line is bad; read on from the next line.
          problem ??= { key: "csv:errors.unclosedQuote" };
          restart = true;
          break;
        }
        // After a closing quote only the separator or the end of the line may follow.
        if (i < n && text[i] !== delimiter && !isBreak(text[i])) {
          problem ??= { key: "csv:errors.textAfterQuote", values: { column: cells.length + 1 } };
          while (i < n && text[i] !== delimiter && !isBreak(text[i])) cell += text[i++];
        }
      } else {
        while (i < n && text[i] !== delimiter && !isBreak(text[i])) cell += text[i++];
        if (cell.includes('"')) problem ??= { key: "csv:errors.strayQuote", values: { column: cells.length + 1 } };
      }
      cells.push(cell);
      if (i < n && text[i] === delimiter) {
        i += 1;
        continue;
      }
      break;
    }
    if (restart) {
      // Back to the start of the record, take its first physical line as the bad row.
      i = start.i;
      line = start.line;
      let raw = "";
      while (i < n && !isBreak(text[i])) raw += text[i++];
      records.push({ line: start.line, cells: raw.split(delimiter), problem });
      if (i < n) skipBreak();
      continue;
    }
    if (i < n) skipBreak();
    if (cells.some((cell) => cell.trim() !== "") || problem) records.push({ line: start.line, cells, problem });
  }
  return records;
}

function list(names: string[]) {
  return names.join(", ");
}

/** Decodes, tokenizes, maps the header and checks every cell for formulas. */
export function readCsv(bytes: Uint8Array, options: CsvReadOptions): CsvReadResult {
  const decoded = decodeCsvBytes(bytes, options.maxBytes);
  if ("problem" in decoded) return { ok: false, problem: decoded.problem };
  const delimiter = detectDelimiter(decoded.text);
  // One more than allowed (+ the header) is enough to know the file is too long.
  const records = tokenize(decoded.text, delimiter, options.maxRows + 2);
  if (records.length === 0) return { ok: false, problem: { key: "csv:errors.empty" } };

  const byName = new Map<string, CsvColumn>();
  for (const column of options.columns) for (const name of column.names) byName.set(normaliseHeader(name), column);
  const first = records[0];
  const firstNames = first.cells.map(normaliseHeader);
  // An optional header is recognised by a required column's name: a data row can hold a word that
  // is also an optional column's name ("Referente" in a role column), never an "email" cell.
  const isHeader = (options.header ?? "required") === "required" || firstNames.some((name) => byName.get(name)?.required);

  let positions: string[];
  let dataRecords = records;
  if (isHeader) {
    if (first.problem) return { ok: false, problem: { key: "csv:errors.headerUnreadable", values: { line: first.line } } };
    const mapped = firstNames.map((name) => byName.get(name)?.key);
    const unknown = first.cells.filter((_, index) => !mapped[index]).map((cell) => cell.trim());
    const seen = mapped.filter((key): key is string => !!key);
    const repeated = [...new Set(seen.filter((key, index) => seen.indexOf(key) !== index))];
    const missing = options.columns.filter((column) => column.required && !seen.includes(column.key));
    const label = (key: string) => options.columns.find((column) => column.key === key)!.names.slice(0, 2).join(" / ");
    const parts: CsvMessage[] = [];
    if (missing.length) parts.push({ key: "csv:errors.headerMissing", values: { columns: list(missing.map((column) => label(column.key))), count: missing.length } });
    if (repeated.length) parts.push({ key: "csv:errors.headerRepeated", values: { columns: list(repeated.map(label)), count: repeated.length } });
    if (unknown.length) parts.push({ key: "csv:errors.headerUnknown", values: { columns: list(unknown.map((name) => JSON.stringify(name.slice(0, 40)))), count: unknown.length } });
    if (parts.length) return { ok: false, problem: { key: "csv:errors.header", parts } };
    positions = mapped as string[];
    dataRecords = records.slice(1);
  } else {
    positions = options.columns.map((column) => column.key);
  }
  if (dataRecords.length === 0) return { ok: false, problem: { key: "csv:errors.noRows" } };
  if (dataRecords.length > options.maxRows) return { ok: false, problem: { key: "csv:errors.tooManyRows", values: { max: options.maxRows } } };

  const rows = dataRecords.map((record): CsvRow => {
    const values: Record<string, string> = Object.fromEntries(options.columns.map((column) => [column.key, ""]));
    const problems: CsvRow["problems"] = [];
    if (record.problem) {
      // The tokenizer counts cells; the person knows columns by name.
      const index = Number(record.problem.values?.column);
      const column = positions[index - 1] ?? (index ? String(index) : undefined);
      problems.push(column ? { ...record.problem, column, values: { ...record.problem.values, column } } : record.problem);
    }
    record.cells.forEach((cell, index) => {
      const key = positions[index];
      if (key) values[key] = cell;
      if (FORMULA_START.test(cell) || FORMULA_START.test(cell.trimStart())) {
        const column = key ?? String(index + 1);
        problems.push({ column, key: "csv:errors.formula", values: { column, char: JSON.stringify(FORMULA_START.test(cell) ? cell[0] : cell.trimStart()[0]) } });
      }
    });
    return { line: record.line, values, cellCount: record.cells.length, problems };
  });
  return { ok: true, encoding: decoded.encoding, hadBom: decoded.hadBom, delimiter, columns: positions, rows };
}

/** "nome, name, denominazione" — what each import page prints as accepted headers. */
export function acceptedHeaders(columns: readonly CsvColumn[]) {
  return columns.map((column) => ({ key: column.key, names: column.names.join(", "), required: !!column.required }));
}
