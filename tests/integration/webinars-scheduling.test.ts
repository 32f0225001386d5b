// Scheduling through the pages: a tutor creates a webinar (start typed in Italian time, a time the
// clocks skip refused with a message, the repeated autumn hour taken as its first occurrence),
// publishes, moves (registrants get the updated invitation, SEQUENCE raised), gives roles by email,
// cancels with a reason (registrants get METHOD:CANCEL); drafts are 404 for non-staff; audited.
import ICAL from "ical.js";
import { db } from "~/lib/db.server.ts";
import * as newPage from "~/routes/webinars.new.tsx";
import * as editPage from "~/routes/webinars.$slug.edit.tsx";
import * as detailPage from "~/routes/webinars.$slug._index.tsx";
import * as cataloguePage from "~/routes/webinars._index.tsx";
import { call, formRequest, getRequest, testContext } from "../helpers/requests.ts";
import { member, organizationWithKit, webinar as makeWebinar } from "./webinars-fixtures.ts";

const IP = "203.0.113.77";
let tutor: Awaited<ReturnType<typeof member>>;
let plus: Awaited<ReturnType<typeof member>>;

beforeAll(async () => {
  tutor = await member(null, { role: "TUTOR", name: "Tina Tutor" });
  plus = await member((await organizationWithKit("PLUS")).id, { name: "Paola Plus" });
});

const form = (overrides: Record<string, string | string[]> = {}) => ({
  intent: "save",
  title: "Accessibilità dei siti comunali",
  description: "Le **linee guida** AgID.",
  day: "2027-03-10",
  time: "10:00",
  durationMinutes: "90",
  capacity: "",
  audience: "KITS",
  kits: ["PLUS"],
  pathwayKit: "PLUS",
  topic: "Accessibilità",
  competences: "1.1, 3.2",
  joinOpensMinutesBefore: "15",
  ...overrides,
});

function create(fields: Record<string, string | string[]>, cookie = tutor.cookie) {
  return call(newPage.action, formRequest("/webinars/new", fields, { cookie }), {}, testContext({ clientIp: IP }));
}
function edit(slug: string, fields: Record<string, string | string[]>, cookie = tutor.cookie) {
  return call(editPage.action, formRequest(`/webinars/${slug}/edit`, fields, { cookie }), { slug }, testContext({ clientIp: IP }));
}
async function slugFrom(response: Response) {
  expect(response.status).toBe(302);
  return /\/webinars\/([^/]+)\/edit/.exec(response.headers.get("Location") ?? "")![1];
}

describe("scheduling", () => {
  it("creates a draft with the start in Italian time, invisible to members until published", async () => {
    const slug = await slugFrom(await create(form()));
    expect(slug).toBe("accessibilita-dei-siti-comunali");
    const row = await db.webinar.findUniqueOrThrow({ where: { slug }, include: { audienceKits: true } });
    expect(row).toMatchObject({ status: "DRAFT", durationMinutes: 90, capacity: null, pathwayKit: "PLUS", competences: "1.1,3.2" });
    expect(row.startsAt.toISOString()).toBe("2027-03-10T09:00:00.000Z"); // CET, UTC+1
    expect(row.audienceKits.map((entry) => entry.kit)).toEqual(["PLUS"]);

    expect((await call(detailPage.loader, getRequest(`/webinars/${slug}`, { cookie: plus.cookie }), { slug })).status).toBe(404);
    expect((await call(detailPage.loader, getRequest(`/webinars/${slug}`), { slug })).status).toBe(404);
    expect((await call(detailPage.loader, getRequest(`/webinars/${slug}`, { cookie: tutor.cookie }), { slug })).status).toBe(200);
    const before = (await (await call(cataloguePage.loader, getRequest("/webinars", { cookie: plus.cookie }))).json()) as { upcoming: { slug: string }[] };
    expect(before.upcoming.map((entry) => entry.slug)).not.toContain(slug);

    expect((await edit(slug, { intent: "publish" })).status).toBe(302);
    const after = (await (await call(cataloguePage.loader, getRequest("/webinars", { cookie: plus.cookie }))).json()) as { upcoming: { slug: string; decision: { allowed: boolean } }[] };
    expect(after.upcoming.find((entry) => entry.slug === slug)?.decision).toEqual({ allowed: true });
    const audit = await db.auditLog.findMany({ where: { targetId: row.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((entry) => [entry.action, entry.ipAddress])).toEqual([["webinar.create", IP], ["webinar.publish", IP]]);
  });

  it("refuses a time the clocks skip on 29 March 2026, keeping what was typed", async () => {
    const response = await create(form({ title: "Cambio d'ora", day: "2026-03-29", time: "02:30" }));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { fieldErrors: Record<string, string[]>; values: Record<string, string>; lists: { kits: string[] } };
    expect(body.fieldErrors.time[0]).toMatch(/^webinars:validation.skippedTime\?time=02%3A30/);
    expect(body.values.title).toBe("Cambio d'ora");
    expect(body.lists.kits).toEqual(["PLUS"]);
    const next = await slugFrom(await create(form({ title: "Dopo il cambio d'ora", day: "2026-03-29", time: "03:00" })));
    expect((await db.webinar.findUniqueOrThrow({ where: { slug: next } })).startsAt.toISOString()).toBe("2026-03-29T01:00:00.000Z");
  });

  it("takes 02:30 on 25 October 2026 as the first 02:30 (summer time), every time", async () => {
    const slug = await slugFrom(await create(form({ title: "Ora ripetuta", day: "2026-10-25", time: "02:30" })));
    expect((await db.webinar.findUniqueOrThrow({ where: { slug } })).startsAt.toISOString()).toBe("2026-10-25T00:30:00.000Z");
    const loaded = (await (await call(editPage.loader, getRequest(`/webinars/${slug}/edit`, { cookie: tutor.cookie }), { slug })).json()) as { form: { day: string; time: string } };
    expect(loaded.form).toMatchObject({ day: "2026-10-25", time: "02:30" });
  });

  it("refuses members and visitors", async () => {
    expect((await create(form(), plus.cookie)).status).toBe(403);
    const response = await call(newPage.loader, getRequest("/webinars/new"));
    expect(response.headers.get("Location")).toMatch(/^\/login/);
  });

  it("moves a webinar: SEQUENCE rises, registrants get the updated invitation and the reminders start over", async () => {
    const webinar = await makeWebinar({ title: "Da spostare", startsAt: new Date("2027-05-04T08:00:00Z"), kits: ["PLUS"], registeredCount: 1 });
    await db.webinarRegistration.create({ data: { webinarId: webinar.id, userId: plus.user.id, status: "REGISTERED", reminder24hAt: new Date() } });
    const response = await edit(webinar.slug, form({ title: "Da spostare", day: "2027-05-06", time: "15:00" }));
    expect(response.status).toBe(302);
    const after = await db.webinar.findUniqueOrThrow({ where: { id: webinar.id } });
    expect(after).toMatchObject({ icsSequence: 1, startsAt: new Date("2027-05-06T13:00:00Z") });
    expect((await db.webinarRegistration.findFirstOrThrow({ where: { webinarId: webinar.id } })).reminder24hAt).toBeNull();
    const email = await db.outboxEmail.findFirstOrThrow({ where: { toAddress: plus.user.email, subject: { contains: "Da spostare" } } });
    expect(email.subject).toBe("Webinar spostato: Da spostare");
    expect(email.calendarMethod).toBe("REQUEST");
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(email.calendar!)).getFirstSubcomponent("vevent")!);
    expect(event.startDate.toJSDate().toISOString()).toBe("2027-05-06T13:00:00.000Z");
    expect(event.sequence).toBe(1);
    expect(event.uid).toBe(`webinar-${webinar.id}@localhost`);
    expect((await db.auditLog.findFirstOrThrow({ where: { targetId: webinar.id } })).action).toBe("webinar.move");
  });

  it("gives roles by email and refuses an unknown address", async () => {
    const webinar = await makeWebinar({ title: "Con relatori" });
    const speaker = await member(null, { name: "Sara Speaker" });
    expect((await edit(webinar.slug, { intent: "addRole", email: speaker.user.email.toUpperCase(), role: "SPEAKER" })).status).toBe(302);
    const unknown = await edit(webinar.slug, { intent: "addRole", email: "nessuno@example.it", role: "SPEAKER" });
    expect(unknown.status).toBe(400);
    const page = (await (await call(detailPage.loader, getRequest(`/webinars/${webinar.slug}`), { slug: webinar.slug })).json()) as { speakers: { name: string }[] };
    expect(page.speakers).toEqual([{ name: "Sara Speaker", jobTitle: null }]);
  });

  it("cancels with a reason: everyone registered or waiting gets METHOD:CANCEL, the page says why", async () => {
    const webinar = await makeWebinar({ title: "Da annullare", registeredCount: 1, capacity: 1 });
    const waiting = await member(null);
    await db.webinarRegistration.create({ data: { webinarId: webinar.id, userId: plus.user.id, status: "REGISTERED" } });
    await db.webinarRegistration.create({ data: { webinarId: webinar.id, userId: waiting.user.id, status: "WAITLISTED" } });
    expect((await edit(webinar.slug, { intent: "cancel", reason: "" })).status).toBe(400);
    expect((await edit(webinar.slug, { intent: "cancel", reason: "Relatore malato" })).status).toBe(302);
    const emails = await db.outboxEmail.findMany({ where: { subject: "Webinar annullato: Da annullare" } });
    expect(emails.map((email) => email.toAddress).sort()).toEqual([plus.user.email, waiting.user.email].sort());
    for (const email of emails) {
      const calendar = new ICAL.Component(ICAL.parse(email.calendar!));
      expect(calendar.getFirstPropertyValue("method")).toBe("CANCEL");
      expect(calendar.getFirstSubcomponent("vevent")!.getFirstPropertyValue("status")).toBe("CANCELLED");
      expect(email.text).toContain("Relatore malato");
    }
    const page = (await (await call(detailPage.loader, getRequest(`/webinars/${webinar.slug}`), { slug: webinar.slug })).json()) as { webinar: { status: string; cancelReason: string } };
    expect(page.webinar).toMatchObject({ status: "CANCELLED", cancelReason: "Relatore malato" });
  });
});
