// Answering a survey: section by section, progress saved at every step, one response per person
// (the unique participation row decides it, even under concurrent submissions).
//
// Anonymous surveys: while a person answers, the draft sits on their participation row (so they
// can stop and come back); on submission the answers move to a SurveyResponse with a random id,
// no user, no participation and no timestamps, and the draft is erased. The participation keeps
// only "submitted", not when. Named surveys keep the link and may be edited until they close.
import { randomUUID } from "node:crypto";
import type { Kit, SurveyQuestion } from "~/generated/sqlite/client.ts";
import { databaseKind, db } from "~/lib/db.server.ts";
import { msg, noControls } from "~/lib/validation.ts";
import { KIT_CATALOGUE } from "~/modules/kits/catalogue.ts";
import { splitLines } from "./builder.server.ts";

export const TEXT_ANSWER_MAX = 2000;

/** Field name → values (one, or several for a multiple choice). Matrix rows are `q_<id>_<row>`. */
export type Answers = Record<string, string[]>;

export type AnswerQuestion = Pick<SurveyQuestion, "id" | "type" | "text" | "help" | "required" | "options" | "labels" | "competence">;

export const fieldName = (questionId: string, row?: number) => (row === undefined ? `q_${questionId}` : `q_${questionId}_${row}`);

export function questionFields(question: AnswerQuestion): string[] {
  if (question.type === "MATRIX") return splitLines(question.options).map((_, index) => fieldName(question.id, index + 1));
  return [fieldName(question.id)];
}

export class SurveyClosedError extends Error {}
export class AlreadyAnsweredError extends Error {}

function choiceCount(question: AnswerQuestion): number {
  switch (question.type) {
    case "SINGLE":
    case "MULTIPLE":
      return splitLines(question.options).length;
    case "LIKERT":
    case "MATRIX":
      return 5;
    case "SCALE":
      return 10;
    case "TEXT":
      return 0;
  }
}

/** The answers a section's form carries, and the errors by field (i18n keys). */
export function readSection(formData: FormData, questions: AnswerQuestion[], options: { requireAll: boolean }) {
  const answers: Answers = {};
  const errors: Record<string, string> = {};
  for (const question of questions) {
    const max = choiceCount(question);
    for (const field of questionFields(question)) {
      const raw = formData.getAll(field).map((value) => (typeof value === "string" ? value.trim() : "")).filter(Boolean);
      let values = raw;
      if (question.type === "TEXT") {
        const text = raw[0] ?? "";
        if (text.length > TEXT_ANSWER_MAX) errors[field] = msg("validation.tooLong", { max: TEXT_ANSWER_MAX });
        else if (!noControls(text, { multiline: true })) errors[field] = "requests:controlCharacters";
        values = text ? [text] : [];
      } else {
        values = [...new Set(raw)].filter((value) => /^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= max);
        if (values.length !== new Set(raw).size) errors[field] = "surveys:answer.invalidChoice";
        if (question.type !== "MULTIPLE" && values.length > 1) errors[field] = "surveys:answer.invalidChoice";
      }
      if (values.length) answers[field] = values;
      if (!errors[field] && options.requireAll && question.required && !values.length) errors[field] = "surveys:answer.required";
    }
  }
  return { answers, errors };
}

/** The questions that still miss a required answer in `answers`. */
export function missingRequired(questions: AnswerQuestion[], answers: Answers): string[] {
  return questions.filter((question) => question.required && questionFields(question).some((field) => !answers[field]?.length)).map((question) => question.id);
}

export async function questionnaire(surveyId: string) {
  return db.survey.findUnique({
    where: { id: surveyId },
    select: {
      id: true,
      title: true,
      description: true,
      anonymous: true,
      kind: true,
      status: true,
      closesAt: true,
      sections: {
        orderBy: { position: "asc" },
        select: { id: true, title: true, description: true, questions: { orderBy: { position: "asc" }, select: { id: true, type: true, text: true, help: true, required: true, options: true, labels: true, competence: true } } },
      },
    },
  });
}

export type Questionnaire = NonNullable<Awaited<ReturnType<typeof questionnaire>>>;

/** The person's participation, created on first need (a race between two requests ends in the same row). */
async function participationOf(surveyId: string, userId: string) {
  const existing = await db.surveyParticipation.findUnique({ where: { surveyId_userId: { surveyId, userId } } });
  if (existing) return existing;
  try {
    return await db.surveyParticipation.create({ data: { surveyId, userId } });
  } catch {
    return db.surveyParticipation.findUniqueOrThrow({ where: { surveyId_userId: { surveyId, userId } } });
  }
}

export async function participationState(surveyId: string, userId: string) {
  const row = await db.surveyParticipation.findUnique({ where: { surveyId_userId: { surveyId, userId } }, select: { status: true, draft: true, sectionsSaved: true } });
  return { status: row?.status ?? null, sectionsSaved: row?.sectionsSaved ?? 0, answers: parseDraft(row?.draft) };
}

function parseDraft(draft: string | null | undefined): Answers {
  if (!draft) return {};
  try {
    const value = JSON.parse(draft) as unknown;
    return value && typeof value === "object" ? (value as Answers) : {};
  } catch {
    return {};
  }
}

/** Saves one section's answers into the draft (replacing that section's fields). */
export async function saveSection(survey: Questionnaire, userId: string, sectionIndex: number, answers: Answers) {
  const participation = await participationOf(survey.id, userId);
  if (participation.status === "SUBMITTED" && survey.anonymous) throw new AlreadyAnsweredError();
  const section = survey.sections[sectionIndex];
  const fields = new Set(section.questions.flatMap(questionFields));
  const draft = Object.fromEntries(Object.entries(parseDraft(participation.draft)).filter(([field]) => !fields.has(field)));
  Object.assign(draft, answers);
  await db.surveyParticipation.update({
    where: { id: participation.id },
    data: { draft: JSON.stringify(draft), sectionsSaved: Math.max(participation.sectionsSaved, sectionIndex + 1) },
  });
  return draft;
}

function answerRows(survey: Questionnaire, responseId: string, answers: Answers) {
  const rows: { id: string; responseId: string; questionId: string; row: number; value: string }[] = [];
  for (const question of survey.sections.flatMap((section) => section.questions)) {
    if (question.type === "MATRIX") {
      splitLines(question.options).forEach((_, index) => {
        for (const value of answers[fieldName(question.id, index + 1)] ?? []) rows.push({ id: randomUUID(), responseId, questionId: question.id, row: index + 1, value });
      });
    } else {
      for (const value of answers[fieldName(question.id)] ?? []) rows.push({ id: randomUUID(), responseId, questionId: question.id, row: 0, value });
    }
  }
  return rows;
}

/** The kit a response is counted under: the highest running kit covering the person. */
export function groupKit(kits: readonly Kit[]): Kit | null {
  return [...kits].sort((a, b) => KIT_CATALOGUE[b].rank - KIT_CATALOGUE[a].rank)[0] ?? null;
}

/**
 * SQLite keeps rows in rowid order, which is insertion order: the n-th anonymous response would
 * sit n-th in the file, next to participations created in the same order. Moving the new rows to
 * random rowids removes that order. (PostgreSQL's heap order is not reachable through SQL the app
 * runs, and VACUUM reorders it; see docs/decisions/0013-anonymous-survey-responses.md.)
 */
async function scatter(tx: Pick<typeof db, "$executeRawUnsafe">, responseId: string) {
  if (databaseKind() !== "sqlite") return;
  await tx.$executeRawUnsafe(`UPDATE "SurveyResponse" SET rowid = abs(random()) WHERE "id" = ?`, responseId);
  await tx.$executeRawUnsafe(`UPDATE "SurveyAnswer" SET rowid = abs(random()) WHERE "responseId" = ?`, responseId);
}

/**
 * Submits the draft. Exactly one of any number of concurrent submissions creates the response
 * (the first to lock the participation row while it is IN_PROGRESS); the others, for a named survey, replace its
 * answers with theirs (editing), for an anonymous one end with AlreadyAnsweredError.
 */
export async function submitSurvey(survey: Questionnaire, respondent: { userId: string; organizationId: string | null; kit: Kit | null }, now = new Date()) {
  const participation = await participationOf(survey.id, respondent.userId);
  const answers = parseDraft(participation.draft);
  return db.$transaction(async (tx) => {
    // Lock the participation row first: every submission of this person queues here (PostgreSQL
    // row lock; SQLite has one writer), so the status read next is the current one and two edits
    // never interleave.
    const locked = await tx.surveyParticipation.update({ where: { id: participation.id }, data: { sectionsSaved: { increment: 0 } }, select: { status: true } });
    if (locked.status === "IN_PROGRESS") {
      await tx.surveyParticipation.update({
        where: { id: participation.id },
        data: survey.anonymous ? { status: "SUBMITTED", draft: null } : { status: "SUBMITTED", submittedAt: now },
      });
      const responseId = randomUUID();
      await tx.surveyResponse.create({
        data: { id: responseId, surveyId: survey.id, participationId: survey.anonymous ? null : participation.id, organizationId: respondent.organizationId, kit: respondent.kit },
      });
      await tx.surveyAnswer.createMany({ data: answerRows(survey, responseId, answers) });
      if (survey.anonymous) await scatter(tx, responseId);
      return { edited: false };
    }
    if (survey.anonymous) throw new AlreadyAnsweredError();
    const response = await tx.surveyResponse.findUniqueOrThrow({ where: { participationId: participation.id }, select: { id: true } });
    await tx.surveyAnswer.deleteMany({ where: { responseId: response.id } });
    await tx.surveyAnswer.createMany({ data: answerRows(survey, response.id, answers) });
    await tx.surveyParticipation.update({ where: { id: participation.id }, data: { submittedAt: now } });
    return { edited: true };
  });
}
