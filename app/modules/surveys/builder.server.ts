// The survey builder: surveys, their sections and questions, audience and dates, templates,
// duplicates and new versions. Once anyone has saved answers, the questions are frozen
// (answers point to them): the builder offers a new version instead.
import type { Kit, Prisma, SurveyAudience, SurveyQuestionType } from "~/generated/sqlite/client.ts";
import { db } from "~/lib/db.server.ts";
import type { LabItem } from "~/modules/access/labs.ts";
import { can, type ActorUser } from "~/modules/access/policy.ts";
import { isAdmin } from "~/modules/access/roles.ts";
import { kitsGranting } from "~/modules/kits/catalogue.ts";
import { templateFor, type SurveyTemplate, type TemplateName } from "./templates.ts";

type Tx = Prisma.TransactionClient;

export class SurveyLockedError extends Error {
  constructor() {
    super("surveys:builder.locked");
  }
}

const lines = (value: string) => value.split("\n").map((line) => line.trim()).filter(Boolean);
export const splitLines = lines;

/** Has anyone saved answers (a draft or a response)? Then the questions may not change. */
export async function isAnswered(surveyId: string, tx: Tx = db): Promise<boolean> {
  const [responses, started] = await Promise.all([
    tx.surveyResponse.count({ where: { surveyId } }),
    tx.surveyParticipation.count({ where: { surveyId, OR: [{ status: "SUBMITTED" }, { sectionsSaved: { gt: 0 } }] } }),
  ]);
  return responses + started > 0;
}

async function assertEditable(surveyId: string, tx: Tx = db) {
  if (await isAnswered(surveyId, tx)) throw new SurveyLockedError();
}

export async function createFromTemplateData(template: SurveyTemplate, createdById: string | null, extra: Partial<Prisma.SurveyUncheckedCreateInput> = {}, tx: Tx = db) {
  const survey = await tx.survey.create({
    data: {
      title: template.title,
      description: template.description,
      kind: template.kind,
      anonymous: template.anonymous,
      createdById,
      audience: template.kind === "SATISFACTION" ? "WEBINAR" : "KITS",
      ...extra,
    },
  });
  if (template.kind === "TRAINING_NEEDS") {
    await tx.surveyAudienceKit.createMany({ data: kitsGranting("surveys").map((kit) => ({ surveyId: survey.id, kit })) });
  }
  let questionPosition = 0;
  for (const [index, section] of template.sections.entries()) {
    const row = await tx.surveySection.create({ data: { surveyId: survey.id, position: index + 1, title: section.title, description: section.description ?? "" } });
    for (const question of section.questions) {
      questionPosition += 1;
      await tx.surveyQuestion.create({
        data: {
          surveyId: survey.id,
          sectionId: row.id,
          position: questionPosition,
          type: question.type,
          text: question.text,
          help: question.help ?? "",
          required: question.required ?? false,
          options: (question.options ?? []).join("\n"),
          labels: (question.labels ?? []).join("\n"),
          competence: question.competence ?? null,
        },
      });
    }
  }
  return survey;
}

export async function createSurvey(input: { template: TemplateName | "BLANK"; title?: string }, createdById: string, locale: string) {
  if (input.template !== "BLANK") return db.$transaction((tx) => createFromTemplateData(templateFor(input.template as TemplateName, locale), createdById, {}, tx));
  return db.$transaction(async (tx) => {
    const survey = await tx.survey.create({ data: { title: input.title ?? "", createdById } });
    await tx.surveySection.create({ data: { surveyId: survey.id, position: 1, title: locale === "en" ? "Section 1" : "Sezione 1" } });
    return survey;
  });
}

export type BuilderSurvey = NonNullable<Awaited<ReturnType<typeof surveyForBuilder>>>;

export async function surveyForBuilder(id: string) {
  const survey = await db.survey.findUnique({
    where: { id },
    include: {
      audienceKits: { select: { kit: true } },
      audienceOrganizations: { select: { organizationId: true, organization: { select: { name: true } } } },
      sections: { orderBy: { position: "asc" }, include: { questions: { orderBy: { position: "asc" } } } },
      webinar: { select: { id: true, title: true } },
      _count: { select: { responses: true, participations: true } },
    },
  });
  if (!survey) return null;
  return { ...survey, answered: await isAnswered(id) };
}

export async function listSurveys() {
  return db.survey.findMany({
    orderBy: [{ createdAt: "desc" }],
    select: { id: true, title: true, kind: true, status: true, version: true, opensAt: true, closesAt: true, anonymous: true, _count: { select: { responses: true } } },
    take: 200,
  });
}

export type SettingsInput = {
  title: string;
  description: string;
  anonymous: boolean;
  audience: SurveyAudience;
  kits: Kit[];
  organizationIds: string[];
  /** The lab of a LAB audience (checked by the caller: one the editor runs). */
  labId: string | null;
  opensAt: Date | null;
  closesAt: Date | null;
};

export async function updateSettings(id: string, input: SettingsInput) {
  await db.$transaction(async (tx) => {
    const current = await tx.survey.findUniqueOrThrow({ where: { id }, select: { anonymous: true } });
    // Turning an anonymous survey into a named one (or back) after answers would change what people agreed to.
    if (current.anonymous !== input.anonymous) await assertEditable(id, tx);
    await tx.survey.update({
      where: { id },
      data: { title: input.title, description: input.description, anonymous: input.anonymous, audience: input.audience, labId: input.labId, opensAt: input.opensAt, closesAt: input.closesAt },
    });
    await tx.surveyAudienceKit.deleteMany({ where: { surveyId: id } });
    if (input.kits.length) await tx.surveyAudienceKit.createMany({ data: input.kits.map((kit) => ({ surveyId: id, kit })) });
    await tx.surveyAudienceOrganization.deleteMany({ where: { surveyId: id } });
    const organizations = await tx.organization.findMany({ where: { id: { in: input.organizationIds } }, select: { id: true } });
    if (organizations.length) await tx.surveyAudienceOrganization.createMany({ data: organizations.map((org) => ({ surveyId: id, organizationId: org.id })) });
  });
}

// ---- sections --------------------------------------------------------------------------------

export async function addSection(surveyId: string, title: string, description = "") {
  await db.$transaction(async (tx) => {
    await assertEditable(surveyId, tx);
    const last = await tx.surveySection.findFirst({ where: { surveyId }, orderBy: { position: "desc" }, select: { position: true } });
    await tx.surveySection.create({ data: { surveyId, title, description, position: (last?.position ?? 0) + 1 } });
  });
}

export async function updateSection(surveyId: string, sectionId: string, title: string, description: string) {
  await db.$transaction(async (tx) => {
    await assertEditable(surveyId, tx);
    await tx.surveySection.updateMany({ where: { id: sectionId, surveyId }, data: { title, description } });
  });
}

export async function deleteSection(surveyId: string, sectionId: string) {
  await db.$transaction(async (tx) => {
    await assertEditable(surveyId, tx);
    const count = await tx.surveySection.count({ where: { surveyId } });
    if (count <= 1) return;
    await tx.surveySection.deleteMany({ where: { id: sectionId, surveyId } });
  });
}

/** Swap two neighbours' positions (up: with the previous one). */
async function swap<T extends { id: string; position: number }>(rows: T[], id: string, direction: "up" | "down", save: (row: T, position: number) => Promise<unknown>) {
  const index = rows.findIndex((row) => row.id === id);
  const other = direction === "up" ? index - 1 : index + 1;
  if (index < 0 || other < 0 || other >= rows.length) return;
  const a = rows[index];
  const b = rows[other];
  await save(a, b.position);
  await save(b, a.position);
}

export async function moveSection(surveyId: string, sectionId: string, direction: "up" | "down") {
  await db.$transaction(async (tx) => {
    await assertEditable(surveyId, tx);
    const rows = await tx.surveySection.findMany({ where: { surveyId }, orderBy: { position: "asc" }, select: { id: true, position: true } });
    await swap(rows, sectionId, direction, (row, position) => tx.surveySection.update({ where: { id: row.id }, data: { position } }));
  });
}

// ---- questions -------------------------------------------------------------------------------

export type QuestionInput = {
  type: SurveyQuestionType;
  text: string;
  help: string;
  required: boolean;
  options: string;
  labels: string;
  competence: string | null;
};

function questionData(input: QuestionInput) {
  return {
    type: input.type,
    text: input.text,
    help: input.help,
    required: input.required,
    options: lines(input.options).join("\n"),
    labels: lines(input.labels).join("\n"),
    competence: input.competence,
  };
}

export async function addQuestion(surveyId: string, sectionId: string, input: QuestionInput) {
  await db.$transaction(async (tx) => {
    await assertEditable(surveyId, tx);
    const section = await tx.surveySection.findFirst({ where: { id: sectionId, surveyId }, select: { id: true } });
    if (!section) return;
    const last = await tx.surveyQuestion.findFirst({ where: { surveyId }, orderBy: { position: "desc" }, select: { position: true } });
    await tx.surveyQuestion.create({ data: { surveyId, sectionId, position: (last?.position ?? 0) + 1, ...questionData(input) } });
  });
}

export async function updateQuestion(surveyId: string, questionId: string, input: QuestionInput) {
  await db.$transaction(async (tx) => {
    await assertEditable(surveyId, tx);
    await tx.surveyQuestion.updateMany({ where: { id: questionId, surveyId }, data: questionData(input) });
  });
}

export async function deleteQuestion(surveyId: string, questionId: string) {
  await db.$transaction(async (tx) => {
    await assertEditable(surveyId, tx);
    await tx.surveyQuestion.deleteMany({ where: { id: questionId, surveyId } });
  });
}

/** Moves a question within its section. */
export async function moveQuestion(surveyId: string, questionId: string, direction: "up" | "down") {
  await db.$transaction(async (tx) => {
    await assertEditable(surveyId, tx);
    const question = await tx.surveyQuestion.findFirst({ where: { id: questionId, surveyId }, select: { sectionId: true } });
    if (!question) return;
    const rows = await tx.surveyQuestion.findMany({ where: { sectionId: question.sectionId }, orderBy: { position: "asc" }, select: { id: true, position: true } });
    await swap(rows, questionId, direction, (row, position) => tx.surveyQuestion.update({ where: { id: row.id }, data: { position } }));
  });
}

// ---- copies, launch, close ------------------------------------------------------------------

/** A draft copy of the survey; `asNewVersion` links it to the original and raises the version. */
export async function duplicateSurvey(id: string, createdById: string, options: { asNewVersion: boolean; copySuffix: string }) {
  return db.$transaction(async (tx) => {
    const source = await tx.survey.findUniqueOrThrow({
      where: { id },
      include: { audienceKits: true, audienceOrganizations: true, sections: { orderBy: { position: "asc" }, include: { questions: { orderBy: { position: "asc" } } } } },
    });
    const copy = await tx.survey.create({
      data: {
        title: options.asNewVersion ? source.title : `${source.title} ${options.copySuffix}`,
        description: source.description,
        kind: source.kind,
        anonymous: source.anonymous,
        audience: source.audience,
        labId: source.labId,
        version: options.asNewVersion ? source.version + 1 : 1,
        previousId: options.asNewVersion ? source.id : null,
        createdById,
      },
    });
    if (source.audienceKits.length) await tx.surveyAudienceKit.createMany({ data: source.audienceKits.map((entry) => ({ surveyId: copy.id, kit: entry.kit })) });
    if (source.audienceOrganizations.length)
      await tx.surveyAudienceOrganization.createMany({ data: source.audienceOrganizations.map((entry) => ({ surveyId: copy.id, organizationId: entry.organizationId })) });
    for (const section of source.sections) {
      const newSection = await tx.surveySection.create({ data: { surveyId: copy.id, position: section.position, title: section.title, description: section.description } });
      for (const question of section.questions) {
        const { id: _id, surveyId: _surveyId, sectionId: _sectionId, ...rest } = question;
        await tx.surveyQuestion.create({ data: { ...rest, surveyId: copy.id, sectionId: newSection.id } });
      }
    }
    return copy;
  });
}

export type LaunchProblem = "surveys:builder.noQuestions" | "surveys:builder.noAudience" | "surveys:builder.badDates" | "surveys:builder.notDraft";

/** Opens the survey to its audience; the invitation job mails them. */
export async function launchSurvey(id: string, now = new Date()): Promise<LaunchProblem | null> {
  const survey = await surveyForBuilder(id);
  if (!survey || survey.status !== "DRAFT") return "surveys:builder.notDraft";
  if (!survey.sections.some((section) => section.questions.length)) return "surveys:builder.noQuestions";
  if (survey.audience === "KITS" && !survey.audienceKits.length) return "surveys:builder.noAudience";
  if (survey.audience === "ORGANIZATIONS" && !survey.audienceOrganizations.length) return "surveys:builder.noAudience";
  if (survey.audience === "LAB" && !survey.labId) return "surveys:builder.noAudience";
  if (survey.closesAt && survey.closesAt <= (survey.opensAt ?? now)) return "surveys:builder.badDates";
  await db.survey.update({ where: { id }, data: { status: "OPEN", launchedAt: now } });
  return null;
}

export async function closeSurvey(id: string, now = new Date()) {
  const survey = await db.survey.findUnique({ where: { id }, select: { closesAt: true } });
  if (!survey) return;
  await db.survey.update({ where: { id }, data: { status: "CLOSED", closesAt: survey.closesAt && survey.closesAt < now ? survey.closesAt : now } });
}

/**
 * The labs whose members `user` may ask (audience LAB): those they run ("lab.manage": admins every
 * lab, tutors their own). The same rule checks the lab a settings form sends.
 */
export async function labChoices(user: ActorUser): Promise<{ id: string; title: string }[]> {
  const rows = await db.lab.findMany({
    where: isAdmin(user) ? {} : { tutors: { some: { userId: user.id } } },
    select: { id: true, title: true, status: true, organizations: { select: { organizationId: true } }, tutors: { select: { userId: true } } },
    orderBy: { startsAt: "desc" },
    take: 200,
  });
  const item = (row: (typeof rows)[number]): LabItem => ({
    id: row.id,
    status: row.status,
    organizationIds: row.organizations.map((o) => o.organizationId),
    roles: row.tutors.map((t) => ({ userId: t.userId, role: "tutor" as const })),
    viewer: { entitled: false, organizationIds: [] },
  });
  return rows.filter((row) => can(user, "lab.manage", item(row)).allowed).map((row) => ({ id: row.id, title: row.title }));
}

/** Organizations a survey may be sent to (audience by organization). */
export async function organizationChoices() {
  return db.organization.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true }, take: 500 });
}

export async function webinarTitle(webinarId: string) {
  return db.webinar.findUnique({ where: { id: webinarId }, select: { id: true, title: true } });
}
