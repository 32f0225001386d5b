// Demo surveys: the training-needs analysis (Syllabus) launched to the demo PLUS union, with
// answers from staff of Alba (6), Borgo (5) and the union itself (2). The results page then shows
// the whole survey, Alba and Borgo (at least five each) and hides the union's own two answers.
// The demo accounts member.plus and member.borgo have not answered, so they can try it. The
// answers are stored as anonymous responses are (no person, no participation): the demo adds no
// accounts, so the union's members and seats stay as the other demo pages describe them.
// Safe to run again: nothing is added when the survey exists.
import { db } from "../../app/lib/db.server.ts";
import { createFromTemplateData } from "../../app/modules/surveys/builder.server.ts";
import { randomUUID } from "node:crypto";
import { questionnaire } from "../../app/modules/surveys/answering.server.ts";
import { trainingNeedsTemplate } from "../../app/modules/surveys/templates.ts";

const TITLE = "Analisi dei bisogni formativi 2026-2027";
const DAY = 24 * 3600_000;
const COMPETENCES = ["1.1", "1.2", "1.3", "2.1", "2.2", "3.1", "3.2", "4.1", "4.2", "5.1", "5.2"];

// Need per competence (1-5) leaning differently in each place, so the comparison says something.
const LEANINGS: Record<string, number[]> = {
  demo_alba: [4, 3, 2, 3, 4, 5, 5, 3, 4, 2, 3],
  demo_borgo: [2, 4, 5, 2, 3, 3, 4, 4, 5, 3, 2],
  demo_uvd: [3, 3, 3, 4, 4, 4, 3, 2, 3, 4, 5],
};

export async function seedSurveys() {
  if (await db.survey.findFirst({ where: { title: TITLE } })) return { surveys: 0 };
  const tutor = await db.user.findUnique({ where: { email: "tutor@coop.example" }, select: { id: true } });
  const now = new Date();
  const survey = await db.$transaction((tx) =>
    createFromTemplateData({ ...trainingNeedsTemplate("it"), title: TITLE }, tutor?.id ?? null, { status: "OPEN", launchedAt: now, closesAt: new Date(now.getTime() + 30 * DAY) }, tx),
  );
  const form = (await questionnaire(survey.id))!;
  const counts: Record<string, number> = { demo_alba: 6, demo_borgo: 5, demo_uvd: 2 };
  for (const [ipaCode, count] of Object.entries(counts)) {
    const organization = await db.organization.findUnique({ where: { ipaCode }, select: { id: true } });
    if (!organization) continue;
    for (let person = 1; person <= count; person += 1) {
      const responseId = randomUUID();
      const answers: { id: string; responseId: string; questionId: string; row: number; value: string }[] = [];
      for (const question of form.sections.flatMap((section) => section.questions)) {
        if (question.type !== "MATRIX" || !question.competence) continue;
        const lean = LEANINGS[ipaCode][COMPETENCES.indexOf(question.competence)];
        // Base level needs less than advanced, and people differ a little.
        [0, 1, 2].forEach((level) => {
          const value = Math.min(5, Math.max(1, lean - 1 + level + ((person + level) % 3) - 1));
          answers.push({ id: randomUUID(), responseId, questionId: question.id, row: level + 1, value: String(value) });
        });
      }
      await db.surveyResponse.create({ data: { id: responseId, surveyId: survey.id, organizationId: organization.id, kit: "PLUS" } });
      await db.surveyAnswer.createMany({ data: answers });
    }
  }
  return { surveys: 1 };
}
