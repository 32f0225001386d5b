// Invitations end to end at the HTTP level: invite, the email in the outbox, accepting (with
// field errors first), being signed in, single use, seats, resend, revoke, expiry and access.
import { db } from "~/lib/db.server.ts";
import { getCurrentSession } from "~/modules/auth/current-user.server.ts";
import { hashToken } from "~/modules/auth/tokens.server.ts";
import * as adminInvitations from "~/routes/admin.invitations._index.tsx";
import * as adminNewUser from "~/routes/admin.users.new.tsx";
import * as acceptPage from "~/routes/invitations.$token.tsx";
import * as organizationPage from "~/routes/organization._index.tsx";
import { call, cookiesFrom, formRequest, getRequest, testContext } from "../helpers/requests.ts";
import { currentToken, mailedTokens, organizationWithSeats, signedIn, uniqueEmail } from "./invitations-helpers.ts";

const STRONG_PASSWORD = "Gestione-Protocollo-Albo-2026";
const clientIp = "203.0.113.9";

function inviteAsAdmin(cookie: string, fields: Record<string, string>) {
  return call(adminNewUser.action, formRequest("/admin/users/new", fields, { cookie }), {}, testContext({ clientIp }));
}

function accept(token: string, fields: Record<string, string>) {
  return call(acceptPage.action, formRequest(`/invitations/${token}`, fields), { token }, testContext({ clientIp }));
}

function openLink(token: string) {
  return call(acceptPage.loader, getRequest(`/invitations/${token}`), { token });
}

let admin: Awaited<ReturnType<typeof signedIn>>;
beforeAll(async () => {
  admin = await signedIn({ role: "ADMIN", name: "Anna Admin" });
});

describe("inviting and accepting", () => {
  it("invites by email, refuses a weak password keeping the name, creates the account, signs in, and works only once", async () => {
    const organization = await organizationWithSeats(5, { name: "Comune di Alba Prova" });
    const email = uniqueEmail("mario");

    const invited = await inviteAsAdmin(admin.cookie, { name: "Mario Rossi", email: email.toUpperCase(), role: "MEMBER", organizationId: organization.id, asManager: "on" });
    expect(invited.status).toBe(302);
    expect(invited.headers.get("Location")).toBe("/admin/invitations");

    // The email is in the outbox with a single-use link; the database keeps only the token's hash.
    const invitation = await db.invitation.findFirstOrThrow({ where: { email } });
    const [token] = await mailedTokens(email);
    expect(token).toBeTruthy();
    expect(invitation.tokenHash).toBe(hashToken(token));
    expect(invitation.tokenHash).not.toContain(token);
    expect(invitation.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);
    const outbox = await db.outboxEmail.findFirstOrThrow({ where: { toAddress: email } });
    expect(outbox.html).toContain(`/invitations/${token}`);
    expect(outbox.subject).toContain("Comune di Alba Prova");

    const page = await openLink(token);
    expect(page.status).toBe(200);
    const view = await page.json();
    expect(view.state).toBe("pending");
    expect(view.invitation.organizationName).toBe("Comune di Alba Prova");
    expect(view.invitation.name).toBe("Mario Rossi");
    expect(view.invitation.inviterName).toBe("Anna Admin");

    const weak = await accept(token, { name: "Mario Rossi Bianchi", password: "password1234", confirmPassword: "password1234" });
    expect(weak.status).toBe(400);
    const weakBody = await weak.json();
    expect(weakBody.failure.fieldErrors.password).toEqual(["validation.passwordCommon"]);
    expect(weakBody.failure.values.name).toBe("Mario Rossi Bianchi");
    expect(weakBody.failure.values.password).toBeUndefined();
    expect(weakBody.failure.values.confirmPassword).toBeUndefined();

    const short = await accept(token, { name: "Mario Rossi", password: "corta", confirmPassword: "diversa" });
    const shortBody = await short.json();
    expect(shortBody.failure.fieldErrors.password[0]).toMatch(/^validation.passwordTooShort/);
    expect(shortBody.failure.fieldErrors.confirmPassword).toEqual(["validation.passwordMismatch"]);
    expect(await db.user.count({ where: { email } })).toBe(0);

    const accepted = await accept(token, { name: "Mario Rossi", password: STRONG_PASSWORD, confirmPassword: STRONG_PASSWORD });
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("Location")).toBe("/pathway");
    const cookie = cookiesFrom(accepted);
    expect(cookie).toMatch(/coop_session=/);
    expect(cookie).toMatch(/coop_flash=/);

    const session = await getCurrentSession(getRequest("/", { cookie }));
    expect(session?.user).toMatchObject({ email, name: "Mario Rossi", role: "MEMBER", organizationId: organization.id, isOrganizationManager: true });
    const stored = await db.invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(stored.acceptedAt).not.toBeNull();
    expect(stored.acceptedById).toBe(session?.user.id);

    // The link cannot be used again.
    const again = await openLink(token);
    expect(again.status).toBe(410);
    expect((await again.json()).state).toBe("accepted");
    const secondAccept = await accept(token, { name: "Altro", password: STRONG_PASSWORD, confirmPassword: STRONG_PASSWORD });
    expect(secondAccept.status).toBe(410);
    expect(await db.user.count({ where: { email } })).toBe(1);

    const entries = await db.auditLog.findMany({ where: { action: { in: ["invitation.create", "invitation.accept"] }, details: { contains: organization.id } } });
    expect(entries.map((entry) => entry.action).sort()).toEqual(["invitation.accept", "invitation.create"]);
    expect(entries.every((entry) => entry.ipAddress === clientIp)).toBe(true);
  });

  it("invites in the language chosen: the email, the invitation page and the new account are in English", async () => {
    const organization = await organizationWithSeats(5, { name: "Comune di Lingua Prova" });
    const email = uniqueEmail("english");
    const invited = await inviteAsAdmin(admin.cookie, { name: "Jane Doe", email, role: "MEMBER", organizationId: organization.id, locale: "en" });
    expect(invited.status).toBe(302);
    expect((await db.invitation.findFirstOrThrow({ where: { email } })).locale).toBe("en");
    const outbox = await db.outboxEmail.findFirstOrThrow({ where: { toAddress: email } });
    expect(outbox.locale).toBe("en");
    expect(outbox.subject).toBe("Invitation to CO-OP for Comune di Lingua Prova");
    const [token] = await mailedTokens(email);

    // A visitor who has not chosen a language is switched to the invitation's, once.
    const first = await openLink(token);
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toBe(`/invitations/${token}?lang=en`);
    expect(first.headers.get("Cache-Control")).toBe("no-store");
    const languageCookie = cookiesFrom(first);
    expect(languageCookie).toMatch(/coop_lng=/);
    const { resolveLocale } = await import("~/lib/i18n/locale.server.ts");
    expect(await resolveLocale(getRequest("/", { cookie: languageCookie }))).toBe("en");
    const page = await call(acceptPage.loader, getRequest(`/invitations/${token}?lang=en`, { cookie: languageCookie }), { token });
    expect(page.status).toBe(200);
    // Without cookies the marker stops a loop: the page is served anyway.
    expect((await call(acceptPage.loader, getRequest(`/invitations/${token}?lang=en`), { token })).status).toBe(200);
    // A visitor who chose Italian keeps it: no redirect.
    const { localeCookie } = await import("~/lib/i18n/locale.server.ts");
    const italian = (await localeCookie().serialize("it")).split(";")[0];
    expect((await call(acceptPage.loader, getRequest(`/invitations/${token}`, { cookie: italian }), { token })).status).toBe(200);

    const accepted = await call(
      acceptPage.action,
      formRequest(`/invitations/${token}`, { name: "Jane Doe", password: STRONG_PASSWORD, confirmPassword: STRONG_PASSWORD }),
      { token },
      testContext({ clientIp }),
    );
    expect(accepted.status).toBe(302);
    expect((await db.user.findUniqueOrThrow({ where: { email } })).locale).toBe("en");
  });

  it("an Italian invitation opens without a redirect, and refuses a language it does not know", async () => {
    const organization = await organizationWithSeats(5);
    const email = uniqueEmail("italiano");
    expect((await inviteAsAdmin(admin.cookie, { name: "Maria Verdi", email, role: "MEMBER", organizationId: organization.id })).status).toBe(302);
    expect((await db.outboxEmail.findFirstOrThrow({ where: { toAddress: email } })).locale).toBe("it");
    expect((await openLink((await mailedTokens(email))[0])).status).toBe(200);
    const bad = await inviteAsAdmin(admin.cookie, { name: "X Y", email: uniqueEmail("x"), role: "MEMBER", organizationId: organization.id, locale: "fr" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).fieldErrors.locale).toEqual(["validation.invalid"]);
  });

  it("invites a tutor with no organization and lands them on the home page", async () => {
    const email = uniqueEmail("tutor");
    const invited = await inviteAsAdmin(admin.cookie, { name: "Tina Tutor", email, role: "TUTOR", organizationId: "" });
    expect(invited.status).toBe(302);
    const invitation = await db.invitation.findFirstOrThrow({ where: { email } });
    expect(invitation).toMatchObject({ role: "TUTOR", organizationId: null });
    const accepted = await accept(await currentToken(email), { name: "Tina Tutor", password: STRONG_PASSWORD, confirmPassword: STRONG_PASSWORD });
    expect(accepted.headers.get("Location")).toBe("/");
    expect(await db.user.findUniqueOrThrow({ where: { email } })).toMatchObject({ role: "TUTOR", organizationId: null, isOrganizationManager: false });
  });

  it("signs out whoever was signed in on the browser that accepts", async () => {
    const organization = await organizationWithSeats(5);
    const colleague = await signedIn({ organizationId: organization.id });
    const email = uniqueEmail();
    await inviteAsAdmin(admin.cookie, { name: "Nuova Collega", email, role: "MEMBER", organizationId: organization.id });
    const token = await currentToken(email);
    const response = await call(
      acceptPage.action,
      formRequest(`/invitations/${token}`, { name: "Nuova Collega", password: STRONG_PASSWORD, confirmPassword: STRONG_PASSWORD }, { cookie: colleague.cookie }),
      { token },
    );
    expect(response.status).toBe(302);
    expect(await getCurrentSession(getRequest("/", { cookie: colleague.cookie }))).toBeNull();
    expect((await getCurrentSession(getRequest("/", { cookie: cookiesFrom(response, colleague.cookie) })))?.user.email).toBe(email);
  });

  it("requires an organization for members and keeps what was typed", async () => {
    const response = await inviteAsAdmin(admin.cookie, { name: "Senza Ente", email: uniqueEmail(), role: "MEMBER", organizationId: "" });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.fieldErrors.organizationId).toEqual(["users:errors.organizationRequired"]);
    expect(body.values.name).toBe("Senza Ente");
  });

  it("refuses an address that already has an account or a pending invitation", async () => {
    const organization = await organizationWithSeats(5);
    const { user: existing } = await signedIn({ organizationId: organization.id });
    const taken = await inviteAsAdmin(admin.cookie, { name: "Doppio", email: existing.email, role: "MEMBER", organizationId: organization.id });
    expect(taken.status).toBe(409);
    expect((await taken.json()).fieldErrors.email[0]).toMatch(/^invitations:errors.accountExists\?email=/);

    const email = uniqueEmail();
    expect((await inviteAsAdmin(admin.cookie, { name: "Primo", email, role: "MEMBER", organizationId: organization.id })).status).toBe(302);
    const twice = await inviteAsAdmin(admin.cookie, { name: "Primo", email, role: "MEMBER", organizationId: organization.id });
    expect(twice.status).toBe(409);
    expect((await twice.json()).fieldErrors.email[0]).toMatch(/^invitations:errors.alreadyInvited/);
    expect(await db.invitation.count({ where: { email } })).toBe(1);
  });

  it("refuses to accept when the address got an account meanwhile", async () => {
    const organization = await organizationWithSeats(5);
    const email = uniqueEmail();
    await inviteAsAdmin(admin.cookie, { name: "Lento", email, role: "MEMBER", organizationId: organization.id });
    const token = await currentToken(email);
    await signedIn({ email, organizationId: organization.id });
    const page = await openLink(token);
    expect(page.status).toBe(409);
    expect((await page.json()).state).toBe("accountExists");
    const response = await accept(token, { name: "Lento", password: STRONG_PASSWORD, confirmPassword: STRONG_PASSWORD });
    expect(response.status).toBe(409);
    expect(response.headers.getSetCookie().some((c) => c.startsWith("coop_session="))).toBe(false);
  });

  it("shows a 404 page for an unknown or malformed link", async () => {
    expect((await openLink("x".repeat(27))).status).toBe(404);
    expect((await openLink("../../etc/passwd")).status).toBe(404);
    const response = await accept("y".repeat(27), { name: "X", password: STRONG_PASSWORD, confirmPassword: STRONG_PASSWORD });
    expect(response.status).toBe(404);
  });
});

describe("seats", () => {
  it("refuses an invitation when no seat remains and says how many remain", async () => {
    const organization = await organizationWithSeats(2);
    await signedIn({ organizationId: organization.id });
    expect((await inviteAsAdmin(admin.cookie, { name: "Uno", email: uniqueEmail(), role: "MEMBER", organizationId: organization.id })).status).toBe(302);
    const full = await inviteAsAdmin(admin.cookie, { name: "Due", email: uniqueEmail(), role: "MEMBER", organizationId: organization.id });
    expect(full.status).toBe(409);
    const body = await full.json();
    expect(body.formError).toMatch(/^invitations:errors.noSeats\?/);
    expect(body.formError).toContain("available=0");
    expect(body.formError).toContain("seats=2");
  });

  it("gives the last seat to only one of two managers inviting at the same moment", async () => {
    const organization = await organizationWithSeats(2);
    await signedIn({ organizationId: organization.id });
    const invite = (name: string) => inviteAsAdmin(admin.cookie, { name, email: uniqueEmail(), role: "MEMBER", organizationId: organization.id });
    const statuses = (await Promise.all([invite("Prima"), invite("Seconda"), invite("Terza")])).map((response) => response.status).sort();
    expect(statuses).toEqual([302, 409, 409]);
    expect(await db.invitation.count({ where: { organizationId: organization.id } })).toBe(1);
  });

  it("refuses members of an organization without an active enrolment", async () => {
    const organization = await organizationWithSeats(0);
    const response = await inviteAsAdmin(admin.cookie, { name: "Nessuno", email: uniqueEmail(), role: "MEMBER", organizationId: organization.id });
    expect(response.status).toBe(409);
    expect((await response.json()).formError).toMatch(/^invitations:errors.noEnrolment/);
  });

  it("gives the seat back when an invitation is revoked", async () => {
    const organization = await organizationWithSeats(1);
    const email = uniqueEmail();
    await inviteAsAdmin(admin.cookie, { name: "Uno", email, role: "MEMBER", organizationId: organization.id });
    const invitation = await db.invitation.findFirstOrThrow({ where: { email } });
    await call(adminInvitations.action, formRequest("/admin/invitations", { intent: "revoke", invitationId: invitation.id }, { cookie: admin.cookie }));
    expect((await inviteAsAdmin(admin.cookie, { name: "Due", email: uniqueEmail(), role: "MEMBER", organizationId: organization.id })).status).toBe(302);
  });
});

describe("resend, revoke, expiry", () => {
  it("resending mails a new link valid 7 more days, and the old link stops working", async () => {
    const organization = await organizationWithSeats(3);
    const email = uniqueEmail();
    await inviteAsAdmin(admin.cookie, { name: "Rinvio", email, role: "MEMBER", organizationId: organization.id });
    const oldToken = await currentToken(email);
    const invitation = await db.invitation.findFirstOrThrow({ where: { email } });
    // Nearly expired: resending must give a full 7 days from now.
    await db.invitation.update({ where: { id: invitation.id }, data: { expiresAt: new Date(Date.now() + 60_000) } });

    const resent = await call(adminInvitations.action, formRequest("/admin/invitations", { intent: "resend", invitationId: invitation.id }, { cookie: admin.cookie }), {}, testContext({ clientIp }));
    expect(resent.status).toBe(302);
    const newToken = await currentToken(email);
    expect(newToken).not.toBe(oldToken);
    expect(await mailedTokens(email)).toHaveLength(2);
    const stored = await db.invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(stored.sendCount).toBe(2);
    expect(stored.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);

    expect((await openLink(oldToken)).status).toBe(404);
    expect((await accept(oldToken, { name: "Rinvio", password: STRONG_PASSWORD, confirmPassword: STRONG_PASSWORD })).status).toBe(404);
    expect((await openLink(newToken)).status).toBe(200);
    expect(await db.auditLog.count({ where: { action: "invitation.resend", targetId: invitation.id, ipAddress: clientIp } })).toBe(1);
  });

  it("a revoked link shows a 410 page saying whom to ask", async () => {
    const organization = await organizationWithSeats(3);
    const email = uniqueEmail();
    await inviteAsAdmin(admin.cookie, { name: "Revocato", email, role: "MEMBER", organizationId: organization.id });
    const token = await currentToken(email);
    const invitation = await db.invitation.findFirstOrThrow({ where: { email } });
    const revoked = await call(adminInvitations.action, formRequest("/admin/invitations", { intent: "revoke", invitationId: invitation.id }, { cookie: admin.cookie }));
    expect(revoked.status).toBe(302);
    const page = await openLink(token);
    expect(page.status).toBe(410);
    const body = await page.json();
    expect(body.state).toBe("revoked");
    expect(body.invitation.inviterEmail).toBe(admin.user.email);
    expect((await accept(token, { name: "Revocato", password: STRONG_PASSWORD, confirmPassword: STRONG_PASSWORD })).status).toBe(410);
    expect(await db.user.count({ where: { email } })).toBe(0);
    // A revoked invitation cannot be resent or revoked again.
    const resend = await call(adminInvitations.action, formRequest("/admin/invitations", { intent: "resend", invitationId: invitation.id }, { cookie: admin.cookie }));
    expect(resend.status).toBe(409);
  });

  it("an expired link shows a 410 page and creates nothing", async () => {
    const organization = await organizationWithSeats(3);
    const email = uniqueEmail();
    await inviteAsAdmin(admin.cookie, { name: "Scaduto", email, role: "MEMBER", organizationId: organization.id });
    const token = await currentToken(email);
    await db.invitation.updateMany({ where: { email }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const page = await openLink(token);
    expect(page.status).toBe(410);
    expect((await page.json()).state).toBe("expired");
    expect((await accept(token, { name: "Scaduto", password: STRONG_PASSWORD, confirmPassword: STRONG_PASSWORD })).status).toBe(410);
    expect(await db.user.count({ where: { email } })).toBe(0);
  });
});

describe("who may invite", () => {
  it("a manager invites into their organization and its member organizations, from /organization", async () => {
    const union = await organizationWithSeats(10, { name: "Unione Prova" });
    const municipality = await organizationWithSeats(0, { parentId: union.id, name: "Comune Figlio" });
    const manager = await signedIn({ organizationId: union.id, isOrganizationManager: true });

    const page = await call(organizationPage.loader, getRequest("/organization", { cookie: manager.cookie }));
    expect(page.status).toBe(200);
    const data = await page.json();
    expect(data.organizations.map((o: { id: string }) => o.id)).toEqual([union.id, municipality.id]);
    expect(data.seats).toMatchObject({ seats: 10, used: 1, available: 9 });

    const email = uniqueEmail();
    const response = await call(
      organizationPage.action,
      formRequest("/organization", { email, name: "Collega", organizationId: municipality.id }, { cookie: manager.cookie }),
    );
    expect(response.status).toBe(302);
    expect(await db.invitation.findFirstOrThrow({ where: { email } })).toMatchObject({ organizationId: municipality.id, role: "MEMBER", invitedById: manager.user.id });

    const after = await (await call(organizationPage.loader, getRequest("/organization", { cookie: manager.cookie }))).json();
    expect(after.invitations.map((i: { email: string }) => i.email)).toContain(email);
    expect(after.seats.available).toBe(8);
  });

  it("a manager cannot invite into, resend or revoke for another organization (403)", async () => {
    const own = await organizationWithSeats(5);
    const other = await organizationWithSeats(5);
    const manager = await signedIn({ organizationId: own.id, isOrganizationManager: true });
    const response = await call(
      organizationPage.action,
      formRequest("/organization", { email: uniqueEmail(), name: "Intruso", organizationId: other.id }, { cookie: manager.cookie }),
    );
    expect(response.status).toBe(403);

    const email = uniqueEmail();
    await inviteAsAdmin(admin.cookie, { name: "Altrui", email, role: "MEMBER", organizationId: other.id });
    const foreign = await db.invitation.findFirstOrThrow({ where: { email } });
    for (const intent of ["resend", "revoke"]) {
      const attempt = await call(organizationPage.action, formRequest("/organization", { intent, invitationId: foreign.id }, { cookie: manager.cookie }));
      expect(attempt.status).toBe(403);
    }
    expect((await db.invitation.findUniqueOrThrow({ where: { id: foreign.id } })).revokedAt).toBeNull();
    // The admin pages are for admins only.
    expect((await inviteAsAdmin(manager.cookie, { name: "X", email: uniqueEmail(), role: "MEMBER", organizationId: own.id })).status).toBe(403);
  });

  it("a plain member cannot open /organization or invite (403); a visitor is sent to sign in", async () => {
    const organization = await organizationWithSeats(5);
    const member = await signedIn({ organizationId: organization.id });
    expect((await call(organizationPage.loader, getRequest("/organization", { cookie: member.cookie }))).status).toBe(403);
    const response = await call(
      organizationPage.action,
      formRequest("/organization", { email: uniqueEmail(), name: "X", organizationId: organization.id }, { cookie: member.cookie }),
    );
    expect(response.status).toBe(403);
    expect(await db.invitation.count({ where: { organizationId: organization.id } })).toBe(0);
    const visitor = await call(organizationPage.loader, getRequest("/organization"));
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("Location")).toMatch(/^\/login/);
  });
});
