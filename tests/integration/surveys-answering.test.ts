// Answering: required questions, progress per section, one response per person under concurrent
// submissions, a closed survey refusing with its date, and anonymity that holds in the database.
import { db, databaseKind } from "~/lib/db.server.ts";
import { action, loader } from "~/routes/surveys.$id.tsx";
import { sessionCookieFor } from "../helpers/fixtures.ts";
import { call, formRequest, getRequest } from "../helpers/requests.ts";
import { openSurvey, plusUnion } from "./surveys-helpers.ts";

type Q = Awaited<ReturnType<typeof openSurvey>>["q"];

const first = (q: Q, likert = "4", matrix = ["2", "3", "5"]) => ({
  section: "1",
  intent: "next",
  [`q_${q[0].id}`]: likert,
  [`q_${q[1].id}_1`]: matrix[0],
  [`q_${q[1].id}_2`]: matrix[1],
  [`q_${q[1].id}_3`]: matrix[2],
});
const second = (q: Q, intent = "submit") => ({ section: "2", intent, [`q_${q[2].id}`]: "1", [`q_${q[3].id}`]: ["1", "3"], [`q_${q[4].id}`]: "8", [`q_${q[5].id}`]: "Più esempi pratici" });

async function answer(surveyId: string, cookie: string, fields: Record<string, string | string[]>) {
  return call(action, formRequest(`/surveys/${surveyId}`, fields, { cookie }), { id: surveyId });
}

async function completeFor(surveyId: string, q: Q, userId: string, likert = "4") {
  const cookie = await sessionCookieFor(userId);
  expect((await answer(surveyId, cookie, first(q, likert))).status).toBe(302);
  return { cookie, response: await answer(surveyId, cookie, second(q)) };
}

describe("answering a survey", () => {
  it("refuses a section whose required questions are unanswered, naming each question", async () => {
    const { alba, members } = await plusUnion();
    const [member] = await members(alba.id, 1);
    const { survey, q } = await openSurvey();
    const cookie = await sessionCookieFor(member.id);
    const response = await answer(survey.id, cookie, { section: "1", intent: "next", [`q_${q[0].id}`]: "4" });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(Object.keys(body.errors).sort()).toEqual([`q_${q[1].id}_1`, `q_${q[1].id}_2`, `q_${q[1].id}_3`].sort());
    expect(body.errors[`q_${q[1].id}_1`]).toBe("surveys:answer.required");
    // What was typed comes back, so nothing is lost.
    expect(body.answers[`q_${q[0].id}`]).toEqual(["4"]);
    // A choice outside the scale is refused too.
    const bad = await answer(survey.id, cookie, { ...first(q), [`q_${q[0].id}`]: "9" });
    expect(bad.status).toBe(400);
  });

  it("saves progress per section: coming back shows the saved answers", async () => {
    const { alba, members } = await plusUnion();
    const [member] = await members(alba.id, 1);
    const { survey, q } = await openSurvey();
    const cookie = await sessionCookieFor(member.id);
    const saved = await answer(survey.id, cookie, first(q));
    expect(saved.headers.get("Location")).toBe(`/surveys/${survey.id}?section=2`);
    const page = await (await call(loader, getRequest(`/surveys/${survey.id}?section=1`, { cookie }), { id: survey.id })).json();
    expect(page.answers[`q_${q[0].id}`]).toEqual(["4"]);
    expect(page.answers[`q_${q[1].id}_3`]).toEqual(["5"]);
    expect(page.section.title).toBe("Prima");
  });

  it("keeps one response per person under 20 concurrent submissions (anonymous: the rest are told they already answered)", async () => {
    const { alba, members } = await plusUnion();
    const [member] = await members(alba.id, 1);
    const { survey, q } = await openSurvey();
    const cookie = await sessionCookieFor(member.id);
    await answer(survey.id, cookie, first(q));
    const responses = await Promise.all(Array.from({ length: 20 }, () => answer(survey.id, cookie, second(q))));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 302)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
    expect(await db.surveyResponse.count({ where: { surveyId: survey.id } })).toBe(1);
    expect(await db.surveyParticipation.count({ where: { surveyId: survey.id } })).toBe(1);
  });

  it("keeps one response per person under 20 concurrent submissions of a named survey (later ones edit it)", async () => {
    const { alba, members } = await plusUnion();
    const [member] = await members(alba.id, 1);
    const { survey, q } = await openSurvey(undefined, { anonymous: false });
    const cookie = await sessionCookieFor(member.id);
    await answer(survey.id, cookie, first(q));
    const responses = await Promise.all(Array.from({ length: 20 }, () => answer(survey.id, cookie, second(q))));
    expect(responses.every((response) => response.status === 302)).toBe(true);
    expect(await db.surveyResponse.count({ where: { surveyId: survey.id } })).toBe(1);
    const response = await db.surveyResponse.findFirstOrThrow({ where: { surveyId: survey.id }, include: { answers: true } });
    // 1 likert + 3 matrix rows + 1 single + 2 multiple + 1 scale + 1 text, once each.
    expect(response.answers).toHaveLength(9);
    // Editing until the close date: a second pass changes the answer.
    await answer(survey.id, cookie, first(q, "1"));
    await answer(survey.id, cookie, second(q));
    const edited = await db.surveyAnswer.findFirstOrThrow({ where: { responseId: response.id, questionId: q[0].id } });
    expect(edited.value).toBe("1");
  });

  it("refuses a closed survey with a message that gives the closing date", async () => {
    const { alba, members } = await plusUnion();
    const [member] = await members(alba.id, 1);
    const { survey, q } = await openSurvey(undefined, { closesAt: new Date(Date.UTC(2026, 0, 15, 17, 0)) });
    const cookie = await sessionCookieFor(member.id);
    for (const response of [await call(loader, getRequest(`/surveys/${survey.id}`, { cookie }), { id: survey.id }), await answer(survey.id, cookie, first(q))]) {
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ reason: "surveys:reasons.closed", values: { date: "15 gennaio 2026 alle ore 18:00" } });
    }
    expect(await db.surveyParticipation.count({ where: { surveyId: survey.id } })).toBe(0);
  });

  it("refuses members outside the audience (a BASIC municipality for the PLUS analysis)", async () => {
    const { basicOrg, members } = await plusUnion();
    const [member] = await members(basicOrg.id, 1);
    const { survey } = await openSurvey(undefined, { audience: "KITS" });
    await db.surveyAudienceKit.create({ data: { surveyId: survey.id, kit: "PLUS" } }).catch(() => undefined);
    const response = await call(loader, getRequest(`/surveys/${survey.id}`, { cookie: await sessionCookieFor(member.id) }), { id: survey.id });
    expect(response.status).toBe(403);
  });
});

describe("anonymity", () => {
  async function columns(table: string): Promise<string[]> {
    if (databaseKind() === "sqlite") return (await db.$queryRawUnsafe<{ name: string }[]>(`PRAGMA table_info("${table}")`)).map((row) => row.name);
    return (await db.$queryRawUnsafe<{ column_name: string }[]>(`SELECT column_name::text AS column_name FROM information_schema.columns WHERE table_name = $1 AND table_schema = current_schema()`, table)).map((row) => row.column_name);
  }
  const text = (value: unknown) => (value instanceof Date ? value.toISOString() : value === null || value === undefined ? null : String(value));

  it("no column of a stored anonymous response or answer narrows it down to one person", async () => {
    const { alba, borgo, members } = await plusUnion();
    const people = [...(await members(alba.id, 5)), ...(await members(borgo.id, 5))];
    const { survey, q } = await openSurvey();
    for (const [index, person] of people.entries()) {
      const { response } = await completeFor(survey.id, q, person.id, String((index % 5) + 1));
      expect(response.status).toBe(302);
    }
    const responseColumns = await columns("SurveyResponse");
    const answerColumns = await columns("SurveyAnswer");
    // Nothing that records a person or a time on the response side.
    expect(responseColumns.sort()).toEqual(["id", "kit", "organizationId", "participationId", "surveyId"]);
    expect(answerColumns.sort()).toEqual(["id", "questionId", "responseId", "row", "value"]);

    const responses = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "SurveyResponse" WHERE "surveyId" = '${survey.id}'`);
    const answers = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT a.* FROM "SurveyAnswer" a JOIN "SurveyResponse" r ON r."id" = a."responseId" WHERE r."surveyId" = '${survey.id}'`);
    const participations = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "SurveyParticipation" WHERE "surveyId" = '${survey.id}'`);
    const users = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "User"`);
    expect(responses).toHaveLength(10);
    expect(participations).toHaveLength(10);
    expect(participations.every((row) => row.draft === null && row.submittedAt === null)).toBe(true);

    // A person is their participation row joined with their user row; try every pair of columns.
    const persons = participations.map((participation) => ({ ...Object.fromEntries(Object.entries(participation).map(([k, v]) => [`p.${k}`, text(v)])), ...Object.fromEntries(Object.entries(users.find((u) => u.id === participation.userId)!).map(([k, v]) => [`u.${k}`, text(v)])) }));
    const personColumns = Object.keys(persons[0]);
    const links: string[] = [];
    for (const response of responses) {
      const sides: Record<string, (string | null)[]> = {};
      for (const column of responseColumns) sides[`r.${column}`] = [text(response[column])];
      for (const column of answerColumns) sides[`a.${column}`] = answers.filter((a) => a.responseId === response.id).map((a) => text(a[column]));
      for (const [responseColumn, values] of Object.entries(sides)) {
        for (const personColumn of personColumns) {
          const candidates = persons.filter((person) => values.some((value) => value !== null && value === person[personColumn]));
          if (candidates.length === 1) links.push(`${responseColumn} = ${personColumn}`);
        }
      }
    }
    expect(links).toEqual([]);
    // Ids are random (UUID v4), not time-ordered like cuids.
    expect(responses.every((row) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(String(row.id)))).toBe(true);
    if (databaseKind() === "sqlite") {
      // The storage order is not the order people submitted in.
      const stored = await db.$queryRawUnsafe<{ organizationId: string; id: string }[]>(`SELECT "id" FROM "SurveyResponse" WHERE "surveyId" = '${survey.id}' ORDER BY rowid`);
      const submitted = await db.$queryRawUnsafe<{ id: string }[]>(`SELECT "id" FROM "SurveyResponse" WHERE "surveyId" = '${survey.id}' ORDER BY "id"`);
      const byRowid = stored.map((row) => row.id);
      expect(byRowid).not.toEqual(submitted.map((row) => row.id).sort());
      const rowids = await db.$queryRawUnsafe<{ r: bigint }[]>(`SELECT rowid AS r FROM "SurveyResponse" WHERE "surveyId" = '${survey.id}'`);
      expect(rowids.every((row) => BigInt(row.r) > 1000n)).toBe(true);
    }
  });
});
