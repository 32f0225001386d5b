// Shared fixtures of the survey tests: a PLUS union with two municipalities, their members, and
// a small survey covering every question type.
import { db } from "~/lib/db.server.ts";
import { createFromTemplateData } from "~/modules/surveys/builder.server.ts";
import type { SurveyTemplate } from "~/modules/surveys/templates.ts";
import { createUser } from "../helpers/fixtures.ts";

const DAY = 24 * 3600 * 1000;

export async function plusUnion() {
  const union = await db.organization.create({ data: { name: "Unione Prova", kind: "UNION" } });
  const alba = await db.organization.create({ data: { name: "Comune di Alba Prova", kind: "MUNICIPALITY", parentId: union.id } });
  const borgo = await db.organization.create({ data: { name: "Comune di Borgo Prova", kind: "MUNICIPALITY", parentId: union.id } });
  const basicOrg = await db.organization.create({ data: { name: "Comune Base Prova", kind: "MUNICIPALITY" } });
  const now = Date.now();
  await db.enrolment.create({ data: { organizationId: union.id, kit: "PLUS", status: "ACTIVE", startsAt: new Date(now - 10 * DAY), endsAt: new Date(now + 100 * DAY), seats: 100 } });
  await db.enrolment.create({ data: { organizationId: basicOrg.id, kit: "BASIC", status: "ACTIVE", startsAt: new Date(now - 10 * DAY), endsAt: new Date(now + 100 * DAY), seats: 100 } });
  const members = async (organizationId: string, count: number) => Promise.all(Array.from({ length: count }, () => createUser({ organizationId })));
  return { union, alba, borgo, basicOrg, members };
}

export const SMALL_TEMPLATE: SurveyTemplate = {
  kind: "TRAINING_NEEDS",
  title: "Prova",
  description: "",
  anonymous: true,
  sections: [
    {
      title: "Prima",
      questions: [
        { type: "LIKERT", text: "Bisogno su 1.1", required: true, competence: "1.1", labels: ["a", "b", "c", "d", "e"] },
        { type: "MATRIX", text: "Bisogno su 3.2", required: true, competence: "3.2", options: ["Base", "Intermedio", "Avanzato"] },
      ],
    },
    {
      title: "Seconda",
      questions: [
        { type: "SINGLE", text: "Ruolo", options: ["Operatore", "Responsabile"] },
        { type: "MULTIPLE", text: "Strumenti", options: ["PEC", "SPID", "PagoPA"] },
        { type: "SCALE", text: "Voto", labels: ["poco", "molto"] },
        { type: "TEXT", text: "Altro" },
      ],
    },
  ],
};

export async function openSurvey(template: SurveyTemplate = SMALL_TEMPLATE, extra: Parameters<typeof createFromTemplateData>[2] = {}) {
  const survey = await createFromTemplateData(template, null, { status: "OPEN", launchedAt: new Date(), ...extra });
  const questions = await db.surveyQuestion.findMany({ where: { surveyId: survey.id }, orderBy: { position: "asc" } });
  return { survey, q: questions };
}
