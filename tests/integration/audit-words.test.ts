// The activity log in words an administrator reads: every recorded action carries the client
// address it came from, and action codes and object types appear translated.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { db } from "~/lib/db.server.ts";
import { resources } from "~/lib/i18n/resources.ts";
import * as auditPage from "~/routes/admin.audit.tsx";
import { action as createOrganization } from "~/routes/admin.organizations.new.tsx";
import { action as editOrganization } from "~/routes/admin.organizations.$id.edit.tsx";
import { action as deleteOrganization } from "~/routes/admin.organizations.$id.delete.tsx";
import { action as createEnrolment } from "~/routes/admin.enrolments.new.tsx";
import { action as enrolmentDetail } from "~/routes/admin.enrolments.$id._index.tsx";
import { action as editEnrolment } from "~/routes/admin.enrolments.$id.edit.tsx";
import { action as upgradeEnrolment } from "~/routes/admin.enrolments.$id.upgrade.tsx";
import { action as cancelEnrolment } from "~/routes/admin.enrolments.$id.cancel.tsx";
import { romeDay, addDaysToDay } from "~/lib/dates.ts";
import { createUser, sessionCookieFor } from "../helpers/fixtures.ts";
import { call, formRequest, getRequest, testContext } from "../helpers/requests.ts";

const IP = "198.51.100.23";
let cookie: string;

beforeAll(async () => {
  cookie = await sessionCookieFor((await createUser({ role: "ADMIN", locale: "en" })).id);
});

async function post(fn: Parameters<typeof call>[0], pathname: string, fields: Record<string, string>, id?: string) {
  const response = await call(fn, formRequest(pathname, fields, { cookie }), id ? { id } : {}, testContext({ clientIp: IP }));
  expect(response.status, `${pathname}: ${await response.clone().text()}`).toBe(302);
}

describe("client address in the activity log", () => {
  it("is recorded for organization and enrolment actions", async () => {
    await post(createOrganization, "/admin/organizations/new", { name: "Comune del Registro", kind: "MUNICIPALITY", ipaCode: "c_reg1", province: "TN" });
    const town = await db.organization.findFirstOrThrow({ where: { ipaCode: "c_reg1" } });
    await post(editOrganization, `/admin/organizations/${town.id}/edit`, { name: "Comune del Registro Nuovo", kind: "MUNICIPALITY", ipaCode: "c_reg1", province: "TN" }, town.id);

    const today = romeDay(new Date());
    await post(createEnrolment, "/admin/enrolments/new", { organizationId: town.id, kit: "BASIC", startsOn: today, seats: "5" });
    const enrolment = await db.enrolment.findFirstOrThrow({ where: { organizationId: town.id } });
    await post(enrolmentDetail, `/admin/enrolments/${enrolment.id}`, { intent: "service", service: "OpenCity", status: "REQUESTED" }, enrolment.id);
    await post(editEnrolment, `/admin/enrolments/${enrolment.id}/edit`, { startsOn: today, endsOn: addDaysToDay(today, 60), seats: "6" }, enrolment.id);
    await post(upgradeEnrolment, `/admin/enrolments/${enrolment.id}/upgrade`, { kit: "PLUS", seats: "6" }, enrolment.id);
    const upgraded = await db.enrolment.findFirstOrThrow({ where: { organizationId: town.id, status: "ACTIVE" } });
    await post(cancelEnrolment, `/admin/enrolments/${upgraded.id}/cancel`, { reason: "Prova del registro" }, upgraded.id);

    const other = await db.organization.create({ data: { name: "Comune da Eliminare", kind: "MUNICIPALITY" } });
    await post(deleteOrganization, `/admin/organizations/${other.id}/delete`, {}, other.id);

    const rows = await db.auditLog.findMany({ where: { OR: [{ targetId: { in: [town.id, other.id, enrolment.id, upgraded.id] } }, { action: "enrolment.upgrade" }] } });
    const actions = new Set(rows.map((row) => row.action));
    for (const action of ["organization.create", "organization.update", "organization.delete", "enrolment.create", "enrolment.service", "enrolment.update", "enrolment.upgrade", "enrolment.cancel"]) {
      expect(actions, action).toContain(action);
    }
    expect(rows.filter((row) => row.ipAddress !== IP).map((row) => row.action)).toEqual([]);
  });
});

describe("translated activity log", () => {
  it("every action code the app records has words in Italian and English", () => {
    const root = path.resolve(import.meta.dirname, "../../app/modules");
    const codes = new Set<string>();
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (readFileSync(full, "utf8").includes("recordAudit(")) for (const match of readFileSync(full, "utf8").matchAll(/action: (?:[^"\n]*\? )?"([a-z-]+\.[a-z_]+)"(?: : "([a-z-]+\.[a-z_]+)")?/g)) for (const code of match.slice(1)) if (code) codes.add(code);
      }
    };
    walk(root);
    expect(codes.size).toBeGreaterThan(15);
    for (const language of ["it", "en"] as const) {
      const actions = resources[language].audit.actions as Record<string, Record<string, string>>;
      const missing = [...codes].filter((code) => !actions[code.split(".")[0]]?.[code.split(".")[1]]);
      expect(missing, language).toEqual([]);
    }
  });

  it("the page names actions and object types in words, and shows the address", async () => {
    await post(createOrganization, "/admin/organizations/new", { name: "Comune Parlante", kind: "MUNICIPALITY", ipaCode: "c_parl", province: "TN" });
    const response = await call(auditPage.loader, getRequest("/admin/audit?q=Comune%20Parlante", { cookie }));
    const data = (await response.json()) as { entries: { action: string; targetType: string; ipAddress: string }[]; targetTypes: string[] };
    expect(data.entries[0]).toMatchObject({ action: "organization.create", targetType: "Organization", ipAddress: IP });
    const t = resources.en.audit;
    expect(t.actions.organization.create).toBe("Organization created");
    expect(t.targets.Organization).toBe("Organization");
    expect(resources.it.audit.actions.organization.create).toBe("Nuova organizzazione");
  });
});
