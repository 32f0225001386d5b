// Issue 3's "done when", end to end through the route handlers: an admin creates a union with
// two municipalities, enrols it in PLUS, invites a member of one municipality by email; the member
// accepts, sees the pathway page, and loses access the day after the enrolment ends.
import { db } from "~/lib/db.server.ts";
import { requireEntitlement } from "~/modules/access/policy.server.ts";
import { runEnrolmentSweep } from "~/modules/enrolment/expiry.server.ts";
import * as newOrganization from "~/routes/admin.organizations.new.tsx";
import * as newEnrolment from "~/routes/admin.enrolments.new.tsx";
import * as newUser from "~/routes/admin.users.new.tsx";
import * as invitation from "~/routes/invitations.$token.tsx";
import * as pathway from "~/routes/pathway.tsx";
import { createUser, sessionCookieFor } from "../helpers/fixtures.ts";
import { call, cookiesFrom, formRequest, getRequest } from "../helpers/requests.ts";

const DAY = 86_400_000;
const romeDay = (date: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Rome" }).format(date);

afterEach(() => {
  vi.useRealTimers();
});

async function createdId(response: Response, prefix: string) {
  expect(response.status, await response.clone().text()).toBe(302);
  const location = response.headers.get("Location")!;
  expect(location.startsWith(prefix)).toBe(true);
  return location.slice(prefix.length);
}

it("a union enrolled in PLUS covers a municipality's member from invitation to the day after the end", async () => {
  const admin = await createUser({ role: "ADMIN" });
  const adminCookie = await sessionCookieFor(admin.id);
  const post = (action: typeof newOrganization.action, path: string, fields: Record<string, string>) =>
    call(action, formRequest(path, fields, { cookie: adminCookie }));

  const unionId = await createdId(
    await post(newOrganization.action, "/admin/organizations/new", { name: "Unione dei Comuni del Lago", kind: "UNION", ipaCode: "ucl_story", contactName: "Elena Sala", contactEmail: "elena.sala@unionelago.example.it" }),
    "/admin/organizations/",
  );
  const municipalityId = await createdId(
    await post(newOrganization.action, "/admin/organizations/new", { name: "Comune di Riva", kind: "MUNICIPALITY", parentId: unionId, ipaCode: "riva_story" }),
    "/admin/organizations/",
  );
  await createdId(
    await post(newOrganization.action, "/admin/organizations/new", { name: "Comune di Sponda", kind: "MUNICIPALITY", parentId: unionId, ipaCode: "sponda_story" }),
    "/admin/organizations/",
  );
  expect(await db.organization.count({ where: { parentId: unionId } })).toBe(2);

  const enrolmentId = await createdId(
    await post(newEnrolment.action, "/admin/enrolments/new", { organizationId: unionId, kit: "PLUS", startsOn: romeDay(new Date()), seats: "20" }),
    "/admin/enrolments/",
  );
  const enrolment = await db.enrolment.findUniqueOrThrow({ where: { id: enrolmentId } });
  expect(enrolment.status).toBe("ACTIVE");

  // The invitation goes out by email (through the outbox) with a single-use link.
  const invited = await post(newUser.action, "/admin/users/new", { name: "Marta Riva", email: "marta.riva@comuneriva.example.it", role: "MEMBER", organizationId: municipalityId });
  expect(invited.status).toBe(302);
  const email = await db.outboxEmail.findFirstOrThrow({ where: { toAddress: "marta.riva@comuneriva.example.it", template: "invitation" } });
  const token = /\/invitations\/([A-Za-z0-9_-]+)/.exec(email.text)![1];

  const accepted = await call(invitation.action, formRequest(`/invitations/${token}`, { name: "Marta Riva", password: "Lungolago-Digitale-2026", confirmPassword: "Lungolago-Digitale-2026" }), { token });
  expect(accepted.status).toBe(302);
  expect(accepted.headers.get("Location")).toBe("/pathway");
  const memberCookie = cookiesFrom(accepted);

  // The pathway shows the union's PLUS kit, covering her municipality.
  const page = await (await call(pathway.loader, getRequest("/pathway", { cookie: memberCookie }))).json();
  expect(JSON.stringify(page)).toContain("PLUS");
  for (const entitlement of ["webinars", "lab", "community", "surveys"] as const) {
    await expect(requireEntitlement(getRequest("/", { cookie: memberCookie }), entitlement)).resolves.toBeTruthy();
  }

  // The day after the enrolment ends, access is gone and the member is told why.
  // (Nine months on, her first session has passed its absolute lifetime: she signs in again.)
  const member = await db.user.findUniqueOrThrow({ where: { email: "marta.riva@comuneriva.example.it" } });
  expect(member.organizationId).toBe(municipalityId);
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(enrolment.endsAt.getTime() + DAY));
  await runEnrolmentSweep();
  expect((await db.enrolment.findUniqueOrThrow({ where: { id: enrolmentId } })).status).toBe("EXPIRED");
  const laterCookie = await sessionCookieFor(member.id);
  const refused = await requireEntitlement(getRequest("/", { cookie: laterCookie }), "community").catch((thrown: Response) => thrown);
  expect(refused).toBeInstanceOf(Response);
  expect((refused as Response).status).toBe(403);
  const body = (await (refused as Response).json()) as { reason: string; values: Record<string, string> };
  expect(body.reason).toBe("access:reasons.ended");
  expect(body.values.kit).toBe("PLUS");

  const after = await (await call(pathway.loader, getRequest("/pathway", { cookie: laterCookie }))).json();
  expect(after.current).toEqual([]);
  expect(after.ended).toMatchObject({ kit: "PLUS", organizationName: "Unione dei Comuni del Lago" });
  expect(after.refusal.reason).toBe("access:reasons.ended");
});
