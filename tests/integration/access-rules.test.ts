// Four rules that a deliberate bug used to break without any test failing (issue 7, section 1):
// each test below was seen failing with the bug put in on purpose, then passing once restored.
import { db } from "~/lib/db.server.ts";
import { runDueJobs } from "~/lib/jobs/runner.server.ts";
import { seatUsage } from "~/modules/enrolment/seats.server.ts";
import { inviteBatch } from "~/modules/invitations/invitations.server.ts";
import * as enrolmentPage from "~/routes/admin.enrolments.$id._index.tsx";
import * as cancelPage from "~/routes/admin.enrolments.$id.cancel.tsx";
import * as editPage from "~/routes/admin.enrolments.$id.edit.tsx";
import * as upgradePage from "~/routes/admin.enrolments.$id.upgrade.tsx";
import * as adminInvitations from "~/routes/admin.invitations._index.tsx";
import * as userPage from "~/routes/admin.users.$userId.tsx";
import * as newUserPage from "~/routes/admin.users.new.tsx";
import * as forgot from "~/routes/forgot-password.tsx";
import * as reset from "~/routes/reset-password.$token.tsx";
import { call, formRequest, getRequest, testContext } from "../helpers/requests.ts";
import { organizationWithSeats, signedIn, uniqueEmail } from "./invitations-helpers.ts";

let admin: Awaited<ReturnType<typeof signedIn>>;
let tutor: Awaited<ReturnType<typeof signedIn>>;
beforeAll(async () => {
  admin = await signedIn({ role: "ADMIN" });
  tutor = await signedIn({ role: "TUTOR" });
});

describe("a tutor reads enrolments but never changes them", () => {
  it("refuses a tutor's valid service update, activation, cancellation, edit and upgrade with the reason, and changes nothing", async () => {
    const organization = await organizationWithSeats(5);
    const enrolment = await db.enrolment.findFirstOrThrow({ where: { organizationId: organization.id }, include: { services: true } });
    const id = enrolment.id;
    const service = enrolment.services[0]?.service ?? "SITO";
    const attempts = [
      [enrolmentPage.action, `/admin/enrolments/${id}`, { intent: "service", service, status: "ACTIVE", url: "https://servizi.comune.example.it", note: "" }],
      [enrolmentPage.action, `/admin/enrolments/${id}`, { intent: "activate" }],
      [cancelPage.action, `/admin/enrolments/${id}/cancel`, { reason: "Ritiro dal progetto" }],
      [editPage.action, `/admin/enrolments/${id}/edit`, { startsOn: "2026-01-01", endsOn: "2027-12-31", seats: "50" }],
      [upgradePage.action, `/admin/enrolments/${id}/upgrade`, { kit: "PLUS", endsOn: "2027-12-31", seats: "50" }],
    ] as const;
    for (const [action, path, fields] of attempts) {
      const response = await call(action as never, formRequest(path, fields, { cookie: tutor.cookie }), { id });
      expect([path, fields, response.status]).toEqual([path, fields, 403]);
      expect((await response.json()).reason).toBe("access:reasons.tutorReadOnly");
    }
    const after = await db.enrolment.findUniqueOrThrow({ where: { id }, include: { services: true } });
    expect({ ...after, updatedAt: null }).toEqual({ ...enrolment, updatedAt: null });
    // The same tutor still reads it.
    expect((await call(enrolmentPage.loader, getRequest(`/admin/enrolments/${id}`, { cookie: tutor.cookie }), { id })).status).toBe(200);
  });
});

describe("a password-reset link issued before the account was disabled", () => {
  // Decision: disabling an account revokes its outstanding reset links for good. Re-enabling does
  // not bring them back: whoever re-enables may not know who holds the old email, and the person
  // can ask for a new link in one step.
  it("stops working when the account is disabled, and stays dead after it is re-enabled", async () => {
    const member = await signedIn({ email: uniqueEmail("reset") });
    const requested = await call(forgot.action, formRequest("/forgot-password", { email: member.user.email }), {}, testContext({ clientIp: "10.7.0.1" }));
    expect(requested.status).toBe(200);
    // The reset link is made by a queued job (so timing tells nothing), which queues the email.
    while ((await runDueJobs()).claimed > 0);
    const mail = await db.outboxEmail.findFirstOrThrow({ where: { toAddress: member.user.email, template: "password-reset" } });
    const token = /\/reset-password\/([A-Za-z0-9_-]+)/.exec(mail.text)![1];
    const open = () => call(reset.loader, getRequest(`/reset-password/${token}`), { token });
    expect((await open()).status).toBe(200);

    const userAction = (intent: string) =>
      call(userPage.action, formRequest(`/admin/users/${member.user.id}`, { intent }, { cookie: admin.cookie }), { userId: member.user.id });
    expect((await userAction("disable")).status).toBe(302);
    expect((await open()).status).toBe(410);
    expect((await userAction("enable")).status).toBe(302);
    expect((await open()).status).toBe(410);
    const submitted = await call(reset.action, formRequest(`/reset-password/${token}`, { password: "Nuova-Password-Sicura-2026", confirmPassword: "Nuova-Password-Sicura-2026" }), { token });
    expect(submitted.status).toBe(410);
    const stored = await db.user.findUniqueOrThrow({ where: { id: member.user.id } });
    expect(stored.passwordHash).toBe(member.user.passwordHash);
  });
});

describe("resending an expired invitation takes a seat again", () => {
  async function expiredInvitation(organizationId: string) {
    const email = uniqueEmail("scaduta");
    return db.invitation.create({
      data: { email, role: "MEMBER", organizationId, tokenHash: `expired-${email}`, invitedById: admin.user.id, expiresAt: new Date(Date.now() - 60_000), lastSentAt: new Date(Date.now() - 8 * 86_400_000) },
    });
  }
  const resend = (invitationId: string) =>
    call(adminInvitations.action, formRequest("/admin/invitations", { intent: "resend", invitationId }, { cookie: admin.cookie }));

  it("refuses when the seat it gave back has been taken meanwhile, and leaves it expired", async () => {
    const organization = await organizationWithSeats(1);
    const expired = await expiredInvitation(organization.id);
    await signedIn({ organizationId: organization.id }); // the freed seat went to a colleague
    const response = await resend(expired.id);
    expect(response.status).toBe(409);
    expect((await response.json()).formError).toMatch(/^invitations:errors.noSeats/);
    expect((await db.invitation.findUniqueOrThrow({ where: { id: expired.id } })).expiresAt.getTime()).toBeLessThan(Date.now());
    expect((await seatUsage(organization.id)).used).toBe(1);
  });

  it("takes exactly one seat when one is free, and resending it again while pending takes none", async () => {
    const organization = await organizationWithSeats(2);
    const expired = await expiredInvitation(organization.id);
    await signedIn({ organizationId: organization.id });
    expect((await seatUsage(organization.id)).available).toBe(1);
    expect((await resend(expired.id)).status).toBe(302);
    expect(await seatUsage(organization.id)).toMatchObject({ used: 2, available: 0 });
    // Pending now: it holds its seat, so a full pool does not stop another resend.
    expect((await resend(expired.id)).status).toBe(302);
    expect(await seatUsage(organization.id)).toMatchObject({ used: 2, available: 0 });
  });
});

describe("a CSV invitation batch takes its seats inside the same locked transaction as single invitations", () => {
  it("gives the last seats to only one of two batches sent at the same moment", async () => {
    const organization = await organizationWithSeats(3);
    const batch = () => [1, 2].map((n) => ({ email: uniqueEmail(`lotto${n}`), name: `Persona ${n}`, asManager: false }));
    const results = await Promise.allSettled([
      inviteBatch(admin.user, organization.id, batch()),
      inviteBatch(admin.user, organization.id, batch()),
      inviteBatch(admin.user, organization.id, batch()),
    ]);
    const sent = results.filter((result) => result.status === "fulfilled");
    const refused = results.filter((result): result is PromiseRejectedResult => result.status === "rejected");
    expect(sent).toHaveLength(1);
    expect(refused.map((result) => result.reason?.key)).toEqual(["invitations:errors.notEnoughSeats", "invitations:errors.notEnoughSeats"]);
    expect(await db.invitation.count({ where: { organizationId: organization.id } })).toBe(2);
    expect((await seatUsage(organization.id)).used).toBeLessThanOrEqual(3);
  });

  it("does not overbook against single invitations sent at the same moment", async () => {
    const organization = await organizationWithSeats(2);
    const rows = [1, 2].map((n) => ({ email: uniqueEmail(`misto${n}`), name: `Persona ${n}`, asManager: false }));
    const single = () =>
      call(
        newUserPage.action,
        formRequest("/admin/users/new", { name: "Singola", email: uniqueEmail("singola"), role: "MEMBER", organizationId: organization.id }, { cookie: admin.cookie }),
      );
    await Promise.allSettled([inviteBatch(admin.user, organization.id, rows), single(), single()]);
    expect(await db.invitation.count({ where: { organizationId: organization.id } })).toBeLessThanOrEqual(2);
  });
});
