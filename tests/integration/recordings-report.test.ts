// The attendance report: registrants and participants with merged intervals, share of the
// duration, replay minutes, totals per organization, CSV with formula cells neutralized; only
// staff and the webinar's hosts see it.
import { db } from "~/lib/db.server.ts";
import { loader as reportLoader } from "~/routes/webinars.$slug.report._index.tsx";
import { loader as csvLoader } from "~/routes/webinars.$slug.report.csv.tsx";
import { loader as detailLoader } from "~/routes/webinars.$slug._index.tsx";
import { createUser, sessionCookieFor } from "../helpers/fixtures.ts";
import { call, getRequest } from "../helpers/requests.ts";
import { attend, createWebinar, register } from "./recordings-helpers.ts";

async function scenario() {
  const org = await db.organization.create({ data: { name: "Comune di Soglia", kind: "MUNICIPALITY" } });
  const webinar = await createWebinar();
  const above = await createUser({ name: "Anna Sopra", organizationId: org.id });
  const below = await createUser({ name: "=HYPERLINK(\"http://x\")", organizationId: org.id });
  const absent = await createUser({ name: "Carla Assente" });
  const host = await createUser({ name: "Ospite Host" });
  await db.webinarRole.create({ data: { webinarId: webinar.id, userId: host.id, role: "HOST" } });
  for (const user of [above, below, absent]) await register(webinar.id, user.id);
  // above: 0-40 and a reconnect 35-70 (overlap) = 70 min (77%); below: 10-60 = 50 min (55%)
  await attend(webinar.id, above.id, -10, 40);
  await attend(webinar.id, above.id, 35, 70);
  await attend(webinar.id, below.id, 10, 60);
  return { webinar, above, below, absent, host, org };
}

it("shows each person's minutes, share and threshold, and totals per organization", async () => {
  const { webinar, above, below, absent, host } = await scenario();
  const response = await call(reportLoader, getRequest(`/webinars/${webinar.slug}/report`, { cookie: await sessionCookieFor(host.id) }), { slug: webinar.slug });
  expect(response.status).toBe(200);
  const data = await response.json();
  const byId = Object.fromEntries(data.rows.map((row: { userId: string }) => [row.userId, row]));
  expect(byId[above.id]).toMatchObject({ registered: true, connections: 2, liveMinutes: 70, livePercent: 77, certified: true, firstJoin: "2026-11-20T08:50:00.000Z", lastLeave: "2026-11-20T10:10:00.000Z" });
  expect(byId[below.id]).toMatchObject({ registered: true, connections: 1, liveMinutes: 50, livePercent: 55, certified: false });
  expect(byId[absent.id]).toMatchObject({ registered: true, connections: 0, liveMinutes: 0, certified: false });
  expect(data.organizations).toContainEqual({ organization: "Comune di Soglia", registrants: 2, attendedLive: 2, liveMinutes: 120, replayMinutes: 0, certified: 1 });
  expect(data.satisfaction).toBeNull();
});

it("shows the satisfaction questionnaire's responses, and its mean score only from five responses on", async () => {
  const { webinar, host } = await scenario();
  const survey = await db.survey.create({ data: { title: "Gradimento", kind: "SATISFACTION", status: "OPEN", audience: "WEBINAR", webinarId: webinar.id } });
  const section = await db.surveySection.create({ data: { surveyId: survey.id, position: 0, title: "Il webinar" } });
  const question = await db.surveyQuestion.create({ data: { surveyId: survey.id, sectionId: section.id, position: 0, type: "LIKERT", text: "Soddisfazione" } });
  const answer = async (score: number) => {
    const response = await db.surveyResponse.create({ data: { id: `r-${score}-${Math.random().toString(36).slice(2)}`, surveyId: survey.id } });
    await db.surveyAnswer.create({ data: { id: `${response.id}-a`, responseId: response.id, questionId: question.id, value: String(score) } });
  };
  const report = async () => {
    const response = await call(reportLoader, getRequest(`/webinars/${webinar.slug}/report`, { cookie: await sessionCookieFor(host.id) }), { slug: webinar.slug });
    return (await response.json()).satisfaction;
  };
  for (const score of [5, 4, 4, 3]) await answer(score);
  // Four answers: a group too small to show a mean without exposing each person's score.
  expect(await report()).toEqual({ responses: 4, average: null });
  await answer(5);
  expect(await report()).toEqual({ responses: 5, average: 4.2 });
});

it("the webinar's page links its hosts to the report and the recording upload; attendees see neither until a recording exists", async () => {
  const { webinar, host, above } = await scenario();
  const links = async (userId: string) =>
    (await (await call(detailLoader, getRequest(`/webinars/${webinar.slug}`, { cookie: await sessionCookieFor(userId) }), { slug: webinar.slug })).json()).links;
  expect(await links(host.id)).toEqual({ report: true, recording: true });
  expect(await links(above.id)).toEqual({ report: false, recording: false });
});

it("the CSV has the same figures and neutralizes formula cells", async () => {
  const { webinar, host } = await scenario();
  const response = await call(csvLoader, getRequest(`/webinars/${webinar.slug}/report/csv`, { cookie: await sessionCookieFor(host.id) }), { slug: webinar.slug });
  expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  expect(text.startsWith("\uFEFFNome;Email;Ente;Iscritto")).toBe(true);
  expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
  const anna = text.split("\r\n").find((line) => line.startsWith("Anna Sopra"))!;
  expect(anna.split(";").slice(6)).toEqual(["2", "70", "77", "0", "70", "Sì"]);
});

it("refuses attendees (403) and those who cannot see the webinar (404); staff see it", async () => {
  const { webinar, above } = await scenario();
  const as = async (userId: string) => (await call(reportLoader, getRequest(`/webinars/${webinar.slug}/report`, { cookie: await sessionCookieFor(userId) }), { slug: webinar.slug })).status;
  const tutor = await createUser({ role: "TUTOR" });
  expect(await as(tutor.id)).toBe(200);
  // an ENDED public webinar: a member without the recordings entitlement cannot see it at all
  expect(await as(above.id)).toBe(404);
  const upcoming = await createWebinar({ status: "SCHEDULED", liveStartedAt: null, liveEndedAt: null });
  expect((await call(reportLoader, getRequest(`/webinars/${upcoming.slug}/report`, { cookie: await sessionCookieFor(above.id) }), { slug: upcoming.slug })).status).toBe(403);
  const draft = await createWebinar({ status: "DRAFT" });
  expect((await call(reportLoader, getRequest(`/webinars/${draft.slug}/report`, { cookie: await sessionCookieFor(above.id) }), { slug: draft.slug })).status).toBe(404);
  expect((await call(reportLoader, getRequest(`/webinars/missing/report`, { cookie: await sessionCookieFor(tutor.id) }), { slug: "missing" })).status).toBe(404);
});
