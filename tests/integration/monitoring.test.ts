// The monitoring dashboards (issue 14) against hand-computed figures on a small data set made
// here (not the demo seed): a union with a PLUS enrolment covering municipality A, municipality B
// with BASIC, municipality C with none; webinars, attendance, recordings, forum and surveys inside
// and outside the period. Then the scope (a manager of B never sees A; a tutor sees only their
// scope, empty until labs are merged), the CSV and the PDF report.
import { PDFParse } from "pdf-parse";
import { db } from "~/lib/db.server.ts";
import { tokenize } from "~/lib/csv/reader.ts";
import { loader as csvLoader } from "~/routes/monitoring.csv.ts";
import { loader as pageLoader } from "~/routes/monitoring._index.tsx";
import { loader as pdfLoader } from "~/routes/monitoring.report[.]pdf.ts";
import { createUser, sessionCookieFor } from "../helpers/fixtures.ts";
import { call, getRequest } from "../helpers/requests.ts";
import { attend, createWebinar, register } from "./recordings-helpers.ts";

const DAY = 24 * 3600_000;
const PERIOD = "from=2026-01-01&to=2026-12-31";

let shared: ReturnType<typeof build> | undefined;
/** One data set for the whole file (the figures of a run must not include another test's rows). */
const scenario = () => (shared ??= build());

async function build() {
  const now = Date.now();
  const union = await db.organization.create({ data: { name: "Unione Monitorata", kind: "UNION" } });
  const orgA = await db.organization.create({ data: { name: "Comune Monitorato A", kind: "MUNICIPALITY", parentId: union.id } });
  const orgB = await db.organization.create({ data: { name: "Comune Monitorato B", kind: "MUNICIPALITY" } });
  const orgC = await db.organization.create({ data: { name: "Comune Monitorato C", kind: "MUNICIPALITY" } });
  // The union's PLUS ends in 45 days (within 60 and 90, not 30); B's BASIC in 20 days (within all three).
  await db.enrolment.create({ data: { organizationId: union.id, kit: "PLUS", status: "ACTIVE", startsAt: new Date(now - 300 * DAY), endsAt: new Date(now + 45 * DAY), seats: 50 } });
  await db.enrolment.create({ data: { organizationId: orgB.id, kit: "BASIC", status: "ACTIVE", startsAt: new Date(now - 300 * DAY), endsAt: new Date(now + 20 * DAY), seats: 10 } });
  await db.enrolment.create({ data: { organizationId: orgB.id, kit: "BASIC", status: "EXPIRED", startsAt: new Date(now - 700 * DAY), endsAt: new Date(now - 301 * DAY), seats: 10 } });
  const a1 = await createUser({ name: "Anna Uno", organizationId: orgA.id });
  const a2 = await createUser({ name: "Aldo Due", organizationId: orgA.id });
  const b1 = await createUser({ name: "Bruna Uno", organizationId: orgB.id });
  const managerA = await createUser({ organizationId: orgA.id, isOrganizationManager: true });
  const managerB = await createUser({ organizationId: orgB.id, isOrganizationManager: true });
  const managerU = await createUser({ organizationId: union.id, isOrganizationManager: true });
  const tutor = await createUser({ role: "TUTOR" });
  const admin = await createUser({ role: "ADMIN" });

  // W1 (20 Nov 2026, 90 minutes): A registers two, B one; a cancelled registration does not count.
  const w1 = await createWebinar({ title: "Webinar monitorato" });
  await register(w1.id, a1.id);
  await register(w1.id, a2.id);
  await register(w1.id, b1.id);
  await db.webinarRegistration.create({ data: { webinarId: w1.id, userId: managerA.id, status: "CANCELLED" } });
  // a1: 80 + 5 minutes in two connections (one person-webinar pair); b1: 30 minutes.
  await attend(w1.id, a1.id, 0, 80);
  await attend(w1.id, a1.id, 85, 90);
  await attend(w1.id, b1.id, 0, 30);
  // a2 watched 20 minutes of the recording in the period; b1 watched 5 minutes in 2025 (outside).
  const recording = await db.recording.create({ data: { webinarId: w1.id, source: "UPLOAD", status: "COMPLETE", durationSeconds: 5400 } });
  await db.recordingWatch.create({ data: { recordingId: recording.id, userId: a2.id, seconds: new Uint8Array(0), watchedSeconds: 1200, lastHeartbeatAt: new Date("2026-11-21T10:00:00Z") } });
  await db.recordingWatch.create({ data: { recordingId: recording.id, userId: b1.id, seconds: new Uint8Array(0), watchedSeconds: 300, lastHeartbeatAt: new Date("2025-11-21T10:00:00Z") } });
  // W0 in 2025: outside the period.
  const w0 = await createWebinar({ startsAt: new Date("2025-05-05T08:00:00Z"), liveStartedAt: new Date("2025-05-05T08:00:00Z"), liveEndedAt: new Date("2025-05-05T09:30:00Z") });
  await register(w0.id, a1.id);
  await db.webinarAttendance.create({ data: { webinarId: w0.id, userId: a1.id, participantSid: "PA_w0", joinedAt: new Date("2025-05-05T08:00:00Z"), leftAt: new Date("2025-05-05T09:30:00Z") } });

  // Forum: a topic by a1 (posts by a1 and a2) in 2026, a hidden post by b1; a 2025 topic by b1.
  const category = await db.communityCategory.create({ data: { name: "Generale" } });
  const topic = await db.communityTopic.create({ data: { categoryId: category.id, title: "Domanda", authorId: a1.id, createdAt: new Date("2026-03-01T10:00:00Z") } });
  await db.communityPost.create({ data: { topicId: topic.id, postNumber: 1, authorId: a1.id, body: "Uno", createdAt: new Date("2026-03-01T10:00:00Z") } });
  await db.communityPost.create({ data: { topicId: topic.id, postNumber: 2, authorId: a2.id, body: "Due", createdAt: new Date("2026-03-02T10:00:00Z") } });
  await db.communityPost.create({ data: { topicId: topic.id, postNumber: 3, authorId: b1.id, body: "Nascosto", hiddenAt: new Date(), hiddenReason: "moderator", createdAt: new Date("2026-03-03T10:00:00Z") } });
  const old = await db.communityTopic.create({ data: { categoryId: category.id, title: "Vecchia", authorId: b1.id, createdAt: new Date("2025-03-01T10:00:00Z") } });
  await db.communityPost.create({ data: { topicId: old.id, postNumber: 1, authorId: b1.id, body: "Vecchio", createdAt: new Date("2025-03-01T10:00:00Z") } });

  // Surveys: launched in February 2026, a1 and b1 submitted, a2 did not; a 2025 survey is outside.
  const survey = await db.survey.create({ data: { title: "Fabbisogni", status: "OPEN", launchedAt: new Date("2026-02-01T09:00:00Z") } });
  const invitedAt = new Date("2026-02-01T09:00:00Z");
  await db.surveyParticipation.create({ data: { surveyId: survey.id, userId: a1.id, invitedAt, status: "SUBMITTED" } });
  await db.surveyParticipation.create({ data: { surveyId: survey.id, userId: a2.id, invitedAt } });
  await db.surveyParticipation.create({ data: { surveyId: survey.id, userId: b1.id, invitedAt, status: "SUBMITTED" } });
  const oldSurvey = await db.survey.create({ data: { title: "Vecchio", status: "CLOSED", launchedAt: new Date("2025-02-01T09:00:00Z") } });
  await db.surveyParticipation.create({ data: { surveyId: oldSurvey.id, userId: a1.id, invitedAt: new Date("2025-02-01T09:00:00Z"), status: "SUBMITTED" } });

  return { union, orgA, orgB, orgC, a1, managerA, managerB, managerU, tutor, admin };
}

const get = async (fn: Parameters<typeof call>[0], path: string, userId?: string) => call(fn, getRequest(path, { cookie: userId ? await sessionCookieFor(userId) : undefined }));

type Row = { organizationId: string; name: string; kit: string | null } & Record<string, number>;
const page = async (path: string, userId: string) => (await (await get(pageLoader, path, userId)).json()) as { data: { organizations: Row[]; kits: Row[]; total: Record<string, number> }; choices: { id: string }[] };

it("counts every figure of the period per organization as computed by hand", async () => {
  const s = await scenario();
  const { data } = await page(`/monitoring?${PERIOD}`, s.admin.id);
  const row = (id: string) => data.organizations.find((o) => o.organizationId === id)!;
  expect(row(s.orgA.id)).toMatchObject({
    kit: "PLUS",
    enrolmentsActive: 0,
    registrations: 2,
    attendees: 1,
    liveMinutes: 85,
    recordingMinutes: 20,
    topics: 1,
    posts: 2,
    activePeople: 2,
    surveyAudience: 2,
    surveyResponses: 1,
    people: 3,
    // W1's threshold is 75% of 90 minutes: a1's 85 live minutes count, a2's replay does not.
    trainingMinutes: 85,
    peopleAtTarget: 0,
  });
  expect(row(s.orgB.id)).toMatchObject({
    kit: "BASIC",
    enrolmentsActive: 1,
    expiring30: 1,
    expiring60: 1,
    expiring90: 1,
    registrations: 1,
    attendees: 1,
    liveMinutes: 30,
    recordingMinutes: 0,
    topics: 0,
    posts: 0,
    activePeople: 0,
    surveyAudience: 1,
    surveyResponses: 1,
    people: 2,
    trainingMinutes: 0,
  });
  expect(row(s.union.id)).toMatchObject({ kit: "PLUS", enrolmentsActive: 1, expiring30: 0, expiring60: 1, expiring90: 1, people: 1 });
  expect(row(s.orgC.id)).toMatchObject({ kit: null, registrations: 0, people: 0 });
  const plus = data.kits.find((k) => k.kit === "PLUS")!;
  expect(plus).toMatchObject({ organizations: 2, registrations: 2, attendees: 1, enrolmentsActive: 1, people: 4 });
  expect(data.total).toMatchObject({ registrations: 3, attendees: 2, liveMinutes: 115, recordingMinutes: 20, posts: 2, surveyAudience: 3, surveyResponses: 2 });

  // The previous year holds the 2025 webinar, watch, topic and survey.
  const y2025 = await page("/monitoring?from=2025-01-01&to=2025-12-31", s.admin.id);
  const a2025 = y2025.data.organizations.find((o) => o.organizationId === s.orgA.id)!;
  expect(a2025).toMatchObject({ registrations: 1, attendees: 1, liveMinutes: 90, surveyAudience: 1, surveyResponses: 1, trainingMinutes: 90 });
  expect(y2025.data.organizations.find((o) => o.organizationId === s.orgB.id)).toMatchObject({ recordingMinutes: 5, topics: 1, posts: 1, activePeople: 1 });
});

it("filters by kit and by organization", async () => {
  const s = await scenario();
  const basic = await page(`/monitoring?${PERIOD}&kit=BASIC`, s.admin.id);
  expect(basic.data.organizations.map((o) => o.name)).toEqual(["Comune Monitorato B"]);
  const onlyA = await page(`/monitoring?${PERIOD}&organization=${s.orgA.id}`, s.admin.id);
  expect(onlyA.data.organizations.map((o) => o.name)).toEqual(["Comune Monitorato A"]);
  expect(onlyA.data.total.registrations).toBe(2);
});

it("a manager sees their organization (a union's manager its municipalities too), never another's", async () => {
  const s = await scenario();
  const b = await page(`/monitoring?${PERIOD}`, s.managerB.id);
  expect(b.data.organizations.map((o) => o.name)).toEqual(["Comune Monitorato B"]);
  expect(b.choices.map((c) => c.id)).toEqual([s.orgB.id]);
  expect((await get(pageLoader, `/monitoring?${PERIOD}&organization=${s.orgA.id}`, s.managerB.id)).status).toBe(404);
  expect((await get(csvLoader, `/monitoring/csv?${PERIOD}&table=webinars&organization=${s.orgA.id}`, s.managerB.id)).status).toBe(404);
  expect((await get(pdfLoader, `/monitoring/report.pdf?${PERIOD}&organization=${s.orgA.id}`, s.managerB.id)).status).toBe(404);
  const union = await page(`/monitoring?${PERIOD}`, s.managerU.id);
  expect(union.data.organizations.map((o) => o.name).sort()).toEqual(["Comune Monitorato A", "Unione Monitorata"]);
  // A municipality's manager does not see the union above it.
  const a = await page(`/monitoring?${PERIOD}`, s.managerA.id);
  expect(a.data.organizations.map((o) => o.name)).toEqual(["Comune Monitorato A"]);
  expect((await get(pageLoader, `/monitoring?${PERIOD}&organization=${s.union.id}`, s.managerA.id)).status).toBe(404);
});

it("a tutor sees exactly the organizations of the labs they tutor; members are refused", async () => {
  const s = await scenario();
  const before = await page(`/monitoring?${PERIOD}`, s.tutor.id);
  expect(before.data.organizations).toEqual([]);
  expect(before.data.total.registrations).toBe(0);
  expect((await get(pageLoader, `/monitoring?${PERIOD}&organization=${s.orgA.id}`, s.tutor.id)).status).toBe(404);
  // A lab for organization B, tutored by them: B is their scope, A still is not.
  await db.lab.create({
    data: {
      title: "Laboratorio monitorato",
      startsAt: new Date("2026-01-01T00:00:00Z"),
      endsAt: new Date("2026-12-31T00:00:00Z"),
      organizations: { create: { organizationId: s.orgB.id } },
      tutors: { create: { userId: s.tutor.id } },
    },
  });
  const tutor = await page(`/monitoring?${PERIOD}`, s.tutor.id);
  expect(tutor.data.organizations.map((o) => o.name)).toEqual(["Comune Monitorato B"]);
  expect((await get(pageLoader, `/monitoring?${PERIOD}&organization=${s.orgB.id}`, s.tutor.id)).status).toBe(200);
  expect((await get(pageLoader, `/monitoring?${PERIOD}&organization=${s.orgA.id}`, s.tutor.id)).status).toBe(404);
  expect((await get(pageLoader, `/monitoring?${PERIOD}`, s.a1.id)).status).toBe(403);
  const visitor = await get(pageLoader, `/monitoring?${PERIOD}`);
  expect(visitor.status).toBe(302);
});

it("answers a bad filter with a 400 that says what is wrong", async () => {
  const s = await scenario();
  for (const query of ["from=2026-02-30&to=2026-03-01", "from=2026-05-01&to=2026-04-01", "kit=GOLD"]) {
    const response = await get(pageLoader, `/monitoring?${query}`, s.admin.id);
    expect(response.status).toBe(400);
  }
  expect(((await (await get(pageLoader, "/monitoring?kit=GOLD", s.admin.id)).json()) as { reason: string }).reason).toBe("monitoring:errors.badKit");
  expect((await get(csvLoader, `/monitoring/csv?${PERIOD}&table=nothing`, s.admin.id)).status).toBe(404);
});

it("exports each table as CSV that parses back to the figures", async () => {
  const s = await scenario();
  const response = await get(csvLoader, `/monitoring/csv?${PERIOD}&table=webinars`, s.managerU.id);
  expect(response.headers.get("Content-Type")).toContain("text/csv");
  const text = (await response.text()).replace(/^\uFEFF/, "");
  const rows = tokenize(text, ";").map((r) => r.cells);
  expect(rows[0]).toEqual(["Organizzazione", "Kit", "Iscrizioni ai webinar", "Presenze in diretta", "Presenze sulle iscrizioni (%)", "Minuti in diretta", "Minuti di registrazione"]);
  expect(rows).toContainEqual(["Comune Monitorato A", "Plus", "2", "1", "50", "85", "20"]);
  expect(rows).toHaveLength(3);
  const kits = tokenize((await (await get(csvLoader, `/monitoring/csv?${PERIOD}&table=kits`, s.admin.id)).text()).replace(/^\uFEFF/, ""), ";").map((r) => r.cells);
  const header = kits[0];
  const basic = kits.find((r) => r[0] === "Base")!;
  expect(basic[header.indexOf("Iscrizioni attive")]).toBe("1");
  expect(basic[header.indexOf("Minuti in diretta")]).toBe("30");
});

it("the PDF report for funding names the organization and the period and prints every figure", async () => {
  const s = await scenario();
  const response = await get(pdfLoader, `/monitoring/report.pdf?${PERIOD}&organization=${s.orgA.id}`, s.managerU.id);
  expect(response.headers.get("Content-Type")).toBe("application/pdf");
  const parser = new PDFParse({ data: new Uint8Array(await response.arrayBuffer()) });
  const text = (await parser.getText()).text;
  await parser.destroy();
  expect(text).toContain("Report di monitoraggio per la rendicontazione");
  expect(text).toContain("Organizzazione: Comune Monitorato A");
  expect(text).toContain("Periodo: dal 1 gennaio 2026 al 31 dicembre 2026");
  for (const line of [
    "Iscrizioni ai webinar: 2",
    "Presenze in diretta: 1",
    "Presenze sulle iscrizioni (%): 50 %",
    "Minuti in diretta: 85",
    "Minuti di registrazione: 20",
    "Discussioni: 1",
    "Messaggi: 2",
    "Persone attive: 2",
    "Persone invitate: 2",
    "Risposte inviate: 1",
    "Compilazione (%): 50 %",
    "Persone: 3",
    "Ore di formazione: 1,4",
    "Ore obiettivo: 120",
  ]) {
    expect(text).toContain(line);
  }
  expect(text).toMatch(/Generato il \d+ \w+ \d{4}/);
  expect(text).toContain("Documento generato dalla piattaforma CO-OP");
  // A report over several organizations lists each with its figures, and still ends with the footer.
  const union = await get(pdfLoader, `/monitoring/report.pdf?${PERIOD}`, s.managerU.id);
  const parser2 = new PDFParse({ data: new Uint8Array(await union.arrayBuffer()) });
  const unionText = (await parser2.getText()).text;
  await parser2.destroy();
  expect(unionText).toContain("Organizzazioni: 2");
  expect(unionText).toContain("Comune Monitorato A");
  expect(unionText).toContain("Unione Monitorata");
  expect(unionText.indexOf("Documento generato dalla piattaforma CO-OP")).toBeGreaterThan(unionText.indexOf("Unione Monitorata"));
});
