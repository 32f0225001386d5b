// Inviting from a CSV file: a line-by-line report, nothing sent while any row is bad unless the
// person confirms the good rows only, hostile content refused, seats checked for the whole file.
import { db } from "~/lib/db.server.ts";
import * as adminImport from "~/routes/admin.invitations.import.tsx";
import * as organizationImport from "~/routes/organization.import.tsx";
import { call, formRequest, testContext } from "../helpers/requests.ts";
import { multipartRequest, organizationWithSeats, signedIn, uniqueEmail } from "./invitations-helpers.ts";

type Report = { rows: { line: number; email: string; name: string; problem?: { key: string; values?: Record<string, unknown> } }[]; good: number; bad: number; seatsProblem?: { key: string } };

function upload(route: typeof adminImport | typeof organizationImport, path: string, cookie: string, organizationId: string, content: string) {
  return call(route.action, multipartRequest(path, { organizationId }, { name: "persone.csv", content }, cookie), {}, testContext({ clientIp: "198.51.100.4" }));
}

const counts = async (organizationId: string) => ({
  invitations: await db.invitation.count({ where: { organizationId } }),
  emails: await db.outboxEmail.count({ where: { template: "invitation", toAddress: { contains: "@csv.example.it" } } }),
});

let admin: Awaited<ReturnType<typeof signedIn>>;
beforeAll(async () => {
  admin = await signedIn({ role: "ADMIN" });
});

describe("CSV invitations", () => {
  it("sends every invitation when all rows are good (semicolons, header, manager flag, BOM)", async () => {
    const organization = await organizationWithSeats(10);
    const a = uniqueEmail("a").replace("comune.example.it", "csv.example.it");
    const b = uniqueEmail("b").replace("comune.example.it", "csv.example.it");
    const before = await counts(organization.id);
    const response = await upload(adminImport, "/admin/invitations/import", admin.cookie, organization.id, `\uFEFFemail;nome;responsabile\r\n${a.toUpperCase()};Anna Bianchi;sì\r\n${b};"Rossi, Bruno";no\r\n`);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/admin/invitations");
    const invitations = await db.invitation.findMany({ where: { organizationId: organization.id }, orderBy: { email: "asc" } });
    expect(invitations.map((i) => [i.email, i.name, i.asManager])).toEqual([
      [a, "Anna Bianchi", true],
      [b, "Rossi, Bruno", false],
    ]);
    expect((await counts(organization.id)).emails - before.emails).toBe(2);
    expect(await db.auditLog.count({ where: { action: "invitation.create", ipAddress: "198.51.100.4", targetId: { in: invitations.map((i) => i.id) } } })).toBe(2);
  });

  it("carries each invitee's language from the file's language column into the email and the invitation", async () => {
    const organization = await organizationWithSeats(10);
    const en = uniqueEmail("en").replace("comune.example.it", "csv.example.it");
    const it = uniqueEmail("it").replace("comune.example.it", "csv.example.it");
    const response = await upload(adminImport, "/admin/invitations/import", admin.cookie, organization.id, `email,nome,lingua\n${en},Jane Doe,English\n${it},Anna Neri,\n`);
    expect(response.status).toBe(302);
    expect((await db.invitation.findFirstOrThrow({ where: { email: en } })).locale).toBe("en");
    expect((await db.invitation.findFirstOrThrow({ where: { email: it } })).locale).toBe("it");
    expect((await db.outboxEmail.findFirstOrThrow({ where: { toAddress: en } })).subject).toMatch(/^Invitation to CO-OP for /);
    expect((await db.outboxEmail.findFirstOrThrow({ where: { toAddress: it } })).subject).toMatch(/^Invito a CO-OP per /);
    // A language the platform does not speak is reported on its line; nothing is sent.
    const bad = await upload(adminImport, "/admin/invitations/import", admin.cookie, organization.id, `email,nome,lingua\n${uniqueEmail("fr")},Jean Dupont,fr\n`);
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { report: Report };
    expect(body.report.rows[0].problem?.key).toBe("invitations:csv.problems.languageInvalid");
  });

  it("reports malformed, duplicate, existing-account and hostile rows by line and sends nothing", async () => {
    const organization = await organizationWithSeats(10);
    const { user: existing } = await signedIn({ organizationId: organization.id });
    const good = uniqueEmail("ok").replace("comune.example.it", "csv.example.it");
    const good2 = uniqueEmail("ok2").replace("comune.example.it", "csv.example.it");
    const lines = [
      "email,name,manager",
      `${good},Giulia Verdi,no`, // 2 ok
      "non-una-email,Nome Qualsiasi,", // 3 invalid email
      `${good},Giulia Ancora,`, // 4 duplicate of 2
      `${existing.email},Esiste Già,`, // 5 existing account
      `${uniqueEmail("f")},"=HYPERLINK(""http://evil.example"",""clic"")",`, // 6 formula
      `${uniqueEmail("l")},${"L".repeat(5000)},`, // 7 very long field
      `${uniqueEmail("m")},Senza Flag,forse`, // 8 bad manager flag
      `${uniqueEmail("n")},,`, // 9 missing name
      `@cmd|' /C calc'!A0,Attacco,`, // 10 formula in the email column
      `${good2},Paolo Neri,1`, // 11 ok
    ];
    const before = await counts(organization.id);
    const response = await upload(adminImport, "/admin/invitations/import", admin.cookie, organization.id, lines.join("\n"));
    expect(response.status).toBe(400);
    const data = (await response.json()) as { kind: string; report: Report; csvText: string };
    expect(data.kind).toBe("report");
    const byLine = Object.fromEntries(data.report.rows.map((row) => [row.line, row.problem?.key ?? "ok"]));
    expect(byLine).toEqual({
      2: "ok",
      3: "invitations:csv.problems.emailInvalid",
      4: "invitations:csv.problems.duplicate",
      5: "invitations:errors.accountExists",
      6: "csv:errors.formula",
      7: "invitations:csv.problems.tooLong",
      8: "invitations:csv.problems.managerInvalid",
      9: "invitations:csv.problems.nameMissing",
      10: "csv:errors.formula",
      11: "ok",
    });
    expect(data.report.rows.find((row) => row.line === 4)?.problem?.values).toEqual({ line: 2 });
    expect(data.report.good).toBe(2);
    expect(data.report.bad).toBe(8);
    // The report shows long values shortened.
    expect(data.report.rows.find((row) => row.line === 7)!.name.length).toBeLessThanOrEqual(81);
    expect(await counts(organization.id)).toEqual(before);

    // Confirming "good rows only" sends exactly the two good rows, from the carried file text.
    const confirmed = await call(
      adminImport.action,
      formRequest("/admin/invitations/import", { organizationId: organization.id, goodRowsOnly: "true", csvText: data.csvText }, { cookie: admin.cookie }),
    );
    expect(confirmed.status).toBe(302);
    const invited = await db.invitation.findMany({ where: { organizationId: organization.id } });
    expect(invited.map((i) => i.email).sort()).toEqual([good, good2].sort());
    expect(invited.find((i) => i.email === good2)?.asManager).toBe(true);
    expect((await counts(organization.id)).emails - before.emails).toBe(2);
  });

  it("sends nothing when the good rows need more seats than remain, and says how many remain", async () => {
    const organization = await organizationWithSeats(2);
    const rows = [1, 2, 3].map((n) => `${uniqueEmail(`s${n}`)},Persona ${n},`).join("\n");
    const response = await upload(adminImport, "/admin/invitations/import", admin.cookie, organization.id, rows);
    expect(response.status).toBe(400);
    const { report } = (await response.json()) as { report: Report & { seatsProblem: { key: string; values: Record<string, number> } } };
    expect(report.seatsProblem).toEqual({ key: "invitations:errors.notEnoughSeats", values: { available: 2, needed: 3, seats: 2 } });
    expect(await db.invitation.count({ where: { organizationId: organization.id } })).toBe(0);
  });

  it("refuses unreadable, empty and oversized files with one clear message", async () => {
    const organization = await organizationWithSeats(5);
    // An unclosed quote sets aside its own line only; the next line is read normally.
    const unclosed = await upload(adminImport, "/admin/invitations/import", admin.cookie, organization.id, 'a@b.it,"non chiusa\nc@d.it,Ok\n');
    expect(unclosed.status).toBe(400);
    const rows = (await unclosed.json()).report.rows as Report["rows"];
    expect(rows.map((row) => [row.line, row.problem?.key ?? "ok"])).toEqual([
      [1, "csv:errors.unclosedQuote"],
      [2, "ok"],
    ]);

    const empty = await upload(adminImport, "/admin/invitations/import", admin.cookie, organization.id, "email,nome\n\n,,\n");
    expect((await empty.json()).report.fileProblem.key).toBe("csv:errors.noRows");

    const huge = await upload(adminImport, "/admin/invitations/import", admin.cookie, organization.id, `${"x".repeat(300 * 1024)}\n`);
    expect(huge.status).toBe(413);
    expect((await huge.json()).problem.key).toBe("uploads:errors.tooLarge");

    const noFile = await call(adminImport.action, multipartRequest("/admin/invitations/import", { organizationId: organization.id }, null, admin.cookie));
    expect((await noFile.json()).problem.key).toBe("invitations:csv.problems.noFile");
    expect(await db.invitation.count({ where: { organizationId: organization.id } })).toBe(0);
  });

  it("lets a manager import for their organization only", async () => {
    const own = await organizationWithSeats(5);
    const other = await organizationWithSeats(5);
    const manager = await signedIn({ organizationId: own.id, isOrganizationManager: true });
    const ok = await upload(organizationImport, "/organization/import", manager.cookie, own.id, `${uniqueEmail()},Collega Uno,`);
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe("/organization");
    expect(await db.invitation.count({ where: { organizationId: own.id } })).toBe(1);

    const refused = await upload(organizationImport, "/organization/import", manager.cookie, other.id, `${uniqueEmail()},Collega Due,`);
    expect(refused.status).toBe(403);
    expect(await db.invitation.count({ where: { organizationId: other.id } })).toBe(0);

    const member = await signedIn({ organizationId: own.id });
    expect((await upload(organizationImport, "/organization/import", member.cookie, own.id, `${uniqueEmail()},X Y,`)).status).toBe(403);
    expect((await upload(adminImport, "/admin/invitations/import", manager.cookie, own.id, `${uniqueEmail()},X Y,`)).status).toBe(403);
  });
});
