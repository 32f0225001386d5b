// The daily enrolment sweep: expiry, activation, and the 30- and 7-day notices sent once only.
import { db } from "~/lib/db.server.ts";
import { definedSchedules } from "~/lib/jobs/define.server.ts";
import { runDueJobs } from "~/lib/jobs/runner.server.ts";
import { ensureScheduledJobs } from "~/lib/jobs/schedule.server.ts";
import { requireEntitlement } from "~/modules/access/policy.server.ts";
import { addDaysToDay, romeDay, romeDayStart } from "~/lib/dates.ts";
import { runEnrolmentSweep } from "~/modules/enrolment/expiry.server.ts";
import { createUser, sessionCookieFor } from "../helpers/fixtures.ts";
import { getRequest } from "../helpers/requests.ts";

const DAY = 24 * 3600 * 1000;

async function refusal(request: Request) {
  try {
    await requireEntitlement(request, "webinars");
    return null;
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    return { status: thrown.status, body: (await thrown.json()) as { reason: string; values?: Record<string, string> } };
  }
}

async function organizationWithPeople(name: string) {
  const organization = await db.organization.create({
    data: { name, kind: "MUNICIPALITY", contactName: "Referente", contactEmail: `referente@${name.toLowerCase().replace(/\W+/g, "")}.example.it` },
  });
  const manager = await createUser({ organizationId: organization.id, isOrganizationManager: true, locale: "en" });
  const member = await createUser({ organizationId: organization.id });
  return { organization, manager, member };
}

describe("expiry", () => {
  it("an enrolment that ended yesterday is EXPIRED after the daily job, and its members are refused with the date", async () => {
    const { organization, member } = await organizationWithPeople("Comune Scaduto");
    const now = new Date();
    const enrolment = await db.enrolment.create({
      data: { organizationId: organization.id, kit: "INTERMEDIATE", status: "ACTIVE", startsAt: new Date(now.getTime() - 180 * DAY), endsAt: new Date(now.getTime() - DAY), seats: 10 },
    });
    const cookie = await sessionCookieFor(member.id);

    // Access ends with the end date, before any job has run.
    const before = await refusal(getRequest("/webinars", { cookie }));
    expect(before?.status).toBe(403);
    expect(before?.body.reason).toBe("access:reasons.ended");

    // The daily schedule (Europe/Rome) creates the sweep; the worker runs it at its slot.
    const schedule = definedSchedules().find((s) => s.name === "enrolment-sweep")!;
    expect(schedule.every).toEqual({ dailyAt: "00:10" });
    await ensureScheduledJobs(now, [schedule]);
    const job = await db.job.findFirstOrThrow({ where: { type: "enrolment.sweep" } });
    expect(job.runAt.getTime() - now.getTime()).toBeLessThanOrEqual(DAY);
    await runDueJobs({ now: job.runAt });

    expect((await db.enrolment.findUniqueOrThrow({ where: { id: enrolment.id } })).status).toBe("EXPIRED");
    const after = await refusal(getRequest("/webinars", { cookie }));
    expect(after?.status).toBe(403);
    expect(after?.body.reason).toBe("access:reasons.ended");
    expect(after?.body.values?.kit).toBe("INTERMEDIATE");
    // The date a member reads is the enrolment's end day, in Italian.
    expect(after?.body.values?.date).toMatch(new RegExp(String(new Date(now.getTime() - DAY).getFullYear())));
  });

  it("a PENDING enrolment becomes ACTIVE when its start day comes, and its members get access", async () => {
    const { organization, member } = await organizationWithPeople("Comune In Attesa");
    const now = new Date();
    const enrolment = await db.enrolment.create({
      data: { organizationId: organization.id, kit: "BASIC", status: "PENDING", startsAt: new Date(now.getTime() + DAY), endsAt: new Date(now.getTime() + 120 * DAY), seats: 5 },
    });
    const cookie = await sessionCookieFor(member.id);
    expect((await refusal(getRequest("/webinars", { cookie })))?.body.reason).toBe("access:reasons.notStarted");

    const result = await runEnrolmentSweep(new Date(now.getTime() + DAY + 60_000));
    expect(result.activated).toEqual([enrolment.id]);
    expect((await db.enrolment.findUniqueOrThrow({ where: { id: enrolment.id } })).status).toBe("ACTIVE");
    // Once its start has come (simulated by moving the start back), the member is let in.
    await db.enrolment.update({ where: { id: enrolment.id }, data: { startsAt: new Date(now.getTime() - 60_000) } });
    expect(await refusal(getRequest("/webinars", { cookie: await sessionCookieFor(member.id) }))).toBeNull();
  });
});

describe("expiry notices", () => {
  it("30 and 7 days before the end, the contact person and the managers are emailed once each", async () => {
    const { organization, manager, member } = await organizationWithPeople("Comune Avvisi");
    const today = romeDay(new Date());
    const endDay = addDaysToDay(today, 40);
    const enrolment = await db.enrolment.create({
      data: { organizationId: organization.id, kit: "PLUS", status: "ACTIVE", startsAt: new Date(Date.now() - 200 * DAY), endsAt: romeDayStart(endDay), seats: 10 },
    });
    const outbox = () => db.outboxEmail.findMany({ where: { template: "enrolment-expiry" }, orderBy: { toAddress: "asc" } });

    // 40 days before: nothing.
    expect((await runEnrolmentSweep(new Date())).notices).toEqual([]);

    // 20 days before, twice: one email per recipient.
    const twentyBefore = new Date(romeDayStart(addDaysToDay(endDay, -20)).getTime() + 3600_000);
    const first = await runEnrolmentSweep(twentyBefore);
    expect(first.notices).toEqual([{ enrolmentId: enrolment.id, days: 30, recipients: 2 }]);
    expect((await runEnrolmentSweep(twentyBefore)).notices).toEqual([]);
    let emails = await outbox();
    expect(emails.map((e) => e.toAddress).sort()).toEqual([organization.contactEmail, manager.email].sort());
    expect(emails.some((e) => e.toAddress === member.email)).toBe(false);
    const italian = emails.find((e) => e.toAddress === organization.contactEmail)!;
    expect(italian.locale).toBe("it");
    expect(italian.subject).toContain("kit PLUS");
    expect(italian.text).toContain("Comune Avvisi");
    expect(italian.text).toContain("Mancano 20 giorni");
    expect(italian.text).toContain("http://localhost:3000/pathway");
    expect(emails.find((e) => e.toAddress === manager.email)!.locale).toBe("en");

    // 5 days before, twice: the 7-day notice, once.
    const fiveBefore = new Date(romeDayStart(addDaysToDay(endDay, -5)).getTime() + 3600_000);
    expect((await runEnrolmentSweep(fiveBefore)).notices).toEqual([{ enrolmentId: enrolment.id, days: 7, recipients: 2 }]);
    expect((await runEnrolmentSweep(fiveBefore)).notices).toEqual([]);
    emails = await outbox();
    expect(emails).toHaveLength(4);
    expect(emails.filter((e) => e.text.includes("Mancano 5 giorni"))).toHaveLength(1);

    const stored = await db.enrolment.findUniqueOrThrow({ where: { id: enrolment.id } });
    expect(stored.expiryNotice30At).not.toBeNull();
    expect(stored.expiryNotice7At).not.toBeNull();
    // Each email is queued for delivery in the outbox job queue.
    expect(await db.job.count({ where: { type: "email.send" } })).toBe(4);
  });

  it("running the daily job twice sends one email per recipient", async () => {
    const organization = await db.organization.create({ data: { name: "Comune Doppio", kind: "MUNICIPALITY", contactEmail: "ufficio@comunedoppio.example.it" } });
    const today = romeDay(new Date());
    await db.enrolment.create({
      data: { organizationId: organization.id, kit: "BASIC", status: "ACTIVE", startsAt: new Date(Date.now() - 100 * DAY), endsAt: romeDayStart(addDaysToDay(today, 25)), seats: 3 },
    });
    const schedule = definedSchedules().find((s) => s.name === "enrolment-sweep")!;
    await ensureScheduledJobs(new Date(), [schedule]);
    const job = await db.job.findFirstOrThrow({ where: { type: "enrolment.sweep" } });
    await runDueJobs({ now: job.runAt });
    // The same day's sweep run again (e.g. by a second instance or a manual retry).
    await db.job.create({ data: { type: "enrolment.sweep", payload: "{}", runAt: job.runAt } });
    await runDueJobs({ now: job.runAt });
    expect(await db.outboxEmail.count({ where: { toAddress: "ufficio@comunedoppio.example.it" } })).toBe(1);
  });

  it("a short enrolment first seen 5 days before its end gets only the 7-day notice", async () => {
    const organization = await db.organization.create({ data: { name: "Comune Breve", kind: "MUNICIPALITY", contactEmail: "breve@comunebreve.example.it" } });
    const today = romeDay(new Date());
    const enrolment = await db.enrolment.create({
      data: { organizationId: organization.id, kit: "BASIC", status: "ACTIVE", startsAt: new Date(Date.now() - DAY), endsAt: romeDayStart(addDaysToDay(today, 5)), seats: 3 },
    });
    const result = await runEnrolmentSweep(new Date());
    expect(result.notices).toEqual([{ enrolmentId: enrolment.id, days: 7, recipients: 1 }]);
    expect((await runEnrolmentSweep(new Date())).notices).toEqual([]);
    expect(await db.outboxEmail.count({ where: { toAddress: "breve@comunebreve.example.it" } })).toBe(1);
  });
});
