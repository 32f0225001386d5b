// The admin's dashboard over a region-sized list of organizations (1,200: past Prisma's limit of
// 999 bound values on SQLite): the kits are read without a list of the organizations' ids.
import { db } from "~/lib/db.server.ts";
import { loader as pageLoader } from "~/routes/monitoring._index.tsx";
import { createUser, sessionCookieFor } from "../helpers/fixtures.ts";
import { call, getRequest } from "../helpers/requests.ts";

const DAY = 24 * 3600_000;

describe("the admin's dashboard over 1,200 organizations", () => {
  it("answers with every organization and the kit each is enrolled in", async () => {
    const now = Date.now();
    await db.organization.createMany({ data: Array.from({ length: 1_200 }, (_, i) => ({ id: `region-${String(i).padStart(4, "0")}`, name: `Comune della regione ${i}`, kind: "MUNICIPALITY" as const })) });
    await db.enrolment.create({ data: { organizationId: "region-0007", kit: "PLUS", status: "ACTIVE", startsAt: new Date(now - 10 * DAY), endsAt: new Date(now + 100 * DAY), seats: 10 } });
    const admin = await createUser({ role: "ADMIN" });
    const response = await call(pageLoader, getRequest("/monitoring?preset=last12", { cookie: await sessionCookieFor(admin.id) }));
    expect(response.status).toBe(200);
    const { data } = (await response.json()) as { data: { organizations: { organizationId: string; kit: string | null }[] } };
    expect(data.organizations.filter((o) => o.organizationId.startsWith("region-"))).toHaveLength(1_200);
    expect(data.organizations.find((o) => o.organizationId === "region-0007")?.kit).toBe("PLUS");
    expect(data.organizations.find((o) => o.organizationId === "region-0008")?.kit).toBeNull();
  });

  it("filtered by a kit that 1,100 of them have", async () => {
    const now = Date.now();
    await db.enrolment.createMany({ data: Array.from({ length: 1_100 }, (_, i) => ({ organizationId: `region-${String(i + 100).padStart(4, "0")}`, kit: "BASIC" as const, status: "ACTIVE" as const, startsAt: new Date(now - 10 * DAY), endsAt: new Date(now + 100 * DAY), seats: 10 })) });
    const admin = await createUser({ role: "ADMIN" });
    const response = await call(pageLoader, getRequest("/monitoring?preset=last12&kit=BASIC", { cookie: await sessionCookieFor(admin.id) }));
    expect(response.status).toBe(200);
    const { data } = (await response.json()) as { data: { organizations: { organizationId: string; people: number }[] } };
    expect(data.organizations).toHaveLength(1_100);
  });
});
