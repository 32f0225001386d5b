// Admin pages for accounts: list with search, filters and pages; edit; disable (sessions end at
// once, sign-in refused) and re-enable; the rules that keep an active admin.
import { db } from "~/lib/db.server.ts";
import { can } from "~/modules/access/policy.ts";
import { adminSections } from "~/modules/admin/sections.ts";
import { getCurrentSession } from "~/modules/auth/current-user.server.ts";
import * as adminHome from "~/routes/admin._index.tsx";
import * as userDetail from "~/routes/admin.users.$userId.tsx";
import * as usersList from "~/routes/admin.users._index.tsx";
import * as login from "~/routes/login.tsx";
import { TEST_PASSWORD } from "../helpers/fixtures.ts";
import { call, formRequest, getRequest, testContext } from "../helpers/requests.ts";
import { organizationWithSeats, signedIn, uniqueEmail } from "./invitations-helpers.ts";

const ip = "192.0.2.44";
let admin: Awaited<ReturnType<typeof signedIn>>;
beforeAll(async () => {
  admin = await signedIn({ role: "ADMIN", name: "Amelia Admin" });
});

const post = (userId: string, fields: Record<string, string>, cookie = admin.cookie) =>
  call(userDetail.action, formRequest(`/admin/users/${userId}`, fields, { cookie }), { userId }, testContext({ clientIp: ip }));

const list = async (query: string, cookie = admin.cookie) => {
  const response = await call(usersList.loader, getRequest(`/admin/users${query}`, { cookie }));
  expect(response.status).toBe(200);
  return response.json();
};

describe("the users list", () => {
  it("finds people by name or email, filters by role, organization and status, and pages", async () => {
    const organization = await organizationWithSeats(0, { name: "Comune di Elenco" });
    const tag = `zeta${Date.now()}`;
    await signedIn({ name: `Beatrice ${tag}`, organizationId: organization.id });
    await signedIn({ name: "Carlo Qualunque", email: `carlo.${tag}@comune.example.it`, role: "TUTOR" });
    await signedIn({ name: `Dario ${tag}`, organizationId: organization.id, disabledAt: new Date() });

    expect((await list(`?q=${tag}`)).total).toBe(3);
    expect((await list(`?q=${tag.toUpperCase()}`)).total).toBe(3);
    expect((await list(`?q=${tag}&role=TUTOR`)).users.map((u: { name: string }) => u.name)).toEqual(["Carlo Qualunque"]);
    expect((await list(`?q=${tag}&organizationId=${organization.id}`)).total).toBe(2);
    expect((await list(`?q=${tag}&status=disabled`)).users.map((u: { name: string }) => u.name)).toEqual([`Dario ${tag}`]);
    expect((await list(`?q=${tag}&status=active`)).total).toBe(2);
    // Nonsense filters are ignored, not an error.
    expect((await list(`?q=${tag}&role=KING&status=maybe&page=-4`)).total).toBe(3);

    const pageTag = `pag${Date.now()}`;
    for (let n = 0; n < 27; n++) await db.user.create({ data: { email: `p${n}.${pageTag}@comune.example.it`, name: `Pagina ${String(n).padStart(2, "0")} ${pageTag}` } });
    const first = await list(`?q=${pageTag}`);
    const second = await list(`?q=${pageTag}&page=2`);
    expect(first).toMatchObject({ total: 27, page: 1, pageCount: 2 });
    expect(first.users).toHaveLength(25);
    expect(second.users.map((u: { name: string }) => u.name)).toEqual([`Pagina 25 ${pageTag}`, `Pagina 26 ${pageTag}`]);
  });

  it("is for admins only; /admin lists the sections of the role", async () => {
    const tutor = await signedIn({ role: "TUTOR" });
    const member = await signedIn();
    expect((await call(usersList.loader, getRequest("/admin/users", { cookie: tutor.cookie }))).status).toBe(403);
    expect((await call(usersList.loader, getRequest("/admin/users", { cookie: member.cookie }))).status).toBe(403);
    expect((await call(usersList.loader, getRequest("/admin/users"))).status).toBe(302);
    const home = await call(adminHome.loader, getRequest("/admin", { cookie: admin.cookie }));
    const sections = (await home.json()).sections.map((s: { to: string }) => s.to);
    expect(sections).toEqual(expect.arrayContaining(["/admin/users", "/admin/invitations", "/admin/audit"]));
    expect((await call(adminHome.loader, getRequest("/admin", { cookie: member.cookie }))).status).toBe(403);
    // Tutors see only the sections meant for them (403 when there are none).
    const tutorSections = adminSections.filter((section) => can(tutor.user, section.action).allowed).map((section) => section.to);
    expect(tutorSections).toEqual(["/admin/organizations", "/admin/enrolments", "/admin/pathways"]);
    const tutorHome = await call(adminHome.loader, getRequest("/admin", { cookie: tutor.cookie }));
    expect(tutorHome.status).toBe(tutorSections.length ? 200 : 403);
    if (tutorSections.length) expect((await tutorHome.json()).sections.map((s: { to: string }) => s.to)).toEqual(tutorSections);
  });
});

describe("editing an account", () => {
  it("changes name, job title, role, organization and manager flag, and records it", async () => {
    const organization = await organizationWithSeats(0);
    const { user } = await signedIn({ role: "TUTOR" });
    const response = await post(user.id, { intent: "update", name: "Nuovo Nome", jobTitle: "Segretario comunale", role: "MEMBER", organizationId: organization.id, isOrganizationManager: "on" });
    expect(response.status).toBe(302);
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      name: "Nuovo Nome", jobTitle: "Segretario comunale", role: "MEMBER", organizationId: organization.id, isOrganizationManager: true,
    });
    const entry = await db.auditLog.findFirstOrThrow({ where: { targetId: user.id, action: "user.role_change" } });
    expect(entry).toMatchObject({ actorId: admin.user.id, targetType: "User", ipAddress: ip });
    expect(entry.summary).toContain("da TUTOR a MEMBER");
  });

  it("keeps the values and explains when a member has no organization", async () => {
    const { user } = await signedIn({ role: "TUTOR" });
    const response = await post(user.id, { intent: "update", name: "Tizio", role: "MEMBER", organizationId: "" });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.fieldErrors.organizationId).toEqual(["users:errors.organizationRequired"]);
    expect(body.values.name).toBe("Tizio");
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe("TUTOR");
  });

  it("answers 404 for an unknown account", async () => {
    expect((await call(userDetail.loader, getRequest("/admin/users/nope", { cookie: admin.cookie }), { userId: "nope" })).status).toBe(404);
    expect((await post("nope", { intent: "disable" })).status).toBe(404);
  });
});

describe("disabling and re-enabling", () => {
  it("ends the person's sessions at once and refuses sign-in until re-enabled", async () => {
    const email = uniqueEmail("disattivato");
    const member = await signedIn({ email });
    const second = await signedIn({ email: uniqueEmail() });
    expect(await getCurrentSession(getRequest("/", { cookie: member.cookie }))).not.toBeNull();

    const disabled = await post(member.user.id, { intent: "disable" });
    expect(disabled.status).toBe(302);
    expect(await getCurrentSession(getRequest("/", { cookie: member.cookie }))).toBeNull();
    expect(await db.session.count({ where: { userId: member.user.id } })).toBe(0);
    // Other people's sessions are untouched.
    expect(await getCurrentSession(getRequest("/", { cookie: second.cookie }))).not.toBeNull();

    const signIn = await call(login.action, formRequest("/login", { email, password: TEST_PASSWORD, redirectTo: "/" }), {}, testContext({ clientIp: "10.9.9.9" }));
    expect(signIn.status).toBe(401);
    expect((await signIn.json()).formError).toBe("auth:login.disabled");

    const enabled = await post(member.user.id, { intent: "enable" });
    expect(enabled.status).toBe(302);
    const again = await call(login.action, formRequest("/login", { email, password: TEST_PASSWORD, redirectTo: "/" }), {}, testContext({ clientIp: "10.9.9.10" }));
    expect(again.status).toBe(302);

    const actions = (await db.auditLog.findMany({ where: { targetId: member.user.id }, orderBy: { createdAt: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["user.disable", "user.enable"]));
  });

  it("an admin cannot disable themselves", async () => {
    const response = await post(admin.user.id, { intent: "disable" });
    expect(response.status).toBe(409);
    expect((await response.json()).formError).toBe("users:errors.cannotDisableSelf");
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.user.id } })).disabledAt).toBeNull();
  });

  it("the last active admin cannot be demoted, and disabled admins do not count", async () => {
    // Leave exactly two active admins: the signed-in one and a colleague.
    await db.user.updateMany({ where: { role: "ADMIN", id: { not: admin.user.id } }, data: { role: "TUTOR" } });
    const colleague = await signedIn({ role: "ADMIN" });
    await signedIn({ role: "ADMIN", disabledAt: new Date() });

    // With two active admins, demoting one is fine.
    expect((await post(colleague.user.id, { intent: "update", name: colleague.user.name, role: "TUTOR" })).status).toBe(302);

    // Now the signed-in admin is the last active one (the disabled admin does not count).
    const organization = await organizationWithSeats(0);
    const demoteSelf = await post(admin.user.id, { intent: "update", name: admin.user.name, role: "MEMBER", organizationId: organization.id });
    expect(demoteSelf.status).toBe(409);
    const body = await demoteSelf.json();
    expect(body.formError).toBe("users:errors.lastAdmin");
    expect(body.values.role).toBe("MEMBER");
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.user.id } })).role).toBe("ADMIN");
    expect((await post(admin.user.id, { intent: "disable" })).status).toBe(409);

    // Editing other fields of the last admin is still allowed.
    expect((await post(admin.user.id, { intent: "update", name: "Amelia Admin", jobTitle: "Coordinatrice", role: "ADMIN" })).status).toBe(302);
  });
});
