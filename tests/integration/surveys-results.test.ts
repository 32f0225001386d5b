// Results: aggregates, need index and CSV against hand-computed values; groups under five
// responses (and groups whose difference from a shown group is under five) hidden in the page,
// the group filter, the comparison and both CSV files.
import { db } from "~/lib/db.server.ts";
import { action } from "~/routes/surveys.$id.tsx";
import { loader as resultsLoader } from "~/routes/surveys.manage.$id.results.tsx";
import { loader as exportLoader } from "~/routes/surveys.manage.$id.export.ts";
import { createUser, sessionCookieFor } from "../helpers/fixtures.ts";
import { call, formRequest, getRequest } from "../helpers/requests.ts";
import { openSurvey, plusUnion } from "./surveys-helpers.ts";

type Q = Awaited<ReturnType<typeof openSurvey>>["q"];

async function respond(surveyId: string, q: Q, userId: string, likert: number, text = "") {
  const cookie = await sessionCookieFor(userId);
  const post = (fields: Record<string, string | string[]>) => call(action, formRequest(`/surveys/${surveyId}`, fields, { cookie }), { id: surveyId });
  expect((await post({ section: "1", intent: "next", [`q_${q[0].id}`]: String(likert), [`q_${q[1].id}_1`]: "2", [`q_${q[1].id}_2`]: "3", [`q_${q[1].id}_3`]: "5" })).status).toBe(302);
  expect((await post({ section: "2", intent: "submit", [`q_${q[2].id}`]: "2", [`q_${q[5].id}`]: text })).status).toBe(302);
}

async function page(surveyId: string, cookie: string, group?: string) {
  const response = await call(resultsLoader, getRequest(`/surveys/manage/${surveyId}/results${group ? `?group=${encodeURIComponent(group)}` : ""}`, { cookie }), { id: surveyId });
  expect(response.status).toBe(200);
  return response.json();
}

async function csv(surveyId: string, cookie: string, type: "raw" | "aggregates") {
  const response = await call(exportLoader, getRequest(`/surveys/manage/${surveyId}/export?type=${type}`, { cookie }), { id: surveyId });
  expect(response.headers.get("Content-Type")).toContain("text/csv");
  return (await response.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
}

describe("survey results", () => {
  it("computes counts, means and need indexes by hand, and hides small groups and small differences everywhere", async () => {
    const { alba, borgo, members } = await plusUnion();
    const tutor = await createUser({ role: "TUTOR" });
    const cookie = await sessionCookieFor(tutor.id);
    const { survey, q } = await openSurvey();
    const albaPeople = await members(alba.id, 6);
    const borgoPeople = await members(borgo.id, 5);
    const albaLikert = [1, 2, 3, 4, 5, 5];
    for (const [i, person] of albaPeople.entries()) await respond(survey.id, q, person.id, albaLikert[i], i === 0 ? "=HYPERLINK(\"http://x\")" : "");
    for (const person of borgoPeople.slice(0, 3)) await respond(survey.id, q, person.id, 3);

    // 9 responses: Alba 6, Borgo 3. Borgo is small; Alba is 6 but "all" minus Alba is Borgo's 3.
    let data = await page(survey.id, cookie);
    expect(data.results.suppressed).toBe(false);
    expect(data.results.group.size).toBe(9);
    const likert = data.results.questions.find((question: { id: string }) => question.id === q[0].id);
    expect(likert.bars.map((bar: { count: number }) => bar.count)).toEqual([1, 1, 4, 1, 2]);
    expect(likert.mean).toBeCloseTo(29 / 9, 6);
    // need(v) = (v - 1) / 4 * 100; 1.1: mean 29/9 -> 55.6; 3.2: rows 2, 3, 5 -> 25, 50, 100 -> 58.3.
    expect(data.results.competences).toEqual([
      { code: "1.1", value: 55.6, answers: 9 },
      { code: "3.2", value: 58.3, answers: 27 },
    ]);
    expect(data.results.areas.map((area: { code: string; value: number }) => [area.code, area.value])).toEqual([
      ["1", 55.6],
      ["3", 58.3],
    ]);
    const shown = (key: string) => data.groups.find((group: { key: string }) => group.key === key);
    expect(shown("all").shown).toBe(true);
    expect(shown("kit:PLUS")).toMatchObject({ shown: true, size: 9 });
    expect(shown(`org:${alba.id}`)).toMatchObject({ shown: false, size: null });
    expect(shown(`org:${borgo.id}`)).toMatchObject({ shown: false, size: null });
    expect(data.comparison).toEqual([]);
    for (const group of [`org:${alba.id}`, `org:${borgo.id}`]) {
      const filtered = await page(survey.id, cookie, group);
      expect(filtered.results).toMatchObject({ suppressed: true, questions: [], competences: [], areas: [] });
      expect(filtered.results.group.size).toBeNull();
    }
    let aggregates = await csv(survey.id, cookie, "aggregates");
    expect(aggregates.some((line) => line.startsWith("Comune di"))).toBe(false);
    expect(aggregates).toContain("Tutte le risposte,9,Bisogno su 1.1,1.1,,3 c,4,3.2,");
    expect(aggregates).toContain("Tutte le risposte,9,need_index,1.1,,,9,,55.6");
    expect(aggregates).toContain("PLUS,9,need_index_area,3,,,27,,58.3");
    let raw = await csv(survey.id, cookie, "raw");
    expect(raw).toHaveLength(10);
    expect(raw[0]).toBe("response,organization,kit,Bisogno su 1.1,Bisogno su 3.2 — Base,Bisogno su 3.2 — Intermedio,Bisogno su 3.2 — Avanzato,Ruolo,Strumenti,Voto,Altro");
    // No organization for anyone: neither municipality may be shown.
    expect(raw.slice(1).every((line) => line.split(",")[1] === "" && line.split(",")[2] === "PLUS")).toBe(true);
    // A formula typed as an answer is neutralized.
    expect(raw.some((line) => line.endsWith(`"'=HYPERLINK(""http://x"")"`))).toBe(true);

    // Two more from Borgo: 11 responses, Alba 6 and Borgo 5 may both be shown and compared.
    for (const person of borgoPeople.slice(3)) await respond(survey.id, q, person.id, 1);
    data = await page(survey.id, cookie);
    expect(data.comparison.map((row: { label: string; size: number; areas: { code: string; value: number }[] }) => [row.label, row.size, row.areas.map((a) => a.value)])).toEqual([
      // Alba: likert mean 20/6 -> need 58.3; Borgo: (3+3+3+1+1)/5 = 2.2 -> 30.
      ["Comune di Alba Prova", 6, [58.3, 58.3]],
      ["Comune di Borgo Prova", 5, [30, 58.3]],
    ]);
    const borgoOnly = await page(survey.id, cookie, `org:${borgo.id}`);
    expect(borgoOnly.results.suppressed).toBe(false);
    expect(borgoOnly.results.competences[0]).toEqual({ code: "1.1", value: 30, answers: 5 });
    aggregates = await csv(survey.id, cookie, "aggregates");
    expect(aggregates).toContain("Comune di Borgo Prova,5,need_index,1.1,,,5,,30");
    raw = await csv(survey.id, cookie, "raw");
    expect(raw.slice(1).filter((line) => line.split(",")[1] === "Comune di Borgo Prova")).toHaveLength(5);
  });

  it("shows nothing, in the page or the CSV, while a survey has fewer than five responses", async () => {
    const { alba, members } = await plusUnion();
    const tutor = await createUser({ role: "TUTOR" });
    const cookie = await sessionCookieFor(tutor.id);
    const { survey, q } = await openSurvey();
    for (const person of await members(alba.id, 4)) await respond(survey.id, q, person.id, 5);
    const data = await page(survey.id, cookie);
    expect(data.results).toMatchObject({ suppressed: true, questions: [], competences: [] });
    expect(data.suggestions).toEqual([]);
    expect(await csv(survey.id, cookie, "raw")).toHaveLength(1);
    expect(await csv(survey.id, cookie, "aggregates")).toHaveLength(1);
  });

  it("suggests the coming webinars tagged with the most needed competences", async () => {
    const { alba, members } = await plusUnion();
    const tutor = await createUser({ role: "TUTOR" });
    const cookie = await sessionCookieFor(tutor.id);
    const { survey, q } = await openSurvey();
    for (const person of await members(alba.id, 5)) await respond(survey.id, q, person.id, 2);
    const webinar = (slug: string, competences: string) =>
      db.webinar.create({ data: { slug, title: `Webinar ${slug}`, description: "", status: "SCHEDULED", startsAt: new Date(Date.now() + 7 * 86400_000), roomName: slug, competences } });
    await webinar("privacy", "3.2,5.1");
    await webinar("dati", "1.1");
    await webinar("altro", "4.1");
    const data = await page(survey.id, cookie);
    // 3.2 (58.3) before 1.1 (need of 2 = 25).
    expect(data.suggestions.map((s: { code: string; webinars: { slug: string }[] }) => [s.code, s.webinars.map((w) => w.slug)])).toEqual([
      ["3.2", ["privacy"]],
      ["1.1", ["dati"]],
    ]);
  });
});
