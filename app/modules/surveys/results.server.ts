// Survey results: counts and means per question, the need index per competence and area, by
// organization, by kit and overall, and the webinars that teach the most needed competences.
//
// Small groups stay hidden everywhere: a group (an organization, a kit, the whole survey) with
// fewer than MIN_GROUP responses shows no numbers, and neither does a group whose difference from
// a larger shown group that contains it would be such a small group (otherwise "the union" minus
// "Alba" would give Borgo's three answers). The same rule drives the pages, the filters and the CSV.
import type { Kit, SurveyQuestionType } from "~/generated/sqlite/client.ts";
import { db } from "~/lib/db.server.ts";
import { splitLines } from "./builder.server.ts";
import { areaOf, parseCompetences, SYLLABUS_AREAS, SYLLABUS_COMPETENCES } from "./syllabus.ts";

import { MIN_GROUP } from "./suppression.ts";

export { MIN_GROUP };

export type GroupKey = "all" | `org:${string}` | `kit:${Kit}`;
export type Group = { key: GroupKey; label: string; size: number; shown: boolean };

type ResponseRow = { id: string; organizationId: string | null; kit: Kit | null };
type AnswerRow = { responseId: string; questionId: string; row: number; value: string };
type QuestionRow = { id: string; type: SurveyQuestionType; text: string; options: string; labels: string; competence: string | null; position: number };

export type QuestionResult = {
  id: string;
  type: SurveyQuestionType;
  text: string;
  competence: string | null;
  /** Respondents who answered it. */
  answered: number;
  /** Bars: one per choice or scale point (counts of responses choosing it). */
  bars: { label: string; count: number }[];
  /** Matrix: one per row, with counts per point and the mean. */
  rows: { label: string; counts: number[]; mean: number | null; answered: number }[];
  mean: number | null;
  texts: string[];
};

export type NeedIndex = { code: string; value: number; answers: number };

export type SurveyResults = {
  group: Group;
  suppressed: boolean;
  questions: QuestionResult[];
  competences: NeedIndex[];
  areas: NeedIndex[];
};

async function loadData(surveyId: string) {
  const [responses, questions] = await Promise.all([
    db.surveyResponse.findMany({ where: { surveyId }, select: { id: true, organizationId: true, kit: true }, orderBy: { id: "asc" } }),
    db.surveyQuestion.findMany({ where: { surveyId }, orderBy: { position: "asc" }, select: { id: true, type: true, text: true, options: true, labels: true, competence: true, position: true } }),
  ]);
  const organizationIds = [...new Set(responses.map((response) => response.organizationId).filter((id): id is string => Boolean(id)))];
  const organizations = await db.organization.findMany({ where: { id: { in: organizationIds } }, select: { id: true, name: true } });
  const answers = await db.surveyAnswer.findMany({ where: { response: { surveyId } }, select: { responseId: true, questionId: true, row: true, value: true } });
  return { responses, questions, answers, organizations };
}

/** Every group with its size, and whether its numbers may be shown (see the file's comment). */
export function decideGroups(responses: ResponseRow[], organizations: { id: string; name: string }[], labels: { all: string }): { groups: Group[]; members: Map<GroupKey, Set<string>> } {
  const members = new Map<GroupKey, Set<string>>();
  const add = (key: GroupKey, id: string) => {
    let set = members.get(key);
    if (!set) members.set(key, (set = new Set()));
    set.add(id);
  };
  for (const response of responses) {
    add("all", response.id);
    if (response.organizationId) add(`org:${response.organizationId}`, response.id);
    if (response.kit) add(`kit:${response.kit}`, response.id);
  }
  if (!members.has("all")) members.set("all", new Set());
  const shown = new Map<GroupKey, boolean>([...members].map(([key, set]) => [key, set.size >= MIN_GROUP]));
  // Complementary suppression: hide B when a shown A contains it and A \ B is a small group.
  let changed = true;
  while (changed) {
    changed = false;
    for (const [a, setA] of members) {
      if (!shown.get(a)) continue;
      for (const [b, setB] of members) {
        if (a === b || !shown.get(b) || setB.size >= setA.size) continue;
        if (![...setB].every((id) => setA.has(id))) continue;
        const rest = setA.size - setB.size;
        if (rest > 0 && rest < MIN_GROUP) {
          shown.set(b, false);
          changed = true;
        }
      }
    }
  }
  const names = new Map(organizations.map((org) => [org.id, org.name]));
  const label = (key: GroupKey) => (key === "all" ? labels.all : key.startsWith("org:") ? names.get(key.slice(4)) ?? key : key.slice(4));
  const order = (key: GroupKey) => (key === "all" ? 0 : key.startsWith("kit:") ? 1 : 2);
  const groups = [...members.keys()]
    .sort((a, b) => order(a) - order(b) || label(a).localeCompare(label(b)))
    .map((key) => ({ key, label: label(key), size: members.get(key)!.size, shown: shown.get(key) ?? false }));
  return { groups, members };
}

const needOf = (value: number) => ((value - 1) / 4) * 100;
const round1 = (value: number) => Math.round(value * 10) / 10;
const mean = (values: number[]) => (values.length ? values.reduce((sum, v) => sum + v, 0) / values.length : null);

export function aggregate(questions: QuestionRow[], answers: AnswerRow[], responseIds: Set<string>, likertDefault: string[]): Omit<SurveyResults, "group" | "suppressed"> {
  const mine = answers.filter((answer) => responseIds.has(answer.responseId));
  const byQuestion = new Map<string, AnswerRow[]>();
  for (const answer of mine) {
    const list = byQuestion.get(answer.questionId);
    if (list) list.push(answer);
    else byQuestion.set(answer.questionId, [answer]);
  }
  const needs = new Map<string, number[]>();
  const results = questions.map((question): QuestionResult => {
    const rows = byQuestion.get(question.id) ?? [];
    const answered = new Set(rows.map((row) => row.responseId)).size;
    const labels = splitLines(question.labels);
    const scale = labels.length === 5 ? labels : likertDefault;
    const numbers = rows.map((row) => Number(row.value));
    const base: QuestionResult = { id: question.id, type: question.type, text: question.text, competence: question.competence, answered, bars: [], rows: [], mean: null, texts: [] };
    switch (question.type) {
      case "SINGLE":
      case "MULTIPLE":
        base.bars = splitLines(question.options).map((label, index) => ({ label, count: rows.filter((row) => row.value === String(index + 1)).length }));
        break;
      case "LIKERT":
        base.bars = scale.map((label, index) => ({ label: `${index + 1} ${label}`, count: rows.filter((row) => row.value === String(index + 1)).length }));
        base.mean = mean(numbers);
        break;
      case "SCALE":
        base.bars = Array.from({ length: 10 }, (_, index) => ({ label: String(index + 1), count: rows.filter((row) => row.value === String(index + 1)).length }));
        base.mean = mean(numbers);
        break;
      case "MATRIX":
        base.bars = scale.map((label, index) => ({ label: `${index + 1} ${label}`, count: rows.filter((row) => row.value === String(index + 1)).length }));
        base.rows = splitLines(question.options).map((label, index) => {
          const values = rows.filter((row) => row.row === index + 1).map((row) => Number(row.value));
          return { label, counts: [1, 2, 3, 4, 5].map((point) => values.filter((v) => v === point).length), mean: mean(values), answered: values.length };
        });
        base.mean = mean(numbers);
        break;
      case "TEXT":
        base.texts = rows.map((row) => row.value).sort((a, b) => a.localeCompare(b));
        break;
    }
    if (question.competence && (question.type === "LIKERT" || question.type === "MATRIX")) {
      const list = needs.get(question.competence) ?? [];
      for (const value of numbers) list.push(needOf(value));
      needs.set(question.competence, list);
    }
    return base;
  });
  const competences = SYLLABUS_COMPETENCES.filter((c) => needs.get(c.code)?.length).map((c) => ({ code: c.code, value: round1(mean(needs.get(c.code)!)!), answers: needs.get(c.code)!.length }));
  const areas = SYLLABUS_AREAS.map((area) => {
    const values = SYLLABUS_COMPETENCES.filter((c) => c.area === area.code).flatMap((c) => needs.get(c.code) ?? []);
    return { code: area.code, value: values.length ? round1(mean(values)!) : NaN, answers: values.length };
  }).filter((area) => area.answers > 0);
  return { questions: results, competences, areas };
}

export async function surveyResults(surveyId: string, options: { group?: string | null; likertDefault: string[]; allLabel: string }) {
  const data = await loadData(surveyId);
  const { groups, members } = decideGroups(data.responses, data.organizations, { all: options.allLabel });
  const selected = groups.find((group) => group.key === options.group) ?? groups.find((group) => group.key === "all")!;
  const empty = { questions: [], competences: [], areas: [] };
  const results: SurveyResults = selected.shown
    ? { group: selected, suppressed: false, ...aggregate(data.questions, data.answers, members.get(selected.key)!, options.likertDefault) }
    : { group: selected, suppressed: true, ...empty };
  // The comparison between organizations: the need index per area, shown groups only.
  const comparison = groups
    .filter((group) => group.key.startsWith("org:") && group.shown)
    .map((group) => ({ key: group.key, label: group.label, size: group.size, areas: aggregate(data.questions, data.answers, members.get(group.key)!, options.likertDefault).areas }));
  return { groups, results, comparison };
}

/** Webinars that teach the most needed competences (the three highest need indexes). */
export async function suggestedTraining(competences: NeedIndex[], now = new Date()) {
  const top = [...competences].sort((a, b) => b.value - a.value || a.code.localeCompare(b.code)).slice(0, 3);
  if (!top.length) return [];
  const webinars = await db.webinar.findMany({
    where: { status: { in: ["SCHEDULED", "LIVE"] }, startsAt: { gte: new Date(now.getTime() - 3 * 3600_000) }, competences: { not: null } },
    select: { id: true, slug: true, title: true, startsAt: true, competences: true },
    orderBy: { startsAt: "asc" },
    take: 200,
  });
  // TODO(labs): lab topics tagged with the same competences, when labs exist.
  return top.map((need) => ({ ...need, webinars: webinars.filter((webinar) => parseCompetences(webinar.competences).includes(need.code)).slice(0, 5) }));
}

// ---- CSV --------------------------------------------------------------------------------------

/** Aggregates: one line per question and choice (or matrix row and point), shown groups only. */
export async function aggregatesCsvRows(surveyId: string, likertDefault: string[], allLabel: string) {
  const data = await loadData(surveyId);
  const { groups, members } = decideGroups(data.responses, data.organizations, { all: allLabel });
  const rows: (string | number | null)[][] = [["group", "responses", "question", "competence", "item", "choice", "count", "mean", "need_index"]];
  for (const group of groups.filter((g) => g.shown)) {
    const result = aggregate(data.questions, data.answers, members.get(group.key)!, likertDefault);
    for (const question of result.questions) {
      if (question.type === "MATRIX") {
        for (const row of question.rows) row.counts.forEach((count, index) => rows.push([group.label, group.size, question.text, question.competence, row.label, index + 1, count, row.mean === null ? null : round1(row.mean), null]));
      } else if (question.type !== "TEXT") {
        for (const bar of question.bars) rows.push([group.label, group.size, question.text, question.competence, null, bar.label, bar.count, question.mean === null ? null : round1(question.mean), null]);
      }
    }
    for (const need of result.competences) rows.push([group.label, group.size, "need_index", need.code, null, null, need.answers, null, need.value]);
    for (const need of result.areas) rows.push([group.label, group.size, "need_index_area", need.code, null, null, need.answers, null, need.value]);
  }
  return rows;
}

/**
 * Raw responses: one line per response, one column per question (matrix: per row). The
 * organization and kit columns are filled only for groups whose numbers may be shown; nothing at
 * all when the whole survey has fewer than MIN_GROUP responses. Lines are in random-id order.
 */
export async function rawCsvRows(surveyId: string, allLabel: string) {
  const data = await loadData(surveyId);
  const { groups } = decideGroups(data.responses, data.organizations, { all: allLabel });
  const shown = new Map(groups.map((group) => [group.key, group]));
  const columns: { questionId: string; row: number; title: string }[] = data.questions.flatMap((question) =>
    question.type === "MATRIX" ? splitLines(question.options).map((label, index) => ({ questionId: question.id, row: index + 1, title: `${question.text} — ${label}` })) : [{ questionId: question.id, row: 0, title: question.text }],
  );
  const rows: (string | number | null)[][] = [["response", "organization", "kit", ...columns.map((column) => column.title)]];
  if (!shown.get("all")?.shown) return rows;
  const byResponse = new Map<string, AnswerRow[]>();
  for (const answer of data.answers) {
    const list = byResponse.get(answer.responseId);
    if (list) list.push(answer);
    else byResponse.set(answer.responseId, [answer]);
  }
  data.responses.forEach((response, index) => {
    const org = response.organizationId ? shown.get(`org:${response.organizationId}`) : undefined;
    const kit = response.kit ? shown.get(`kit:${response.kit}`) : undefined;
    const answers = byResponse.get(response.id) ?? [];
    rows.push([
      index + 1,
      org?.shown ? org.label : null,
      kit?.shown ? kit.label : null,
      ...columns.map((column) =>
        answers
          .filter((answer) => answer.questionId === column.questionId && answer.row === column.row)
          .map((answer) => answer.value)
          .join("|"),
      ),
    ]);
  });
  return rows;
}

export { areaOf };

/**
 * A webinar's satisfaction results, for its attendance report (issue 10) and the staff page
 * /surveys/manage/webinars/:webinarId. Null when no questionnaire is attached yet; `results` is
 * suppressed below MIN_GROUP responses like everywhere else.
 */
export async function webinarSatisfaction(webinarId: string, options: { likertDefault: string[]; allLabel: string }) {
  const survey = await db.survey.findUnique({ where: { webinarId }, select: { id: true, title: true, status: true, closesAt: true } });
  if (!survey) return null;
  const { results } = await surveyResults(survey.id, { group: "all", ...options });
  return { survey, results };
}

/**
 * The figures the attendance report shows for a webinar's satisfaction questionnaire: how many
 * answered and the mean of every 1–5 Likert answer. Below MIN_GROUP responses the mean is withheld,
 * as every other view of survey results does. Null when no questionnaire is attached.
 */
export async function satisfactionSummary(webinarId: string): Promise<{ responses: number; average: number | null } | null> {
  const survey = await db.survey.findUnique({ where: { webinarId }, select: { id: true } });
  if (!survey) return null;
  const responses = await db.surveyResponse.count({ where: { surveyId: survey.id } });
  if (responses < MIN_GROUP) return { responses, average: null };
  const likert = await db.surveyQuestion.findMany({ where: { surveyId: survey.id, type: "LIKERT" }, select: { id: true } });
  const answers = await db.surveyAnswer.findMany({
    where: { questionId: { in: likert.map((q) => q.id) }, response: { surveyId: survey.id } },
    select: { value: true },
  });
  const points = answers.map((a) => Number(a.value)).filter((n) => Number.isInteger(n) && n >= 1 && n <= 5);
  return { responses, average: points.length ? Math.round((points.reduce((sum, n) => sum + n, 0) / points.length) * 10) / 10 : null };
}

