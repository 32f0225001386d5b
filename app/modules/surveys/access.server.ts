// Loads what the survey rules (app/modules/access/surveys.ts) need: the survey's audience and,
// for a webinar's questionnaire, who it was sent to; and what the viewer's enrolments give them.
import { db } from "~/lib/db.server.ts";
import type { SurveyAnswerItem, SurveyItem, SurveyViewer } from "~/modules/access/surveys.ts";
import { accessFor, can, canUse } from "~/modules/access/policy.server.ts";
import type { SessionUser } from "~/modules/auth/session.server.ts";
import { organizationLineage } from "~/modules/enrolment/coverage.server.ts";
import { labIdsOf } from "~/modules/labs/access.server.ts";

export const surveyItemSelect = {
  id: true,
  kind: true,
  status: true,
  audience: true,
  labId: true,
  opensAt: true,
  closesAt: true,
  audienceKits: { select: { kit: true } },
  audienceOrganizations: { select: { organizationId: true } },
} as const;

type Row = Omit<SurveyItem, "audienceKits" | "audienceOrganizationIds" | "roles"> & {
  audienceKits: { kit: SurveyItem["audienceKits"][number] }[];
  audienceOrganizations: { organizationId: string }[];
};

export function toSurveyItem(row: Row, respondents: string[] = []): SurveyItem {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    audience: row.audience,
    opensAt: row.opensAt,
    closesAt: row.closesAt,
    audienceKits: row.audienceKits.map((entry) => entry.kit),
    audienceOrganizationIds: row.audienceOrganizations.map((entry) => entry.organizationId),
    labId: row.labId,
    roles: respondents.map((userId) => ({ userId, role: "RESPONDENT" as const })),
  };
}

/** The survey as the rules see it; `viewerId` loads whether that person was sent a webinar questionnaire. */
export async function surveyItem(id: string, viewerId?: string): Promise<SurveyItem | null> {
  const row = await db.survey.findUnique({ where: { id }, select: surveyItemSelect });
  if (!row) return null;
  let respondents: string[] = [];
  if (row.audience === "WEBINAR" && viewerId) {
    const invited = await db.surveyParticipation.findUnique({ where: { surveyId_userId: { surveyId: id, userId: viewerId } }, select: { userId: true } });
    respondents = invited ? [invited.userId] : [];
  }
  return toSurveyItem(row, respondents);
}

const viewerPerRequest = new WeakMap<Request, Promise<SurveyViewer>>();

export function surveyViewer(request: Request, user: SessionUser): Promise<SurveyViewer> {
  let pending = viewerPerRequest.get(request);
  if (!pending) {
    pending = (async () => {
      const access = await accessFor(request, user);
      return {
        surveys: canUse(access, "surveys"),
        kits: [...new Set(access.enrolments.map((enrolment) => enrolment.kit))],
        organizationIds: user.organizationId ? await organizationLineage(user.organizationId) : [],
        labIds: await labIdsOf(user.id, access.now),
        locale: user.locale,
        now: access.now,
      };
    })();
    viewerPerRequest.set(request, pending);
  }
  return pending;
}

export async function answerItem(request: Request, user: SessionUser, survey: SurveyItem): Promise<SurveyAnswerItem> {
  return { ...survey, viewer: await surveyViewer(request, user) };
}

/** The open surveys the user may answer, with how far they got. */
export async function surveysOpenTo(request: Request, user: SessionUser) {
  const rows = await db.survey.findMany({
    where: { status: "OPEN" },
    select: { ...surveyItemSelect, title: true, description: true, anonymous: true, participations: { where: { userId: user.id }, select: { userId: true, status: true } } },
    orderBy: { launchedAt: "desc" },
    take: 100,
  });
  const viewer = await surveyViewer(request, user);
  return rows
    .filter((row) => can(user, "survey.answer", { ...toSurveyItem(row, row.participations.map((p) => p.userId)), viewer }).allowed)
    .map((row) => ({ id: row.id, title: row.title, description: row.description, anonymous: row.anonymous, closesAt: row.closesAt, status: row.participations[0]?.status ?? null }));
}
