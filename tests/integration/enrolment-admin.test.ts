// Enrolments through the admin pages: create, activate, edit, cancel, upgrade with history, the
// micro-service tracker, seats shared in a union, and the member's "Il mio percorso" page.
import { db } from "~/lib/db.server.ts";
import { loadAccess, canUse } from "~/modules/access/policy.server.ts";
import { addMonthsToDay, romeDay, romeDayStart, addDaysToDay } from "~/lib/dates.ts";
import { seatUsage } from "~/modules/enrolment/seats.server.ts";
import { action as createAction } from "~/routes/admin.enrolments.new.tsx";
import { action as detailAction, loader as detailLoader } from "~/routes/admin.enrolments.$id._index.tsx";
import { action as editAction } from "~/routes/admin.enrolments.$id.edit.tsx";
import { action as cancelAction } from "~/routes/admin.enrolments.$id.cancel.tsx";
import { action as upgradeAction } from "~/routes/admin.enrolments.$id.upgrade.tsx";
import { loader as listLoader } from "~/routes/admin.enrolments._index.tsx";
import { loader as pathwayLoader } from "~/routes/pathway.tsx";
import { createUser, sessionCookieFor } from "../helpers/fixtures.ts";
import { call, formRequest, getRequest } from "../helpers/requests.ts";

const DAY = 24 * 3600 * 1000;
let adminCookie: string;
let tutorCookie: string;

beforeAll(async () => {
  adminCookie = await sessionCookieFor((await createUser({ role: "ADMIN" })).id);
  tutorCookie = await sessionCookieFor((await createUser({ role: "TUTOR" })).id);
});

const today = () => romeDay(new Date());
const post = (fn: Parameters<typeof call>[0], path: string, fields: Record<string, string>, id?: string, cookie = adminCookie) =>
  call(fn, formRequest(path, fields, { cookie }), id ? { id } : {});

async function enrol(organizationId: string, fields: Record<string, string> = {}) {
  const response = await post(createAction, "/admin/enrolments/new", { organizationId, kit: "BASIC", startsOn: today(), seats: "10", ...fields });
  expect(response.status).toBe(302);
  return db.enrolment.findFirstOrThrow({ where: { organizationId }, orderBy: { createdAt: "desc" }, include: { services: true } });
}

describe("create", () => {
  it("ends at start + the kit's duration by default, is active from today, and lists the kit's micro-services", async () => {
    const town = await db.organization.create({ data: { name: "Comune Nuovo", kind: "MUNICIPALITY" } });
    const enrolment = await enrol(town.id);
    expect(enrolment.status).toBe("ACTIVE");
    expect(romeDay(enrolment.startsAt)).toBe(today());
    expect(enrolment.startsAt.getTime()).toBe(romeDayStart(today()).getTime());
    expect(romeDay(enrolment.endsAt)).toBe(addMonthsToDay(today(), 4));
    expect(enrolment.services.map((s) => s.service).sort()).toEqual(["OpenCity", "OpenDati", "OpenNewsletter", "OpenTrasparenza"]);
    expect(enrolment.services.every((s) => s.status === "NOT_REQUESTED")).toBe(true);
    expect(await db.auditLog.count({ where: { action: "enrolment.create", targetId: enrolment.id } })).toBe(1);
  });

  it("is PENDING when it starts later, and an admin may activate it early", async () => {
    const town = await db.organization.create({ data: { name: "Comune Futuro", kind: "MUNICIPALITY" } });
    const member = await createUser({ organizationId: town.id });
    const enrolment = await enrol(town.id, { kit: "INTERMEDIATE", startsOn: addDaysToDay(today(), 14) });
    expect(enrolment.status).toBe("PENDING");
    expect(romeDay(enrolment.endsAt)).toBe(addMonthsToDay(addDaysToDay(today(), 14), 6));
    expect(canUse(await loadAccess(member), "lab")).toMatchObject({ allowed: false, reason: "access:reasons.notStarted" });

    expect((await post(detailAction, `/admin/enrolments/${enrolment.id}`, { intent: "activate" }, enrolment.id)).status).toBe(302);
    const active = await db.enrolment.findUniqueOrThrow({ where: { id: enrolment.id } });
    expect(active.status).toBe("ACTIVE");
    expect(active.startsAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(canUse(await loadAccess(member), "lab").allowed).toBe(true);
  });

  it("refuses bad dates, too few seats and an overlapping enrolment, keeping the values", async () => {
    const town = await db.organization.create({ data: { name: "Comune Errori", kind: "MUNICIPALITY" } });
    let response = await post(createAction, "/admin/enrolments/new", { organizationId: town.id, kit: "GOLD", startsOn: "2026-02-30", endsOn: "ieri", seats: "0" });
    expect(response.status).toBe(400);
    let body = await response.json();
    expect(Object.keys(body.fieldErrors).sort()).toEqual(["endsOn", "kit", "seats", "startsOn"]);
    expect(body.values.startsOn).toBe("2026-02-30");

    response = await post(createAction, "/admin/enrolments/new", { organizationId: town.id, kit: "BASIC", startsOn: today(), endsOn: addDaysToDay(today(), -1), seats: "5" });
    expect((await response.json()).fieldErrors.endsOn).toEqual(["org:validation.endBeforeStart"]);

    await enrol(town.id);
    response = await post(createAction, "/admin/enrolments/new", { organizationId: town.id, kit: "PLUS", startsOn: addDaysToDay(today(), 30), seats: "5" });
    expect(response.status).toBe(400);
    body = await response.json();
    expect(body.fieldErrors.startsOn[0]).toMatch(/^org:enrolment\.errors\.overlap\?kit=BASIC/);
    expect(await db.enrolment.count({ where: { organizationId: town.id } })).toBe(1);
  });

  it("tutors see enrolments but cannot change them", async () => {
    const town = await db.organization.create({ data: { name: "Comune Tutor", kind: "MUNICIPALITY" } });
    expect((await call(listLoader, getRequest("/admin/enrolments", { cookie: tutorCookie }))).status).toBe(200);
    expect((await post(createAction, "/admin/enrolments/new", { organizationId: town.id, kit: "BASIC", startsOn: today(), seats: "5" }, undefined, tutorCookie)).status).toBe(403);
    expect(await db.enrolment.count({ where: { organizationId: town.id } })).toBe(0);
  });
});

describe("upgrade", () => {
  it("keeps history: the old enrolment is CANCELLED for 'upgrade', the new one points back, keeps the start and the services' state", async () => {
    const union = await db.organization.create({ data: { name: "Unione Upgrade", kind: "UNION" } });
    const town = await db.organization.create({ data: { name: "Comune Upgrade", kind: "MUNICIPALITY", parentId: union.id } });
    const member = await createUser({ organizationId: town.id });
    const startDay = addDaysToDay(today(), -20);
    const basic = await enrol(union.id, { startsOn: startDay });
    await post(detailAction, `/admin/enrolments/${basic.id}`, { intent: "service", service: "OpenCity", status: "ACTIVE", url: "https://www.comune.upgrade.tn.it" }, basic.id);
    expect(canUse(await loadAccess(member), "community")).toMatchObject({ allowed: false, reason: "access:reasons.kitLacks.community" });

    const response = await post(upgradeAction, `/admin/enrolments/${basic.id}/upgrade`, { kit: "PLUS", seats: "25" }, basic.id);
    expect(response.status).toBe(302);
    const old = await db.enrolment.findUniqueOrThrow({ where: { id: basic.id }, include: { upgradedTo: { include: { services: true } } } });
    expect(old).toMatchObject({ status: "CANCELLED", cancelReason: "upgrade" });
    const plus = old.upgradedTo!;
    expect(response.headers.get("location")).toBe(`/admin/enrolments/${plus.id}`);
    expect(plus).toMatchObject({ kit: "PLUS", status: "ACTIVE", seats: 25, upgradedFromId: basic.id, organizationId: union.id });
    expect(plus.startsAt.getTime()).toBe(basic.startsAt.getTime());
    expect(romeDay(plus.endsAt)).toBe(addMonthsToDay(startDay, 9));
    expect(plus.services).toHaveLength(9);
    expect(plus.services.find((s) => s.service === "OpenCity")).toMatchObject({ status: "ACTIVE", url: "https://www.comune.upgrade.tn.it" });
    expect(plus.services.find((s) => s.service === "OpenSegnalazioni")?.status).toBe("NOT_REQUESTED");
    // The union's municipality has the PLUS platform at once.
    expect(canUse(await loadAccess(member), "community").allowed).toBe(true);
    expect(await db.auditLog.count({ where: { action: "enrolment.upgrade", targetId: plus.id } })).toBe(1);

    // The detail page shows the chain both ways.
    const detail = await (await call(detailLoader, getRequest(`/admin/enrolments/${plus.id}`, { cookie: adminCookie }), { id: plus.id })).json();
    expect(detail.enrolment.upgradedFrom).toMatchObject({ id: basic.id, kit: "BASIC" });

    // The old one cannot be upgraded again, and PLUS has nothing higher.
    expect((await post(upgradeAction, `/admin/enrolments/${basic.id}/upgrade`, { kit: "INTERMEDIATE", seats: "25" }, basic.id)).status).toBe(400);
    const again = await post(upgradeAction, `/admin/enrolments/${plus.id}/upgrade`, { kit: "BASIC", seats: "25" }, plus.id);
    expect((await again.json()).fieldErrors.kit[0]).toMatch(/^org:enrolment\.errors\.notHigherKit/);
    expect(await db.enrolment.count({ where: { organizationId: union.id } })).toBe(2);
  });
});

describe("cancel and edit", () => {
  it("cancelling needs a reason and ends access at once", async () => {
    const town = await db.organization.create({ data: { name: "Comune Annullato", kind: "MUNICIPALITY" } });
    const member = await createUser({ organizationId: town.id });
    const enrolment = await enrol(town.id);
    let response = await post(cancelAction, `/admin/enrolments/${enrolment.id}/cancel`, { reason: " " }, enrolment.id);
    expect(response.status).toBe(400);
    expect((await response.json()).fieldErrors.reason).toEqual(["org:validation.reasonRequired"]);
    expect((await db.enrolment.findUniqueOrThrow({ where: { id: enrolment.id } })).status).toBe("ACTIVE");

    response = await post(cancelAction, `/admin/enrolments/${enrolment.id}/cancel`, { reason: "Delibera di recesso n. 12" }, enrolment.id);
    expect(response.status).toBe(302);
    expect(await db.enrolment.findUniqueOrThrow({ where: { id: enrolment.id } })).toMatchObject({ status: "CANCELLED", cancelReason: "Delibera di recesso n. 12" });
    // The member is told why, in the admin's words: on a refused page and on their pathway page.
    expect(canUse(await loadAccess(member), "webinars")).toMatchObject({ allowed: false, reason: "access:reasons.cancelledWithReason", values: { reason: "Delibera di recesso n. 12" } });
    const pathway = await (await call(pathwayLoader, getRequest("/pathway", { cookie: await sessionCookieFor(member.id) }))).json();
    expect(pathway.refusal).toMatchObject({ reason: "access:reasons.cancelledWithReason", values: { reason: "Delibera di recesso n. 12" } });
    const { translatorFor } = await import("~/lib/i18n/locale.server.ts");
    expect(translatorFor("it")(pathway.refusal.reason, pathway.refusal.values)).toMatch(/annullata il .+ Motivo: Delibera di recesso n\. 12\./);
    expect(translatorFor("en")(pathway.refusal.reason, pathway.refusal.values)).toMatch(/cancelled on .+ Reason: Delibera di recesso n\. 12\./);
    // A cancelled enrolment is read-only.
    response = await post(editAction, `/admin/enrolments/${enrolment.id}/edit`, { startsOn: today(), endsOn: addDaysToDay(today(), 90), seats: "10" }, enrolment.id);
    expect(response.status).toBe(400);
    expect((await response.json()).formError).toBe("org:enrolment.errors.cancelledReadOnly");
  });

  it("extending an expired enrolment makes it active again; seats cannot go below those in use", async () => {
    const town = await db.organization.create({ data: { name: "Comune Rinnovo", kind: "MUNICIPALITY" } });
    const member = await createUser({ organizationId: town.id });
    await createUser({ organizationId: town.id });
    const enrolment = await db.enrolment.create({
      data: { organizationId: town.id, kit: "BASIC", status: "EXPIRED", startsAt: new Date(Date.now() - 150 * DAY), endsAt: new Date(Date.now() - 10 * DAY), seats: 5, expiryNotice30At: new Date(), expiryNotice7At: new Date() },
    });
    const startsOn = romeDay(enrolment.startsAt);
    let response = await post(editAction, `/admin/enrolments/${enrolment.id}/edit`, { startsOn, endsOn: addDaysToDay(today(), 60), seats: "1" }, enrolment.id);
    expect(response.status).toBe(400);
    expect((await response.json()).fieldErrors.seats[0]).toBe("org:enrolment.errors.seatsBelowUsed?used=2");

    response = await post(editAction, `/admin/enrolments/${enrolment.id}/edit`, { startsOn, endsOn: addDaysToDay(today(), 60), seats: "8" }, enrolment.id);
    expect(response.status).toBe(302);
    const renewed = await db.enrolment.findUniqueOrThrow({ where: { id: enrolment.id } });
    expect(renewed).toMatchObject({ status: "ACTIVE", seats: 8, expiryNotice30At: null, expiryNotice7At: null });
    expect(canUse(await loadAccess(member), "webinars").allowed).toBe(true);
  });
});

describe("micro-service tracker", () => {
  it("validates the address and needs one for an active service", async () => {
    const town = await db.organization.create({ data: { name: "Comune Servizi", kind: "MUNICIPALITY" } });
    const enrolment = await enrol(town.id);
    const save = (fields: Record<string, string>) => post(detailAction, `/admin/enrolments/${enrolment.id}`, { intent: "service", ...fields }, enrolment.id);
    let response = await save({ service: "OpenDati", status: "ACTIVE", url: "javascript:alert(1)" });
    expect(response.status).toBe(400);
    expect((await response.json()).fieldErrors.url).toEqual(["validation.url"]);
    response = await save({ service: "OpenDati", status: "ACTIVE", url: "" });
    expect((await response.json()).fieldErrors.url).toEqual(["org:validation.urlRequiredWhenActive"]);
    // A service outside the kit is refused.
    response = await save({ service: "OpenAgenda", status: "REQUESTED" });
    expect(response.status).toBe(400);
    expect(await db.enrolmentService.count({ where: { enrolmentId: enrolment.id, service: "OpenAgenda" } })).toBe(0);

    expect((await save({ service: "OpenDati", status: "REQUESTED", note: "Richiesto il 3 marzo" })).status).toBe(302);
    expect((await save({ service: "OpenDati", status: "ACTIVE", url: "https://dati.comune.servizi.it" })).status).toBe(302);
    expect(await db.enrolmentService.findFirstOrThrow({ where: { enrolmentId: enrolment.id, service: "OpenDati" } })).toMatchObject({ status: "ACTIVE", url: "https://dati.comune.servizi.it" });
    expect(await db.auditLog.count({ where: { action: "enrolment.service", targetId: enrolment.id } })).toBe(2);
  });
});

describe("seats", () => {
  it("a union's seats are shared with its municipalities: active accounts plus open invitations", async () => {
    const union = await db.organization.create({ data: { name: "Unione Posti", kind: "UNION" } });
    const townA = await db.organization.create({ data: { name: "Comune Posti A", kind: "MUNICIPALITY", parentId: union.id } });
    const townB = await db.organization.create({ data: { name: "Comune Posti B", kind: "MUNICIPALITY", parentId: union.id } });
    const enrolment = await enrol(union.id, { kit: "PLUS", seats: "5" });
    await createUser({ organizationId: union.id, isOrganizationManager: true });
    await createUser({ organizationId: townA.id });
    await createUser({ organizationId: townB.id, disabledAt: new Date() }); // disabled: no seat
    const invite = (organizationId: string, extra: object) =>
      db.invitation.create({ data: { email: `i${Math.random()}@x.it`, organizationId, tokenHash: `h${Math.random()}`, expiresAt: new Date(Date.now() + 7 * DAY), ...extra } });
    await invite(townB.id, {}); // open: a seat
    await invite(townA.id, { expiresAt: new Date(Date.now() - DAY) }); // expired
    await invite(townA.id, { revokedAt: new Date() }); // revoked
    await invite(townA.id, { acceptedAt: new Date() }); // accepted: counted as its account

    const usage = await seatUsage(townA.id);
    expect(usage).toMatchObject({ seats: 5, used: 3, available: 2, accounts: 2, pendingInvitations: 1, enrolmentId: enrolment.id, poolOrganizationId: union.id });
    expect(await seatUsage(union.id)).toMatchObject({ seats: 5, used: 3 });

    // Without any enrolment there are no seats.
    const lone = await db.organization.create({ data: { name: "Comune Senza Posti", kind: "MUNICIPALITY" } });
    expect(await seatUsage(lone.id)).toMatchObject({ seats: 0, used: 0, available: 0, enrolmentId: null });
  });
});

describe("Il mio percorso", () => {
  it("shows the union's kit to a municipality's member, with dates, days left, what is included and the active services' links", async () => {
    const union = await db.organization.create({ data: { name: "Unione Percorso", kind: "UNION" } });
    const town = await db.organization.create({ data: { name: "Comune Percorso", kind: "MUNICIPALITY", parentId: union.id } });
    const member = await createUser({ organizationId: town.id });
    const enrolment = await enrol(union.id, { kit: "INTERMEDIATE", startsOn: addDaysToDay(today(), -10) });
    await post(detailAction, `/admin/enrolments/${enrolment.id}`, { intent: "service", service: "OpenAgenda", status: "ACTIVE", url: "https://agenda.unione.example.it" }, enrolment.id);
    await post(detailAction, `/admin/enrolments/${enrolment.id}`, { intent: "service", service: "OpenCity", status: "REQUESTED", url: "https://ancora.non.attivo.it" }, enrolment.id);

    const cookie = await sessionCookieFor(member.id);
    const data = await (await call(pathwayLoader, getRequest("/pathway", { cookie }))).json();
    expect(data.kind).toBe("member");
    expect(data.organization).toEqual({ name: "Comune Percorso", parentName: "Unione Percorso" });
    expect(data.current).toHaveLength(1);
    const kit = data.current[0];
    expect(kit).toMatchObject({ kit: "INTERMEDIATE", organizationName: "Unione Percorso", inherited: true, entitlements: ["webinars", "recordings", "lab"] });
    expect(kit.daysLeft).toBeGreaterThan(150);
    expect(kit.services).toHaveLength(7);
    expect(kit.services.find((s: { service: string }) => s.service === "OpenAgenda")).toEqual({ service: "OpenAgenda", status: "ACTIVE", url: "https://agenda.unione.example.it" });
    // A service not active yet shows no link.
    expect(kit.services.find((s: { service: string }) => s.service === "OpenCity")).toEqual({ service: "OpenCity", status: "REQUESTED", url: null });
    expect(data.missing).toEqual(["community", "surveys"]);

    // When the union's enrolment has ended the page says so, and why.
    await db.enrolment.update({ where: { id: enrolment.id }, data: { endsAt: new Date(Date.now() - DAY) } });
    const ended = await (await call(pathwayLoader, getRequest("/pathway", { cookie }))).json();
    expect(ended.current).toEqual([]);
    expect(ended.ended).toMatchObject({ kit: "INTERMEDIATE", endedBecause: "expired", organizationName: "Unione Percorso" });
    expect(ended.refusal.reason).toBe("access:reasons.ended");
  });

  it("asks visitors to sign in", async () => {
    const response = await call(pathwayLoader, getRequest("/pathway"));
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/login?redirectTo=%2Fpathway");
  });
});
