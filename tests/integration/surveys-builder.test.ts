// The builder: the Syllabus template, reordering with buttons, validation of questions,
// duplicate, and questions frozen once answered (a new version instead).
import { db } from "~/lib/db.server.ts";
import { action, loader } from "~/routes/surveys.manage.$id._index.tsx";
import { action as createAction } from "~/routes/surveys.manage._index.tsx";
import { createUser, sessionCookieFor } from "../helpers/fixtures.ts";
import { call, formRequest, getRequest } from "../helpers/requests.ts";

async function tutorCookie() {
  const tutor = await createUser({ role: "TUTOR" });
  return sessionCookieFor(tutor.id);
}

async function create(cookie: string, fields: Record<string, string>) {
  const response = await call(createAction, formRequest("/surveys/manage", fields, { cookie }));
  expect(response.status).toBe(302);
  return response.headers.get("Location")!.split("/").pop()!;
}

const post = (id: string, cookie: string, fields: Record<string, string>) => call(action, formRequest(`/surveys/manage/${id}`, fields, { cookie }), { id });
const titles = async (id: string) => (await db.surveyQuestion.findMany({ where: { surveyId: id }, orderBy: { position: "asc" }, select: { text: true } })).map((q) => q.text);

describe("survey builder", () => {
  it("creates the training-needs template: five areas, eleven competences with three levels each, sent to PLUS", async () => {
    const cookie = await tutorCookie();
    const id = await create(cookie, { template: "TRAINING_NEEDS" });
    const survey = await db.survey.findUniqueOrThrow({ where: { id }, include: { audienceKits: true, sections: { orderBy: { position: "asc" }, include: { questions: true } } } });
    expect(survey.kind).toBe("TRAINING_NEEDS");
    expect(survey.anonymous).toBe(true);
    expect(survey.audienceKits.map((k) => k.kit)).toEqual(["PLUS"]);
    const matrices = survey.sections.flatMap((s) => s.questions).filter((q) => q.type === "MATRIX");
    expect(matrices.map((q) => q.competence)).toEqual(["1.1", "1.2", "1.3", "2.1", "2.2", "3.1", "3.2", "4.1", "4.2", "5.1", "5.2"]);
    expect(matrices.every((q) => q.options === "Base\nIntermedio\nAvanzato" && q.required)).toBe(true);
    expect(survey.sections.map((s) => s.title)[2]).toBe("3. Sicurezza");
  });

  it("adds, validates, reorders and deletes questions with plain forms", async () => {
    const cookie = await tutorCookie();
    const id = await create(cookie, { template: "BLANK", title: "Prova" });
    const section = await db.surveySection.findFirstOrThrow({ where: { surveyId: id } });
    const add = (text: string, extra: Record<string, string> = {}) => post(id, cookie, { intent: "addQuestion", form: `new-${section.id}`, targetId: section.id, type: "SINGLE", text, options: "Sì\nNo", ...extra });
    const refused = await add("Una sola scelta", { options: "Sì" });
    expect(refused.status).toBe(400);
    expect((await refused.json()).fieldErrors.options).toEqual(["surveys:builder.errors.twoChoices"]);
    expect((await add("Prima")).status).toBe(302);
    expect((await add("Seconda")).status).toBe(302);
    expect((await add("Terza", { type: "LIKERT", options: "", labels: "uno\ndue" })).status).toBe(400);
    expect((await add("Terza", { type: "TEXT", options: "" })).status).toBe(302);
    const [, second] = await db.surveyQuestion.findMany({ where: { surveyId: id }, orderBy: { position: "asc" } });
    await post(id, cookie, { intent: "moveQuestion", targetId: second.id, direction: "up" });
    expect(await titles(id)).toEqual(["Seconda", "Prima", "Terza"]);
    await post(id, cookie, { intent: "moveQuestion", targetId: second.id, direction: "up" });
    expect(await titles(id)).toEqual(["Seconda", "Prima", "Terza"]);
    await post(id, cookie, { intent: "deleteQuestion", targetId: second.id });
    expect(await titles(id)).toEqual(["Prima", "Terza"]);
    const page = await (await call(loader, getRequest(`/surveys/manage/${id}`, { cookie }), { id })).json();
    expect(page.survey.sections[0].questions.map((q: { text: string }) => q.text)).toEqual(["Prima", "Terza"]);
  });

  it("freezes the questions once someone saved answers, and makes a new version instead; duplicates copy everything", async () => {
    const cookie = await tutorCookie();
    const id = await create(cookie, { template: "SATISFACTION" });
    const member = await createUser();
    await db.surveyParticipation.create({ data: { surveyId: id, userId: member.id, sectionsSaved: 1, draft: "{}" } });
    const question = await db.surveyQuestion.findFirstOrThrow({ where: { surveyId: id } });
    const refused = await post(id, cookie, { intent: "deleteQuestion", targetId: question.id });
    expect(refused.status).toBe(409);
    expect((await refused.json()).formError).toBe("surveys:builder.locked");
    expect(await db.surveyQuestion.count({ where: { surveyId: id } })).toBe(5);
    const page = await (await call(loader, getRequest(`/surveys/manage/${id}`, { cookie }), { id })).json();
    expect(page.survey.answered).toBe(true);

    const version = await post(id, cookie, { intent: "newVersion" });
    const copyId = version.headers.get("Location")!.split("/").pop()!;
    const copy = await db.survey.findUniqueOrThrow({ where: { id: copyId }, include: { questions: true } });
    expect(copy).toMatchObject({ version: 2, previousId: id, status: "DRAFT" });
    expect(copy.questions).toHaveLength(5);
    expect((await post(copyId, cookie, { intent: "deleteQuestion", targetId: copy.questions[0].id })).status).toBe(302);

    const duplicate = await post(id, cookie, { intent: "duplicate" });
    const duplicateId = duplicate.headers.get("Location")!.split("/").pop()!;
    expect(await titles(duplicateId)).toEqual(await titles(id));
    expect((await db.survey.findUniqueOrThrow({ where: { id: duplicateId } })).title).toMatch(/\(copia\)$/);
  });

  it("refuses to launch without an audience and takes Rome times for opening and closing", async () => {
    const cookie = await tutorCookie();
    const id = await create(cookie, { template: "SATISFACTION" });
    const settings = { intent: "settings", title: "Gradimento", description: "", audience: "KITS", opensAt: "2027-03-29T09:00", closesAt: "2027-03-28T09:00" };
    expect((await post(id, cookie, settings)).status).toBe(400);
    expect((await post(id, cookie, { ...settings, closesAt: "2027-04-10T18:30" })).status).toBe(302);
    const survey = await db.survey.findUniqueOrThrow({ where: { id } });
    // 29 March 2027 is summer time in Rome (UTC+2).
    expect(survey.opensAt?.toISOString()).toBe("2027-03-29T07:00:00.000Z");
    const launch = await post(id, cookie, { intent: "launch" });
    expect(launch.status).toBe(409);
    expect((await launch.json()).formError).toBe("surveys:builder.noAudience");
  });
});
