// One digest and one calendar per person (issue 14). The digest holds only what the person may
// see (the rules of the pages), in their language; an empty one is not sent; each person gets it
// once per period even when two runs race; the unsubscribe link works signed out for that person
// only. The personal feed keeps its address, parses, carries an ETag, and takes registered sources.
import ICAL from "ical.js";
import { db } from "~/lib/db.server.ts";
import { runDigestJob } from "~/modules/digest/jobs.server.ts";
import { registerCalendarSource, registerDigestSection } from "~/modules/digest/registry.server.ts";
import { periodKey, sendDigests } from "~/modules/digest/digest.server.ts";
import * as settingsPage from "~/routes/account.digest.tsx";
import * as unsubscribePage from "~/routes/digest.unsubscribe.$token.tsx";
import * as feedPage from "~/routes/account.calendar.tsx";
import * as feedRoute from "~/routes/calendar.$token.ts";
import { createUser } from "../helpers/fixtures.ts";
import { call, formRequest, getRequest } from "../helpers/requests.ts";
import { member, organizationWithKit, webinar } from "./webinars-fixtures.ts";
import { createFromTemplateData } from "~/modules/surveys/builder.server.ts";
import { SMALL_TEMPLATE } from "./surveys-helpers.ts";

const DAY = 24 * 3600_000;
// A Monday at 07:00 in Rome (06:00 UTC in winter).
const MONDAY = new Date("2026-12-07T06:00:00Z");
const TUESDAY = new Date("2026-12-08T06:00:00Z");

let basicOrg: { id: string };
let plusOrg: { id: string };
let otherOrg: { id: string };

const digestOf = async (userId: string) => {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  return db.outboxEmail.findMany({ where: { toAddress: user.email, template: "digest" }, orderBy: { createdAt: "asc" } });
};

beforeAll(async () => {
  basicOrg = await organizationWithKit("BASIC");
  plusOrg = await organizationWithKit("PLUS");
  otherOrg = await organizationWithKit("PLUS");
});

beforeEach(async () => {
  // Each test builds its own world on the same clock: start from nothing.
  await db.digestSend.deleteMany();
  await db.outboxEmail.deleteMany();
  await db.webinarRegistration.deleteMany();
  await db.webinar.deleteMany();
  await db.surveyParticipation.deleteMany();
  await db.survey.deleteMany();
  await db.blogPost.deleteMany();
  await db.communityNotification.deleteMany();
});

describe("the digest holds only what the person may see", () => {
  it("a BASIC member: no PLUS-only webinar, no staff or lab topic, no survey outside their audience", async () => {
    const basic = await member(basicOrg.id, { name: "Bice Base" });
    const plus = await member(plusOrg.id, { name: "Piero Plus" });
    const soon = new Date(MONDAY.getTime() + 3 * DAY);
    await webinar({ title: "Per tutti i kit base", kits: ["BASIC", "PLUS"], startsAt: soon });
    await webinar({ title: "Solo per il kit PLUS", kits: ["PLUS"], startsAt: soon });
    await webinar({ title: "Bozza non pubblicata", kits: ["BASIC", "PLUS"], startsAt: soon, status: "DRAFT" });
    const registered = await webinar({ title: "Aperto a tutti, iscritto", startsAt: soon });
    await db.webinarRegistration.create({ data: { webinarId: registered.id, userId: basic.user.id, status: "REGISTERED" } });
    await webinar({ title: "Troppo lontano", startsAt: new Date(MONDAY.getTime() + 40 * DAY) });

    await db.blogPost.create({ data: { slug: "novita-settimana", title: "Una novità della settimana", body: "Testo", status: "PUBLISHED", publishedAt: new Date(MONDAY.getTime() - 2 * DAY) } });
    await db.blogPost.create({ data: { slug: "bozza-blog", title: "Bozza del blog", body: "Testo", status: "DRAFT" } });

    // Surveys: a general one for the BASIC kit, a training-needs analysis (the kit does not include
    // it) and one for another organization only.
    await createFromTemplateData({ ...SMALL_TEMPLATE, title: "Analisi dei bisogni" }, null, { status: "OPEN", launchedAt: new Date(MONDAY.getTime() - DAY), audience: "KITS", audienceKits: { create: [{ kit: "BASIC" }] } });
    await createFromTemplateData({ ...SMALL_TEMPLATE, kind: "GENERAL", title: "Questionario per il kit BASIC" }, null, { status: "OPEN", launchedAt: new Date(MONDAY.getTime() - DAY), audience: "KITS", audienceKits: { create: [{ kit: "BASIC" }] } });
    await createFromTemplateData({ ...SMALL_TEMPLATE, title: "Questionario di un altro comune" }, null, { status: "OPEN", launchedAt: new Date(MONDAY.getTime() - DAY), audience: "ORGANIZATIONS", audienceOrganizations: { create: [{ organizationId: otherOrg.id }] } });

    // Forum: the PLUS member chose "in my digest"; notifications from an open, a staff and a lab topic.
    const tutor = await createUser({ role: "TUTOR", name: "Tea Tutor" });
    const topicIn = async (visibility: "COMMUNITY" | "STAFF" | "LAB", title: string) => {
      const category = await db.communityCategory.create({ data: { name: `Categoria ${title}`, visibility, labId: visibility === "LAB" ? "lab-1" : null } });
      const topic = await db.communityTopic.create({ data: { categoryId: category.id, title, authorId: tutor.id, postCount: 1 } });
      const post = await db.communityPost.create({ data: { topicId: topic.id, postNumber: 1, authorId: tutor.id, body: "Ciao" } });
      await db.communityNotification.create({ data: { userId: plus.user.id, kind: "mention", topicId: topic.id, postId: post.id, actorId: tutor.id } });
    };
    await db.communityProfile.create({ data: { userId: plus.user.id, handle: "piero.plus", unsubscribeToken: "piero-plus-token-0000000000", emailMode: "DAILY" } });
    await topicIn("COMMUNITY", "Discussione aperta");
    await topicIn("STAFF", "Riservata allo staff");
    await topicIn("LAB", "Del laboratorio");

    expect(await sendDigests("WEEKLY", MONDAY)).toBeGreaterThanOrEqual(2);

    const [basicMail] = await digestOf(basic.user.id);
    expect(basicMail.subject).toBe("Il riepilogo della settimana su CO-OP: 4 novità");
    expect(basicMail.text).toContain("I TUOI PROSSIMI WEBINAR\n\n- Aperto a tutti, iscritto");
    expect(basicMail.text).toContain("Per tutti i kit base");
    expect(basicMail.text).not.toContain("Solo per il kit PLUS");
    expect(basicMail.text).not.toContain("Bozza non pubblicata");
    expect(basicMail.text).not.toContain("Troppo lontano");
    expect(basicMail.text).toContain("Una novità della settimana");
    expect(basicMail.text).not.toContain("Bozza del blog");
    expect(basicMail.text).toContain("Questionario per il kit BASIC");
    expect(basicMail.text).not.toContain("Questionario di un altro comune");
    expect(basicMail.text).not.toContain("Analisi dei bisogni");
    expect(basicMail.text).not.toContain("Discussione aperta");

    const [plusMail] = await digestOf(plus.user.id);
    expect(plusMail.text).toContain("Solo per il kit PLUS");
    expect(plusMail.text).toContain("Per tutti i kit base");
    expect(plusMail.text).not.toContain("Aperto a tutti, iscritto\n"); // not registered: listed once, under "may join"
    expect(plusMail.text).toContain("NELLA COMUNITÀ\n\n- Discussione aperta\n  Tea Tutor ti ha menzionato");
    expect(plusMail.text).not.toContain("Riservata allo staff");
    expect(plusMail.text).not.toContain("Del laboratorio");
    expect(plusMail.text).not.toContain("Questionario per il kit BASIC");
    expect(plusMail.text).not.toContain("Questionario di un altro comune");
    // The forum notifications count as emailed (also the invisible ones: they will never be shown).
    expect(await db.communityNotification.count({ where: { userId: plus.user.id, emailedAt: null } })).toBe(0);
  });

  it("a lab's survey is in the digest of the lab's members only, not of their colleagues", async () => {
    const inLab = await member(plusOrg.id, { name: "Lia Laboratorio" });
    const colleague = await member(plusOrg.id, { name: "Carlo Collega" });
    const lab = await db.lab.create({
      data: { title: "Laboratorio del digest", startsAt: new Date(MONDAY.getTime() - 10 * DAY), endsAt: new Date(MONDAY.getTime() + 60 * DAY), organizations: { create: [{ organizationId: plusOrg.id }] }, members: { create: [{ userId: inLab.user.id }] } },
    });
    await createFromTemplateData({ ...SMALL_TEMPLATE, kind: "GENERAL", title: "Clima del laboratorio" }, null, { status: "OPEN", launchedAt: new Date(MONDAY.getTime() - DAY), audience: "LAB", labId: lab.id });
    await sendDigests("WEEKLY", MONDAY);
    const [labMail] = await digestOf(inLab.user.id);
    expect(labMail.text).toContain("Clima del laboratorio");
    expect((await digestOf(colleague.user.id)).map((mail) => mail.text).join("\n")).not.toContain("Clima del laboratorio");
  });

  it("an answered survey leaves the digest; nothing new means no email at all", async () => {
    const basic = await member(basicOrg.id);
    const survey = await createFromTemplateData({ ...SMALL_TEMPLATE, title: "Già compilato" }, null, { status: "OPEN", launchedAt: new Date(MONDAY.getTime() - DAY), audience: "KITS", audienceKits: { create: [{ kit: "BASIC" }] } });
    await db.surveyParticipation.create({ data: { surveyId: survey.id, userId: basic.user.id, status: "SUBMITTED" } });
    await sendDigests("WEEKLY", MONDAY);
    expect(await digestOf(basic.user.id)).toHaveLength(0);
    expect(await db.digestSend.count({ where: { userId: basic.user.id } })).toBe(0);
  });
});

it("the digest is in the person's language", async () => {
  const english = await createUser({ organizationId: plusOrg.id, locale: "en", name: "Emma English" });
  await webinar({ title: "Open data", startsAt: new Date(MONDAY.getTime() + 2 * DAY) });
  await sendDigests("WEEKLY", MONDAY);
  const [mail] = await digestOf(english.id);
  expect(mail.subject).toBe("This week's digest on CO-OP: 1 update");
  expect(mail.locale).toBe("en");
  expect(mail.text).toContain("Hello Emma English, here is what is new for you on CO-OP.");
  expect(mail.text).toContain("WEBINARS YOU MAY JOIN\n\n- Open data · ");
  expect(mail.html).toContain('<html lang="en">');
});

it("each person gets one digest per period, even when two runs race or the job is retried", async () => {
  const people = await Promise.all(Array.from({ length: 6 }, () => createUser({ organizationId: plusOrg.id })));
  await webinar({ title: "Per tutti", startsAt: new Date(MONDAY.getTime() + 2 * DAY) });
  const [a, b] = await Promise.all([sendDigests("WEEKLY", MONDAY), sendDigests("WEEKLY", MONDAY)]);
  const ids = people.map((p) => p.id);
  expect(await db.digestSend.count({ where: { userId: { in: ids } } })).toBe(6);
  for (const person of people) expect(await digestOf(person.id)).toHaveLength(1);
  expect(a + b).toBe(await db.digestSend.count());
  // A retry later the same week: nothing more; the next week: again.
  expect(await sendDigests("WEEKLY", new Date(MONDAY.getTime() + 3 * 3600_000))).toBe(0);
  await sendDigests("WEEKLY", new Date(MONDAY.getTime() + 7 * DAY - 2 * DAY)); // still the same week (Saturday)
  for (const person of people) expect(await digestOf(person.id)).toHaveLength(1);
});

it("a period another worker claimed while this one was building the digest is not sent again", async () => {
  const person = await createUser({ organizationId: plusOrg.id });
  let claimedByOther = false;
  // A section that, while the digest is built, lets "another worker" take the period first.
  registerDigestSection({
    key: "test.race",
    heading: { it: "Prova", en: "Test" },
    async collect(user, run) {
      if (user.id === person.id && !claimedByOther) {
        claimedByOther = true;
        await db.digestSend.create({ data: { userId: user.id, periodKey: periodKey(run.frequency, run.now), items: 1 } });
      }
      return { entries: [] };
    },
  });
  await webinar({ title: "Per tutti", startsAt: new Date(MONDAY.getTime() + 2 * DAY) });
  await sendDigests("WEEKLY", MONDAY);
  expect(claimedByOther).toBe(true);
  expect(await digestOf(person.id)).toHaveLength(0);
  expect(await db.digestSend.count({ where: { userId: person.id } })).toBe(1);
});

it("the job sends daily digests every day and weekly ones on Mondays; the choice is on the account page", async () => {
  const daily = await member(plusOrg.id);
  const weekly = await member(plusOrg.id);
  expect((await call(settingsPage.action, formRequest("/account/digest", { frequency: "DAILY" }, { cookie: daily.cookie }))).status).toBe(302);
  const refused = await call(settingsPage.action, formRequest("/account/digest", { frequency: "HOURLY" }, { cookie: weekly.cookie }));
  expect(refused.status).toBe(400);
  expect(((await refused.json()) as { values: { frequency: string } }).values.frequency).toBe("HOURLY");
  expect(((await (await call(settingsPage.loader, getRequest("/account/digest", { cookie: daily.cookie }))).json()) as { frequency: string }).frequency).toBe("DAILY");
  expect(((await (await call(settingsPage.loader, getRequest("/account/digest", { cookie: weekly.cookie }))).json()) as { frequency: string }).frequency).toBe("WEEKLY");

  await webinar({ title: "Domani", startsAt: new Date(TUESDAY.getTime() + 4 * 3600_000) });
  await runDigestJob(TUESDAY);
  expect(await digestOf(daily.user.id)).toHaveLength(1);
  expect(await digestOf(weekly.user.id)).toHaveLength(0);
  await runDigestJob(new Date(MONDAY.getTime() + 7 * DAY));
  expect(await digestOf(weekly.user.id)).toHaveLength(0); // the webinar is in the past by then: nothing to say
  await webinar({ title: "Lunedì prossimo", startsAt: new Date(MONDAY.getTime() + 8 * DAY) });
  await runDigestJob(new Date(MONDAY.getTime() + 7 * DAY));
  expect(await digestOf(weekly.user.id)).toHaveLength(1);
  expect(await digestOf(daily.user.id)).toHaveLength(2);
});

it("the unsubscribe link works signed out, for that person only, and the headers offer one-click", async () => {
  const anna = await createUser({ organizationId: plusOrg.id, email: "anna.digest@comune.example.it" });
  const bruno = await createUser({ organizationId: plusOrg.id });
  await webinar({ title: "Per tutti", startsAt: new Date(MONDAY.getTime() + 2 * DAY) });
  await sendDigests("WEEKLY", MONDAY);
  const [mail] = await digestOf(anna.id);
  const link = /https?:\/\/\S+\/digest\/unsubscribe\/([A-Za-z0-9_-]+)/.exec(mail.text)!;
  const headers = JSON.parse(mail.headers!) as Record<string, string>;
  expect(headers["List-Unsubscribe"]).toBe(`<${link[0]}>`);
  expect(headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
  const token = link[1];

  const page = await call(unsubscribePage.loader, getRequest(`/digest/unsubscribe/${token}`), { token });
  expect(page.status).toBe(200);
  expect(((await page.json()) as { email: string }).email).toBe("anna.digest@comune.example.it");
  expect((await db.digestPreference.findUniqueOrThrow({ where: { userId: anna.id } })).frequency).toBe("WEEKLY"); // opening the page changes nothing
  expect((await call(unsubscribePage.action, formRequest(`/digest/unsubscribe/${token}`, { "List-Unsubscribe": "One-Click" }), { token })).status).toBe(200);
  expect((await db.digestPreference.findUniqueOrThrow({ where: { userId: anna.id } })).frequency).toBe("NONE");
  expect((await db.digestPreference.findUniqueOrThrow({ where: { userId: bruno.id } })).frequency).toBe("WEEKLY");
  expect((await call(unsubscribePage.action, formRequest("/digest/unsubscribe/not-a-token-of-anyone-000", {}), { token: "not-a-token-of-anyone-000" })).status).toBe(404);

  const nextMonday = new Date(MONDAY.getTime() + 7 * DAY);
  await webinar({ title: "La settimana dopo", startsAt: new Date(nextMonday.getTime() + 2 * DAY) });
  await sendDigests("WEEKLY", nextMonday);
  expect(await digestOf(anna.id)).toHaveLength(1);
  expect(await digestOf(bruno.id)).toHaveLength(2);
});

describe("one calendar", () => {
  const feedOf = async (cookie: string) => {
    const renewed = await call(feedPage.action, formRequest("/account/calendar", { intent: "renew" }, { cookie }));
    const { url } = (await renewed.json()) as { url: string };
    const token = /\/calendar\/([^/]+)\.ics$/.exec(url)!;
    return { url, token: token[1] };
  };
  const summaries = (text: string) => new ICAL.Component(ICAL.parse(text)).getAllSubcomponents("vevent").map((vevent) => String(vevent.getFirstPropertyValue("summary")));

  it("keeps its address, parses, lists registered webinars and, by choice, every webinar one may attend, plus registered sources", async () => {
    const basic = await member(basicOrg.id);
    const start = new Date(Date.now() + 5 * DAY);
    const mine = await webinar({ title: "Iscritta", startsAt: start });
    await db.webinarRegistration.create({ data: { webinarId: mine.id, userId: basic.user.id, status: "REGISTERED" } });
    await webinar({ title: "Aperto al kit BASIC", kits: ["BASIC"], startsAt: start });
    await webinar({ title: "Solo PLUS", kits: ["PLUS"], startsAt: start });
    registerCalendarSource("test-labs", async (userId, from, to) =>
      userId === basic.user.id && from < start && to > start
        ? [{ uid: "lab-session-1@coop.test", title: "Laboratorio in presenza", startsAt: start, endsAt: new Date(start.getTime() + 7200_000), location: "Sala consiliare", url: "http://localhost:3000/labs/1" }]
        : [],
    );

    const { url, token } = await feedOf(basic.cookie);
    expect(url).toMatch(/\/calendar\/[A-Za-z0-9_-]+\.ics$/);
    const get = (headers: Record<string, string> = {}) => call(feedRoute.loader, getRequest(`/calendar/${token}.ics`, { headers }), { token: `${token}.ics` });
    const first = await get();
    expect(first.status).toBe(200);
    expect(summaries(await first.text()).sort()).toEqual(["Iscritta", "Laboratorio in presenza"]);

    expect((await call(feedPage.action, formRequest("/account/calendar", { intent: "settings", allWebinars: "on" }, { cookie: basic.cookie }))).status).toBe(302);
    const all = await get();
    const etag = all.headers.get("ETag")!;
    expect(etag).toMatch(/^".+"$/);
    expect(summaries(await all.text()).sort()).toEqual(["Aperto al kit BASIC", "Iscritta", "Laboratorio in presenza"]);
    // Unchanged: a revalidation answers 304 (the DTSTAMP, the time of the request, does not count).
    expect((await get({ "If-None-Match": etag })).status).toBe(304);
    await webinar({ title: "Un altro per tutti", startsAt: start });
    const changed = await get({ "If-None-Match": etag });
    expect(changed.status).toBe(200);
    expect(summaries(await changed.text())).toContain("Un altro per tutti");

    expect((await call(feedPage.action, formRequest("/account/calendar", { intent: "settings" }, { cookie: basic.cookie }))).status).toBe(302);
    expect(summaries(await (await get()).text()).sort()).toEqual(["Iscritta", "Laboratorio in presenza"]);
  });
});
