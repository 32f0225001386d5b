// The shared CSV reader on its own: decoding, separators, quotes and line numbers, header names,
// limits. The imports' behaviour on the file corpus is in tests/integration/csv-imports.test.ts.
import { decodeCsvBytes, detectDelimiter, readCsv, tokenize, type CsvColumn } from "~/lib/csv/reader.ts";

const columns: CsvColumn[] = [
  { key: "name", names: ["name", "nome"], required: true },
  { key: "ipa_code", names: ["ipa_code", "codice_ipa"] },
];
const bytes = (text: string) => new TextEncoder().encode(text);
const read = (text: string | Uint8Array, options: Partial<Parameters<typeof readCsv>[1]> = {}) =>
  readCsv(typeof text === "string" ? bytes(text) : text, { columns, maxBytes: 10_000, maxRows: 5, ...options });

describe("decoding", () => {
  it("reads UTF-8, and Windows-1252 with or without a BOM, without the BOM's letters", () => {
    const cp1252 = Uint8Array.from([0x4e, 0x69, 0x63, 0x63, 0x6f, 0x6c, 0xf2, 0x20, 0x46, 0x6f, 0x72, 0x6c, 0xec]); // Niccolò Forlì
    expect(decodeCsvBytes(cp1252, 100)).toEqual({ text: "Niccolò Forlì", encoding: "windows-1252", hadBom: false });
    expect(decodeCsvBytes(Uint8Array.from([0xef, 0xbb, 0xbf, ...cp1252]), 100)).toEqual({ text: "Niccolò Forlì", encoding: "windows-1252", hadBom: true });
    expect(decodeCsvBytes(Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes("Niccolò")]), 100)).toEqual({ text: "Niccolò", encoding: "utf-8", hadBom: true });
    // Windows-1252's own characters beyond Latin-1 (Node 20's decoder gets these wrong).
    expect(decodeCsvBytes(Uint8Array.from([0x80, 0x20, 0x35, 0x20, 0x93, 0x8a, 0x94, 0x20, 0x96]), 100)).toMatchObject({ text: "€ 5 “Š” –" });
  });

  it("refuses empty, oversize, UTF-16 and binary input", () => {
    expect(decodeCsvBytes(new Uint8Array(), 10)).toEqual({ problem: { key: "csv:errors.empty" } });
    expect(decodeCsvBytes(bytes("x".repeat(11)), 10)).toMatchObject({ problem: { key: "csv:errors.tooLarge" } });
    expect(decodeCsvBytes(Uint8Array.from([0xff, 0xfe, 0x41, 0x00]), 10)).toEqual({ problem: { key: "csv:errors.utf16" } });
    expect(decodeCsvBytes(Uint8Array.from([0x41, 0x00, 0x42]), 10)).toEqual({ problem: { key: "csv:errors.binary" } });
  });
});

describe("tokenizing", () => {
  it("picks the separator the header uses most, ignoring quoted ones", () => {
    expect(detectDelimiter("a;b;c\n1,2")).toBe(";");
    expect(detectDelimiter("a\tb\tc")).toBe("\t");
    expect(detectDelimiter('"a;b;c",d')).toBe(",");
    expect(detectDelimiter("solo")).toBe(",");
  });

  it("keeps quoted separators, doubled quotes and line breaks, and numbers records by their first line", () => {
    const records = tokenize('a,b\r\n"x, y","he said ""hi"""\n"two\nlines",z\rlast,row', ",");
    expect(records).toEqual([
      { line: 1, cells: ["a", "b"] },
      { line: 2, cells: ["x, y", 'he said "hi"'] },
      { line: 3, cells: ["two\nlines", "z"] },
      { line: 5, cells: ["last", "row"] },
    ]);
  });

  it("marks only the record with a stray quote, text after a quote, or an unclosed quote", () => {
    const records = tokenize('ok,1\nAnna "Nina",2\n"chiusa"dopo,3\n"aperta,4\nok,5', ",");
    expect(records.map((record) => [record.line, record.problem?.key ?? "ok"])).toEqual([
      [1, "ok"],
      [2, "csv:errors.strayQuote"],
      [3, "csv:errors.textAfterQuote"],
      [4, "csv:errors.unclosedQuote"],
      [5, "ok"],
    ]);
  });
});

describe("reading with a header", () => {
  it("accepts Italian and English names whatever the case, accents or spacing", () => {
    const result = read("Nome;Codice IPA\nComune di Forlì;c_d704\n");
    expect(result).toMatchObject({ ok: true, delimiter: ";", columns: ["name", "ipa_code"], rows: [{ line: 2, values: { name: "Comune di Forlì", ipa_code: "c_d704" } }] });
  });

  it("names what is missing, repeated and unknown (never a dash)", () => {
    const result = read("codice_ipa,ipa_code,colore\nx,y,z\n");
    expect(result).toEqual({
      ok: false,
      problem: {
        key: "csv:errors.header",
        parts: [
          { key: "csv:errors.headerMissing", values: { columns: "name / nome", count: 1 } },
          { key: "csv:errors.headerRepeated", values: { columns: "ipa_code / codice_ipa", count: 1 } },
          { key: "csv:errors.headerUnknown", values: { columns: '"colore"', count: 1 } },
        ],
      },
    });
  });

  it("reports formula cells with their column, including after spaces or a tab", () => {
    const result = read("name,ipa_code\n=1+1,ok\n  @SUM(A1),ok\nbene,\t-2\n");
    if (!result.ok) throw new Error("expected rows");
    expect(result.rows.map((row) => row.problems.map((problem) => `${problem.column}:${problem.values?.char}`))).toEqual([["name:\"=\""], ['name:"@"'], ['ipa_code:"\\t"']]);
  });

  it("enforces the row limit", () => {
    expect(read("name\n1\n2\n3\n4\n5\n6\n")).toEqual({ ok: false, problem: { key: "csv:errors.tooManyRows", values: { max: 5 } } });
    expect(read("name\n1\n2\n3\n4\n5\n")).toMatchObject({ ok: true });
  });

  it("skips blank lines but keeps real line numbers", () => {
    const result = read("name\n\nA\n,\nB\n");
    if (!result.ok) throw new Error("expected rows");
    expect(result.rows.map((row) => [row.line, row.values.name])).toEqual([
      [3, "A"],
      [5, "B"],
    ]);
  });
});

describe("an optional header", () => {
  it("reads rows in the columns' order when the first row names no column", () => {
    const result = read("Comune di Forlì,c_d704\n", { header: "optional" });
    expect(result).toMatchObject({ ok: true, rows: [{ line: 1, values: { name: "Comune di Forlì", ipa_code: "c_d704" } }] });
  });

  it("takes a first row for data when only an optional column's name appears in it (a person named like a header)", () => {
    const result = read("Comune di Prova,codice_ipa\n", { header: "optional" });
    expect(result).toMatchObject({ ok: true, rows: [{ line: 1, values: { name: "Comune di Prova", ipa_code: "codice_ipa" } }] });
  });

  it("takes a first row naming a required column for the header", () => {
    const result = read("codice_ipa,nome\nc_d704,Comune di Forlì\n", { header: "optional" });
    expect(result).toMatchObject({ ok: true, rows: [{ line: 2, values: { name: "Comune di Forlì", ipa_code: "c_d704" } }] });
  });
});
