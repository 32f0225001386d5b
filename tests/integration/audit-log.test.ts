// The activity log: admin and manager actions are recorded (who, what, on what, when, IP) and
// the admin view finds them by text, author, object type and days in Rome time, newest first.
import { db } from "~/lib/db.server.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { romeDayEnd, romeDayStart } from "~/lib/dates.ts";
import * as auditPage from "~/routes/admin.audit.tsx";
import * as adminNewUser from "~/routes/admin.users.new.tsx";
import * as userDetail from "~/routes/admin.users.$userId.tsx";
import { call, formRequest, getRequest, testContext } from "../helpers/requests.ts";
import { organizationWithSeats, signedIn, uniqueEmail } from "./invitations-helpers.ts";

type Entry = { action: string; summary: string; targetType: string | null; targetId: string | null; ipAddress: string | null; createdAt: string; actor: { email: string } | null };

let admin: Awaited<ReturnType<typeof signedIn>>;
beforeAll(async () => {
  admin = await signedIn({ role: "ADMIN", name: "Ottavia Osservatrice" });
});

async function search(query: string, cookie = admin.cookie) {
  const response = await call(auditPage.loader, getRequest(`/admin/audit${query}`, { cookie }));
  expect(response.status).toBe(200);
  return (await response.json()) as { entries: Entry[]; total: number; page: number; pageCount: number; targetTypes: string[] };
}

describe("audit log", () => {
  it("records who did what to what, with the IP, and finds it by text, author and type", async () => {
    const organization = await organizationWithSeats(3);
    const email = uniqueEmail("registro");
    const context = testContext({ clientIp: "203.0.113.200" });
    await call(adminNewUser.action, formRequest("/admin/users/new", { name: "Rita Registro", email, role: "MEMBER", organizationId: organization.id }, { cookie: admin.cookie }), {}, context);
    const { user: target } = await signedIn({ email: uniqueEmail("bersaglio") });
    await call(userDetail.action, formRequest(`/admin/users/${target.id}`, { intent: "disable" }, { cookie: admin.cookie }), { userId: target.id }, context);

    const byEmail = await search(`?q=${encodeURIComponent(email)}`);
    expect(byEmail.entries).toHaveLength(1);
    expect(byEmail.entries[0]).toMatchObject({ action: "invitation.create", targetType: "Invitation", ipAddress: "203.0.113.200", actor: { email: admin.user.email } });
    expect(byEmail.entries[0].summary).toContain(organization.name);

    const byAction = await search(`?q=user.disable`);
    expect(byAction.entries.some((entry) => entry.targetId === target.id)).toBe(true);

    const byActor = await search(`?actor=ottavia&targetType=User`);
    expect(byActor.entries.map((entry) => entry.action)).toEqual(["user.disable"]);
    expect(byActor.targetTypes).toEqual(expect.arrayContaining(["Invitation", "User"]));

    expect((await search(`?actor=nessuno-con-questo-nome`)).total).toBe(0);
  });

  it("filters by days in Rome time and lists newest first, a page at a time", async () => {
    const tag = `giorno-${Date.now()}`;
    // 3 March 2026 starts at 23:00 UTC on 2 March (CET, UTC+1).
    const at = (iso: string, label: string) => db.auditLog.create({ data: { actorId: null, action: "test.dated", summary: `${tag} ${label}`, createdAt: new Date(iso) } });
    await at("2026-03-02T22:30:00Z", "late-2-march-rome");
    await at("2026-03-02T23:30:00Z", "early-3-march-rome");
    await at("2026-03-03T22:59:00Z", "late-3-march-rome");
    await at("2026-03-03T23:01:00Z", "early-4-march-rome");

    const third = await search(`?q=${tag}&from=2026-03-03&to=2026-03-03`);
    expect(third.entries.map((entry) => entry.summary)).toEqual([`${tag} late-3-march-rome`, `${tag} early-3-march-rome`]);
    expect(third.entries[0].actor).toBeNull();
    expect((await search(`?q=${tag}&from=2026-03-04`)).total).toBe(1);
    expect((await search(`?q=${tag}&to=2026-03-02`)).total).toBe(1);
    // An impossible date is ignored rather than failing.
    expect((await search(`?q=${tag}&from=2026-02-31`)).total).toBe(4);

    // Summer time: 1 August starts at 22:00 UTC on 31 July (CEST, UTC+2).
    expect(romeDayStart("2026-08-01").toISOString()).toBe("2026-07-31T22:00:00.000Z");
    expect(romeDayEnd("2026-03-28").toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(romeDayEnd("2026-03-29").toISOString()).toBe("2026-03-29T22:00:00.000Z");

    const pageTag = `pagina-${Date.now()}`;
    const base = Date.UTC(2026, 0, 10, 9, 0);
    for (let n = 0; n < 55; n++) {
      await recordAudit({ actorId: admin.user.id, action: "test.page", summary: `${pageTag} ${String(n).padStart(2, "0")}` });
      await db.auditLog.updateMany({ where: { summary: `${pageTag} ${String(n).padStart(2, "0")}` }, data: { createdAt: new Date(base + n * 60_000) } });
    }
    const first = await search(`?q=${pageTag}`);
    expect(first).toMatchObject({ total: 55, page: 1, pageCount: 2 });
    expect(first.entries).toHaveLength(50);
    expect(first.entries[0].summary).toBe(`${pageTag} 54`);
    const second = await search(`?q=${pageTag}&page=2`);
    expect(second.entries.map((entry) => entry.summary)).toEqual([4, 3, 2, 1, 0].map((n) => `${pageTag} 0${n}`));
  });

  it("is for admins only", async () => {
    const tutor = await signedIn({ role: "TUTOR" });
    const manager = await signedIn({ organizationId: (await organizationWithSeats(1)).id, isOrganizationManager: true });
    expect((await call(auditPage.loader, getRequest("/admin/audit", { cookie: tutor.cookie }))).status).toBe(403);
    expect((await call(auditPage.loader, getRequest("/admin/audit", { cookie: manager.cookie }))).status).toBe(403);
    expect((await call(auditPage.loader, getRequest("/admin/audit"))).status).toBe(302);
  });
});
