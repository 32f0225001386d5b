// Organization pages: who may use them, create/edit with the one-level hierarchy, search and
// pagination, and deletion refused (with the reason) while something depends on the organization.
import { db } from "~/lib/db.server.ts";
import { loader as listLoader } from "~/routes/admin.organizations._index.tsx";
import { action as createAction, loader as newLoader } from "~/routes/admin.organizations.new.tsx";
import { action as editAction } from "~/routes/admin.organizations.$id.edit.tsx";
import { action as deleteAction, loader as deleteLoader } from "~/routes/admin.organizations.$id.delete.tsx";
import { loader as detailLoader } from "~/routes/admin.organizations.$id._index.tsx";
import { createUser, sessionCookieFor } from "../helpers/fixtures.ts";
import { call, formRequest, getRequest } from "../helpers/requests.ts";

let adminCookie: string;
let tutorCookie: string;
let memberCookie: string;

beforeAll(async () => {
  const admin = await createUser({ role: "ADMIN" });
  const tutor = await createUser({ role: "TUTOR" });
  const member = await createUser({ role: "MEMBER" });
  [adminCookie, tutorCookie, memberCookie] = await Promise.all([sessionCookieFor(admin.id), sessionCookieFor(tutor.id), sessionCookieFor(member.id)]);
});

const valid = { name: "Comune di Lavis", kind: "MUNICIPALITY", ipaCode: "C_E500", taxCode: "00245720223", province: "tn", contactName: "Mario Rossi", contactEmail: "Mario.Rossi@Comune.Lavis.TN.it", contactPhone: "+39 0461 248111" };

describe("access", () => {
  it("admins and tutors read; only admins change; members and visitors are kept out", async () => {
    expect((await call(listLoader, getRequest("/admin/organizations", { cookie: adminCookie }))).status).toBe(200);
    expect((await call(listLoader, getRequest("/admin/organizations", { cookie: tutorCookie }))).status).toBe(200);
    expect((await call(listLoader, getRequest("/admin/organizations", { cookie: memberCookie }))).status).toBe(403);
    const visitor = await call(listLoader, getRequest("/admin/organizations"));
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("location")).toContain("/login");
    expect((await call(newLoader, getRequest("/admin/organizations/new", { cookie: tutorCookie }))).status).toBe(403);
    const before = await db.organization.count();
    expect((await call(createAction, formRequest("/admin/organizations/new", valid, { cookie: tutorCookie }))).status).toBe(403);
    expect(await db.organization.count()).toBe(before);
  });
});

describe("create and edit", () => {
  it("creates an organization with normalised codes and records it in the audit log", async () => {
    const response = await call(createAction, formRequest("/admin/organizations/new", valid, { cookie: adminCookie }));
    expect(response.status).toBe(302);
    const created = await db.organization.findUniqueOrThrow({ where: { ipaCode: "c_e500" } });
    expect(created).toMatchObject({ name: "Comune di Lavis", province: "TN", contactEmail: "mario.rossi@comune.lavis.tn.it" });
    expect(response.headers.get("location")).toBe(`/admin/organizations/${created.id}`);
    expect(await db.auditLog.count({ where: { action: "organization.create", targetId: created.id } })).toBe(1);
  });

  it("bad input gets field errors and keeps what was typed", async () => {
    const response = await call(
      createAction,
      formRequest("/admin/organizations/new", { ...valid, name: "", kind: "CITY", ipaCode: "c e500", province: "Trento", contactEmail: "not-an-email", taxCode: "123" }, { cookie: adminCookie }),
    );
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(Object.keys(body.fieldErrors).sort()).toEqual(["contactEmail", "ipaCode", "kind", "name", "province", "taxCode"]);
    expect(body.values.province).toBe("Trento");
  });

  it("refuses an IPA code already in use, on the field", async () => {
    const response = await call(createAction, formRequest("/admin/organizations/new", { ...valid, name: "Doppione" }, { cookie: adminCookie }));
    expect(response.status).toBe(400);
    expect((await response.json()).fieldErrors.ipaCode[0]).toMatch(/^org:errors\.ipaTaken/);
  });

  it("keeps the hierarchy one level deep: no municipality parents, no grandchildren, no self-parent", async () => {
    const union = await db.organization.create({ data: { name: "Unione Rotaliana", kind: "UNION" } });
    const town = await db.organization.create({ data: { name: "Comune di Mezzocorona", kind: "MUNICIPALITY", parentId: union.id } });
    const lone = await db.organization.create({ data: { name: "Comune di Zambana", kind: "MUNICIPALITY" } });
    const community = await db.organization.create({ data: { name: "Comunità Rotaliana", kind: "VALLEY_COMMUNITY" } });
    const edit = (id: string, fields: Record<string, string>) => call(editAction, formRequest(`/admin/organizations/${id}/edit`, fields, { cookie: adminCookie }), { id });
    const errorOf = async (response: Response) => (await response.json()).fieldErrors;

    // A municipality cannot be a parent.
    let response = await call(createAction, formRequest("/admin/organizations/new", { name: "Frazione", kind: "OTHER", parentId: lone.id }, { cookie: adminCookie }));
    expect(response.status).toBe(400);
    expect((await errorOf(response)).parentId[0]).toMatch(/^org:errors\.parentIsMunicipality/);
    // A member of a union cannot itself have members.
    response = await call(createAction, formRequest("/admin/organizations/new", { name: "Sotto-ente", kind: "OTHER", parentId: town.id }, { cookie: adminCookie }));
    expect((await errorOf(response)).parentId[0]).toMatch(/^org:errors\.parentIsChild/);
    // An organization with members cannot join a parent (that would make a cycle or a second level).
    response = await edit(union.id, { name: union.name, kind: "UNION", parentId: community.id });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).parentId[0]).toMatch(/^org:errors\.parentHasChildren/);
    response = await edit(community.id, { name: community.name, kind: "VALLEY_COMMUNITY", parentId: community.id });
    expect((await errorOf(response)).parentId[0]).toBe("org:errors.parentSelf");
    // A union with members cannot become a municipality.
    response = await edit(union.id, { name: union.name, kind: "MUNICIPALITY" });
    expect((await errorOf(response)).kind[0]).toMatch(/^org:errors\.kindWithChildren/);
    // A valid move: Zambana joins the valley community.
    response = await edit(lone.id, { name: lone.name, kind: "MUNICIPALITY", parentId: community.id });
    expect(response.status).toBe(302);
    expect((await db.organization.findUniqueOrThrow({ where: { id: lone.id } })).parentId).toBe(community.id);
    expect(await db.organization.findUniqueOrThrow({ where: { id: union.id } })).toMatchObject({ parentId: null, kind: "UNION" });
  });
});

describe("list", () => {
  it("searches by name, IPA code or province and pages through 25 at a time", async () => {
    await db.organization.createMany({
      data: Array.from({ length: 30 }, (_, i) => ({ name: `Comune Paginato ${String(i).padStart(2, "0")}`, kind: "MUNICIPALITY" as const, ipaCode: `pag_${i}`, province: "BZ" })),
    });
    const page = async (query: string) => (await call(listLoader, getRequest(`/admin/organizations?${query}`, { cookie: adminCookie }))).json();
    const first = await page("q=paginato");
    expect(first.total).toBe(30);
    expect(first.organizations).toHaveLength(25);
    const second = await page("q=PAGINATO&page=2");
    expect(second.organizations.map((o: { name: string }) => o.name)).toEqual(["Comune Paginato 25", "Comune Paginato 26", "Comune Paginato 27", "Comune Paginato 28", "Comune Paginato 29"]);
    expect((await page("q=pag_7")).organizations.map((o: { name: string }) => o.name)).toEqual(["Comune Paginato 07"]);
    expect((await page("q=bz")).total).toBe(30);
    // A page past the end shows the last page instead of an empty one.
    expect((await page("q=paginato&page=99")).page).toBe(2);
  });
});

describe("delete", () => {
  const remove = (id: string) => call(deleteAction, formRequest(`/admin/organizations/${id}/delete`, {}, { cookie: adminCookie }), { id });

  it("is refused while the organization has members, member organizations or enrolments, and says which", async () => {
    const union = await db.organization.create({ data: { name: "Unione Da Non Eliminare", kind: "UNION" } });
    await db.organization.create({ data: { name: "Comune Figlio", kind: "MUNICIPALITY", parentId: union.id } });
    const withMember = await db.organization.create({ data: { name: "Comune Con Persone", kind: "MUNICIPALITY" } });
    await createUser({ organizationId: withMember.id });
    const withEnrolment = await db.organization.create({ data: { name: "Comune Iscritto", kind: "MUNICIPALITY" } });
    await db.enrolment.create({ data: { organizationId: withEnrolment.id, kit: "BASIC", status: "CANCELLED", startsAt: new Date(), endsAt: new Date(Date.now() + 86400_000), seats: 1, cancelReason: "prova" } });

    for (const [organization, expected] of [
      [union, { members: 0, children: 1, enrolments: 0 }],
      [withMember, { members: 1, children: 0, enrolments: 0 }],
      [withEnrolment, { members: 0, children: 0, enrolments: 1 }],
    ] as const) {
      const page = await (await call(deleteLoader, getRequest(`/admin/organizations/${organization.id}/delete`, { cookie: adminCookie }), { id: organization.id })).json();
      expect(page.blockers).toMatchObject({ ...expected, blocked: true });
      const response = await remove(organization.id);
      expect(response.status).toBe(409);
      expect(await response.json()).toEqual({ error: { key: "org:errors.deleteBlocked", values: expected } });
      expect(await db.organization.findUnique({ where: { id: organization.id } })).not.toBeNull();
    }
  });

  it("deletes an organization nothing depends on, with its unusable invitations, and audits it", async () => {
    const organization = await db.organization.create({ data: { name: "Comune Vuoto", kind: "MUNICIPALITY" } });
    await db.invitation.create({ data: { email: "x@comunevuoto.example.it", organizationId: organization.id, tokenHash: "hash-vuoto", expiresAt: new Date(Date.now() + 86400_000) } });
    const response = await remove(organization.id);
    expect(response.status).toBe(302);
    expect(await db.organization.findUnique({ where: { id: organization.id } })).toBeNull();
    expect(await db.invitation.count({ where: { tokenHash: "hash-vuoto" } })).toBe(0);
    expect(await db.auditLog.count({ where: { action: "organization.delete", targetId: organization.id } })).toBe(1);
  });

  it("tutors cannot delete", async () => {
    const organization = await db.organization.create({ data: { name: "Comune Protetto", kind: "MUNICIPALITY" } });
    const response = await call(deleteAction, formRequest(`/admin/organizations/${organization.id}/delete`, {}, { cookie: tutorCookie }), { id: organization.id });
    expect(response.status).toBe(403);
    expect(await db.organization.findUnique({ where: { id: organization.id } })).not.toBeNull();
  });
});

describe("detail", () => {
  it("shows members, member organizations, enrolments and the shared seats", async () => {
    const union = await db.organization.create({ data: { name: "Unione Dettaglio", kind: "UNION" } });
    const town = await db.organization.create({ data: { name: "Comune Dettaglio", kind: "MUNICIPALITY", parentId: union.id } });
    await db.enrolment.create({ data: { organizationId: union.id, kit: "PLUS", status: "ACTIVE", startsAt: new Date(Date.now() - 86400_000), endsAt: new Date(Date.now() + 90 * 86400_000), seats: 7 } });
    await createUser({ organizationId: union.id, isOrganizationManager: true });
    await createUser({ organizationId: town.id });
    const data = await (await call(detailLoader, getRequest(`/admin/organizations/${town.id}`, { cookie: tutorCookie }), { id: town.id })).json();
    expect(data.organization.parent.name).toBe("Unione Dettaglio");
    expect(data.seats).toMatchObject({ seats: 7, used: 2, available: 5, poolOrganizationId: union.id });
    expect(data.canManage).toBe(false);
    const unionData = await (await call(detailLoader, getRequest(`/admin/organizations/${union.id}`, { cookie: adminCookie }), { id: union.id })).json();
    expect(unionData.organization.children.map((c: { name: string }) => c.name)).toEqual(["Comune Dettaglio"]);
    expect(unionData.organization.enrolments).toHaveLength(1);
    expect(unionData.organization.members).toHaveLength(1);
  });
});
