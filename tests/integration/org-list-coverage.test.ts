// The organizations list shows, for a municipality without its own enrolment, the union's
// enrolment that covers it ("PLUS (attiva, tramite Unione …)") instead of "—".
import { db } from "~/lib/db.server.ts";
import { loader as listLoader } from "~/routes/admin.organizations._index.tsx";
import { i18nFor } from "~/lib/i18n/i18n.ts";
import { createUser, sessionCookieFor } from "../helpers/fixtures.ts";
import { call, getRequest } from "../helpers/requests.ts";

const DAY = 24 * 60 * 60 * 1000;

type Row = { name: string; kits: { kit: string; status: string; via: string | null }[] };

it("lists the covering enrolment of a union's municipality, and the own one of the others", async () => {
  const cookie = await sessionCookieFor((await createUser({ role: "TUTOR" })).id);
  const union = await db.organization.create({ data: { name: "Unione Copertura Prova", kind: "UNION" } });
  await db.organization.create({ data: { name: "Comune Copertura Coperto", kind: "MUNICIPALITY", parentId: union.id } });
  const own = await db.organization.create({ data: { name: "Comune Copertura Proprio", kind: "MUNICIPALITY", parentId: union.id } });
  await db.organization.create({ data: { name: "Comune Copertura Scoperto", kind: "MUNICIPALITY" } });
  const window = { startsAt: new Date(Date.now() - DAY), endsAt: new Date(Date.now() + 90 * DAY), seats: 10 };
  await db.enrolment.create({ data: { organizationId: union.id, kit: "PLUS", status: "ACTIVE", ...window } });
  await db.enrolment.create({ data: { organizationId: own.id, kit: "BASIC", status: "ACTIVE", ...window } });

  const response = await call(listLoader, getRequest("/admin/organizations?q=Copertura", { cookie }));
  expect(response.status).toBe(200);
  const rows = new Map(((await response.json()) as { organizations: Row[] }).organizations.map((row) => [row.name, row.kits]));
  expect(rows.get("Comune Copertura Coperto")).toEqual([{ kit: "PLUS", status: "ACTIVE", via: "Unione Copertura Prova" }]);
  expect(rows.get("Comune Copertura Proprio")).toEqual([{ kit: "BASIC", status: "ACTIVE", via: null }]);
  expect(rows.get("Comune Copertura Scoperto")).toEqual([]);
  expect(i18nFor("it").t("org:list.kitVia", { kit: "PLUS", status: "attiva", via: "Unione Copertura Prova" })).toBe("PLUS (attiva, tramite Unione Copertura Prova)");
});
