// Registration: the audience through the policy (BASIC refused a PLUS-only webinar with the
// reason, an ended kit refused, a public webinar needs only an account), the question kept, the
// waitlist (first come, first served; one promotion per freed seat, also under 20 concurrent
// registrations and cancellations), confirmation / promotion / cancellation emails with their
// iCalendar parts parsed by ical.js, reminders sent once by concurrent sweeps, the calendar feed,
// and an invitation through the real SMTP helper.
import ICAL from "ical.js";
import { db } from "~/lib/db.server.ts";
import { resetEnvCache } from "~/lib/env.server.ts";
import { runDueJobs } from "~/lib/jobs/runner.server.ts";
import { sendDueReminders } from "~/modules/webinars/reminders.server.ts";
import { cancelRegistration, register } from "~/modules/webinars/registration.server.ts";
import { calendarFeedFor } from "~/modules/webinars/calendar-feed.server.ts";
import * as detailPage from "~/routes/webinars.$slug._index.tsx";
import * as icsRoute from "~/routes/webinars.$slug.ics.ts";
import * as feedPage from "~/routes/account.calendar.tsx";
import * as feedRoute from "~/routes/calendar.$token.ts";
import { call, formRequest, getRequest } from "../helpers/requests.ts";
import { startSmtpCapture } from "../helpers/smtp.ts";
import { member, organizationWithKit, webinar as makeWebinar } from "./webinars-fixtures.ts";

const HOUR = 3_600_000;

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const vevent = calendar.getFirstSubcomponent("vevent")!;
  return { calendar, vevent, event: new ICAL.Event(vevent) };
}

const post = (slug: string, fields: Record<string, string>, cookie?: string) => call(detailPage.action, formRequest(`/webinars/${slug}`, fields, { cookie }), { slug });

describe("who may register", () => {
  it("refuses a BASIC member a PLUS-only webinar with the reason, and says so on the page", async () => {
    const basic = await member((await organizationWithKit("BASIC")).id);
    const webinar = await makeWebinar({ kits: ["PLUS"] });
    const response = await post(webinar.slug, { intent: "register" }, basic.cookie);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ reason: "access:reasons.webinarNotInKit", values: { kit: "BASIC", kits: "PLUS" } });
    const page = (await (await call(detailPage.loader, getRequest(`/webinars/${webinar.slug}`, { cookie: basic.cookie }), { slug: webinar.slug })).json()) as { webinar: { decision: { allowed: boolean; reason: string } } };
    expect(page.webinar.decision).toMatchObject({ allowed: false, reason: "access:reasons.webinarNotInKit" });
    expect(await db.webinarRegistration.count({ where: { webinarId: webinar.id } })).toBe(0);
  });

  it("refuses a member whose kit ended, naming the end", async () => {
    const ended = await member((await organizationWithKit("PLUS", { ended: true })).id);
    const webinar = await makeWebinar({ kits: ["PLUS"] });
    const response = await post(webinar.slug, { intent: "register" }, ended.cookie);
    expect(response.status).toBe(403);
    expect(((await response.json()) as { reason: string }).reason).toMatch(/ended|Ended/);
  });

  it("lets anyone with an account register for a public webinar, keeping the question; visitors are sent to sign in", async () => {
    const noOrg = await member(null);
    const webinar = await makeWebinar({ title: "Aperto a tutti" });
    expect((await post(webinar.slug, { intent: "register" })).headers.get("Location")).toMatch(/^\/login/);
    expect((await post(webinar.slug, { intent: "register", question: "Vale anche per le Unioni?" }, noOrg.cookie)).status).toBe(302);
    const registration = await db.webinarRegistration.findFirstOrThrow({ where: { webinarId: webinar.id } });
    expect(registration).toMatchObject({ status: "REGISTERED", question: "Vale anche per le Unioni?" });
    const email = await db.outboxEmail.findFirstOrThrow({ where: { toAddress: noOrg.user.email } });
    expect(email.subject).toBe("Iscrizione confermata: Aperto a tutti");
    const { calendar, event } = parse(email.calendar!);
    expect(calendar.getFirstPropertyValue("method")).toBe("REQUEST");
    expect(event.startDate.toJSDate().getTime()).toBe(webinar.startsAt.getTime());
    expect(event.endDate.toJSDate().getTime()).toBe(webinar.startsAt.getTime() + 90 * 60_000);
    expect(event.sequence).toBe(0);
    expect(event.attendees[0].getFirstValue()).toBe(`mailto:${noOrg.user.email}`);
    expect((await post(webinar.slug, { intent: "register" }, noOrg.cookie)).status).toBe(409);
  });
});

describe("the waitlist", () => {
  it("queues past capacity, shows the position, and promotes the first in line when a seat frees", async () => {
    const webinar = await makeWebinar({ title: "Due posti", capacity: 2 });
    const people = [];
    for (let i = 0; i < 4; i++) people.push(await member(null, { name: `Persona ${i}` }));
    for (const person of people) await post(webinar.slug, { intent: "register" }, person.cookie);
    const page = async (cookie: string) =>
      (await (await call(detailPage.loader, getRequest(`/webinars/${webinar.slug}`, { cookie }), { slug: webinar.slug })).json()) as { registration: { status: string; position: number | null }; webinar: { seatsLeft: number } };
    expect((await page(people[3].cookie)).registration).toMatchObject({ status: "WAITLISTED", position: 2 });
    expect((await page(people[2].cookie)).registration).toMatchObject({ status: "WAITLISTED", position: 1 });
    expect((await page(people[0].cookie)).webinar.seatsLeft).toBe(0);

    expect((await post(webinar.slug, { intent: "cancel" }, people[0].cookie)).status).toBe(302);
    expect((await page(people[2].cookie)).registration).toMatchObject({ status: "REGISTERED", position: null });
    expect((await page(people[3].cookie)).registration).toMatchObject({ status: "WAITLISTED", position: 1 });
    const promotion = await db.outboxEmail.findFirstOrThrow({ where: { toAddress: people[2].user.email, subject: { startsWith: "Si è liberato un posto" } } });
    expect(promotion.calendarMethod).toBe("REQUEST");
    const cancelled = await db.outboxEmail.findFirstOrThrow({ where: { toAddress: people[0].user.email, subject: { startsWith: "Iscrizione annullata" } } });
    expect(parse(cancelled.calendar!).calendar.getFirstPropertyValue("method")).toBe("CANCEL");
    expect((await db.webinar.findUniqueOrThrow({ where: { id: webinar.id } })).registeredCount).toBe(2);
  });

  it("20 concurrent registrations, then 8 cancellations and 12 registrations at once: never over capacity, one promotion per freed seat", async () => {
    const capacity = 5;
    const webinar = await makeWebinar({ title: "Affollato", capacity });
    const people = await Promise.all(Array.from({ length: 20 }, (_, i) => db.user.create({ data: { email: `folla-${i}@comune.example.it`, name: `Folla ${i}` } })));
    const results = await Promise.allSettled(people.map((person) => register(webinar.id, person, undefined)));
    expect(results.filter((result) => result.status === "rejected")).toEqual([]);
    const count = (status: "REGISTERED" | "WAITLISTED" | "CANCELLED") => db.webinarRegistration.count({ where: { webinarId: webinar.id, status } });
    expect(await count("REGISTERED")).toBe(capacity);
    expect(await count("WAITLISTED")).toBe(15);

    const registered = await db.webinarRegistration.findMany({ where: { webinarId: webinar.id, status: "REGISTERED" }, select: { userId: true } });
    const waitlistOrder = await db.webinarRegistration.findMany({ where: { webinarId: webinar.id, status: "WAITLISTED" }, orderBy: [{ queuedAt: "asc" }, { id: "asc" }], select: { userId: true } });
    const seated = people.filter((person) => registered.some((r) => r.userId === person.id));
    const waiting = waitlistOrder.map((entry) => people.find((person) => person.id === entry.userId)!);
    // All five seated people cancel, and at the same time the first three waiting people leave the waitlist.
    // Meanwhile twelve newcomers register: 20 operations at once. Newcomers queue behind those waiting.
    const leaving = [...seated, ...waiting.slice(0, 3)];
    const newcomers = await Promise.all(Array.from({ length: 12 }, (_, i) => db.user.create({ data: { email: `nuovi-${i}@comune.example.it`, name: `Nuovo ${i}` } })));
    const operations = await Promise.allSettled([
      ...leaving.map((person) => cancelRegistration(webinar.id, person)),
      ...newcomers.map((person) => register(webinar.id, person, undefined)),
    ]);
    expect(operations.filter((result) => result.status === "rejected")).toEqual([]);

    expect(await count("REGISTERED")).toBe(capacity);
    expect((await db.webinar.findUniqueOrThrow({ where: { id: webinar.id } })).registeredCount).toBe(capacity);
    // Every seat freed by a cancellation went to exactly one person: the five seated people, plus
    // any of the three leavers who had been promoted before their own cancellation ran.
    const promotions = await db.webinarRegistration.count({ where: { webinarId: webinar.id, promotedAt: { not: null } } });
    const promotedThenLeft = await db.webinarRegistration.count({ where: { webinarId: webinar.id, promotedAt: { not: null }, status: "CANCELLED" } });
    expect(promotions).toBe(seated.length + promotedThenLeft);
    // First come, first served: the seats end with the next five in line after those who left.
    const nowRegistered = await db.webinarRegistration.findMany({ where: { webinarId: webinar.id, status: "REGISTERED" }, select: { userId: true } });
    expect(nowRegistered.map((row) => row.userId).sort()).toEqual(waiting.slice(3, 8).map((person) => person.id).sort());
    expect(await count("WAITLISTED")).toBe(15 - 3 - 5 + newcomers.length);
    const promotionEmails = await db.outboxEmail.count({ where: { subject: { startsWith: "Si è liberato un posto: sei iscritto a Affollato" } } });
    expect(promotionEmails).toBe(promotions);
  });
});

describe("after the webinar", () => {
  it("a registration can no longer be cancelled once the webinar has ended", async () => {
    const person = await member(null);
    const webinar = await makeWebinar({ title: "Già concluso", status: "ENDED", registeredCount: 1 });
    await db.webinarRegistration.create({ data: { webinarId: webinar.id, userId: person.user.id, status: "REGISTERED" } });
    expect((await post(webinar.slug, { intent: "cancel" }, person.cookie)).status).toBe(409);
    expect((await db.webinarRegistration.findFirstOrThrow({ where: { webinarId: webinar.id } })).status).toBe("REGISTERED");
  });
});

describe("calendar files", () => {
  it("the download carries the right instants on both clock-change days", async () => {
    for (const [startsAt, expectedEnd] of [
      ["2026-03-29T01:00:00Z", "2026-03-29T02:30:00Z"], // 03:00 CEST, the first hour of summer time
      ["2026-10-25T00:30:00Z", "2026-10-25T02:00:00Z"], // the first 02:30 (CEST), ends 03:00 CET
    ]) {
      const webinar = await makeWebinar({ startsAt: new Date(startsAt), title: "Cambio d'ora; virgole, e \\ barre" });
      const response = await call(icsRoute.loader, getRequest(`/webinars/${webinar.slug}/ics`), { slug: webinar.slug });
      expect(response.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
      const { event, vevent } = parse(await response.text());
      expect(event.startDate.toJSDate().toISOString()).toBe(new Date(startsAt).toISOString());
      expect(event.endDate.toJSDate().toISOString()).toBe(new Date(expectedEnd).toISOString());
      expect(event.summary).toBe("Cambio d'ora; virgole, e \\ barre");
      expect(vevent.getFirstPropertyValue("dtstamp")).toBeTruthy();
    }
  });

  it("the personal feed lists the person's webinars, and stops when revoked", async () => {
    const person = await member(null);
    const mine = await makeWebinar({ title: "Nel mio calendario", registeredCount: 1 });
    await makeWebinar({ title: "Non mio" });
    await db.webinarRegistration.create({ data: { webinarId: mine.id, userId: person.user.id, status: "REGISTERED" } });
    const renewed = await call(feedPage.action, formRequest("/account/calendar", { intent: "renew" }, { cookie: person.cookie }));
    const { url } = (await renewed.json()) as { url: string };
    const token = /\/calendar\/([^/]+)\.ics$/.exec(url)![1];
    const response = await call(feedRoute.loader, getRequest(`/calendar/${token}.ics`), { token: `${token}.ics` });
    expect(response.status).toBe(200);
    const calendar = new ICAL.Component(ICAL.parse(await response.text()));
    expect(calendar.getAllSubcomponents("vevent").map((vevent) => vevent.getFirstPropertyValue("summary"))).toEqual(["Nel mio calendario"]);
    await call(feedPage.action, formRequest("/account/calendar", { intent: "renew" }, { cookie: person.cookie }));
    expect((await call(feedRoute.loader, getRequest(`/calendar/${token}.ics`), { token: `${token}.ics` })).status).toBe(404);
    expect(await calendarFeedFor("not-a-real-token-at-all")).toBeNull();
  });
});

describe("reminders", () => {
  it("sends each reminder once, even with three sweeps at the same moment", async () => {
    const now = new Date();
    const tomorrow = await makeWebinar({ title: "Domani", startsAt: new Date(now.getTime() + 20 * HOUR), registeredCount: 2 });
    const soon = await makeWebinar({ title: "Tra poco", startsAt: new Date(now.getTime() + 50 * 60_000), registeredCount: 1 });
    const a = await member(null);
    const b = await member(null);
    await db.webinarRegistration.createMany({
      data: [
        { webinarId: tomorrow.id, userId: a.user.id, status: "REGISTERED" },
        { webinarId: tomorrow.id, userId: b.user.id, status: "REGISTERED" },
        { webinarId: soon.id, userId: a.user.id, status: "REGISTERED" },
        { webinarId: soon.id, userId: b.user.id, status: "CANCELLED" },
      ],
    });
    const sent = await Promise.all([sendDueReminders(now), sendDueReminders(now), sendDueReminders(now)]);
    expect(sent.reduce((sum, n) => sum + n, 0)).toBe(3);
    expect(await sendDueReminders(new Date(now.getTime() + 60_000))).toBe(0);
    expect(await db.outboxEmail.count({ where: { subject: "Domani: Domani" } })).toBe(2);
    expect(await db.outboxEmail.count({ where: { subject: "Tra un'ora: Tra poco" } })).toBe(1);
  });
});

describe("through a real SMTP server", () => {
  it("delivers the confirmation with its text/calendar invitation", async () => {
    const capture = await startSmtpCapture();
    const previous = process.env.SMTP_URL;
    process.env.SMTP_URL = capture.url;
    resetEnvCache();
    try {
      const person = await member(null, { name: "Elena Email" });
      const webinar = await makeWebinar({ title: "Via SMTP" });
      await register(webinar.id, person.user, undefined);
      for (let i = 0; i < 5 && !capture.messages.length; i++) await runDueJobs();
      const message = await capture.waitForMessage((m) => m.subject === "Iscrizione confermata: Via SMTP");
      const ics = message.attachments.find((attachment) => attachment.contentType.startsWith("text/calendar") || attachment.contentType === "application/ics");
      expect(ics).toBeDefined();
      const { calendar, event } = parse(ics!.content.toString("utf8"));
      expect(calendar.getFirstPropertyValue("method")).toBe("REQUEST");
      expect(event.uid).toBe(`webinar-${webinar.id}@localhost`);
      expect(event.startDate.toJSDate().getTime()).toBe(webinar.startsAt.getTime());
    } finally {
      if (previous === undefined) delete process.env.SMTP_URL;
      else process.env.SMTP_URL = previous;
      resetEnvCache();
      await capture.stop();
    }
  });
});
