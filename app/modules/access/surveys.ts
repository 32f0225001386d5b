// Surveys: training-needs analyses and satisfaction questionnaires. Staff (tutors, admins) build
// them, launch them and read the results; members answer the ones whose audience includes them.
// The audience is by kit (the training-needs analysis goes to the kits granting "surveys", PLUS),
// by invited organization (a union's invitation covers its municipalities) or, for a webinar's
// satisfaction questionnaire, the people it was sent to (the item's RESPONDENT roles), or a lab's
// members (LAB: the labs the viewer belongs to while their kit grants labs, as the lab's spaces).
// The loader (app/modules/surveys/access.server.ts) puts the viewer's kits and organizations and
// the time of the request into the item, so the rule stays pure.
import type { Kit, SurveyAudience, SurveyKind, SurveyStatus } from "~/generated/sqlite/enums.ts";
import { formatDateTime } from "~/lib/dates.ts";
import { allow, defineRules, deny, holdsItemRole, type ActorUser, type Decision, type WithItemRoles } from "./core.ts";
import { isMember, isStaff } from "./roles.ts";

export type SurveyRoleKind = "RESPONDENT";

/** What the rules need to know about a survey. */
export type SurveyItem = WithItemRoles<SurveyRoleKind> & {
  id: string;
  kind: SurveyKind;
  status: SurveyStatus;
  audience: SurveyAudience;
  audienceKits: readonly Kit[];
  audienceOrganizationIds: readonly string[];
  /** The lab of a LAB audience. */
  labId: string | null;
  opensAt: Date | null;
  closesAt: Date | null;
};

/** What the viewer's enrolments give them (loaded once per request). */
export type SurveyViewer = {
  /** canUse(access, "surveys"): needed for a training-needs analysis. */
  surveys: Decision;
  /** Kits of the running enrolments that cover the viewer's organization. */
  kits: readonly Kit[];
  /** The viewer's organization and its ancestors. */
  organizationIds: readonly string[];
  /** The labs the viewer belongs to (labIdsOf: a member while their kit grants labs). */
  labIds: readonly string[];
  locale: string;
  now: Date;
};

export type SurveyAnswerItem = SurveyItem & { viewer: SurveyViewer };

export const SURVEY_NOT_OPEN = "surveys:reasons.notOpen";
export const SURVEY_NOT_YET_OPEN = "surveys:reasons.notYetOpen";
export const SURVEY_CLOSED = "surveys:reasons.closed";
export const SURVEY_NOT_FOR_YOU = "surveys:reasons.notInAudience";

/** Is the survey taking answers at the viewer's `now`? A refusal names the dates. */
export function surveyWindow(survey: Pick<SurveyItem, "status" | "opensAt" | "closesAt">, now: Date, locale: string): Decision {
  if (survey.status === "DRAFT") return deny(SURVEY_NOT_OPEN);
  if (survey.status === "CLOSED") return deny(SURVEY_CLOSED, { date: formatDateTime(survey.closesAt ?? now, locale) });
  if (survey.opensAt && survey.opensAt > now) return deny(SURVEY_NOT_YET_OPEN, { date: formatDateTime(survey.opensAt, locale) });
  if (survey.closesAt && survey.closesAt <= now) return deny(SURVEY_CLOSED, { date: formatDateTime(survey.closesAt, locale) });
  return allow;
}

function audienceAdmits(survey: SurveyAnswerItem, actor: ActorUser): Decision {
  const { viewer } = survey;
  switch (survey.audience) {
    case "KITS": {
      if (survey.kind === "TRAINING_NEEDS" && !viewer.surveys.allowed) return viewer.surveys;
      return viewer.kits.some((kit) => survey.audienceKits.includes(kit)) ? allow : deny(SURVEY_NOT_FOR_YOU);
    }
    case "ORGANIZATIONS":
      return viewer.organizationIds.some((id) => survey.audienceOrganizationIds.includes(id)) ? allow : deny(SURVEY_NOT_FOR_YOU);
    case "WEBINAR":
      return holdsItemRole(actor, survey, "RESPONDENT") ? allow : deny(SURVEY_NOT_FOR_YOU);
    case "LAB":
      return survey.labId && viewer.labIds.includes(survey.labId) ? allow : deny(SURVEY_NOT_FOR_YOU);
  }
}

export const surveyRules = defineRules({
  /** The list of surveys open to the signed-in member (it may be empty); staff build them instead. */
  "surveys.list": (actor) => (isMember(actor) ? allow : deny()),
  /** Build, launch and close surveys; see the staff list. */
  "surveys.manage": (actor) => (isStaff(actor) ? allow : deny()),
  /** Change this survey's questions, audience and dates; duplicate it; make a new version. */
  "survey.edit": (actor, _survey: SurveyItem) => (isStaff(actor) ? allow : deny()),
  /** Read this survey's results and export them. */
  "survey.results": (actor, _survey: SurveyItem) => (isStaff(actor) ? allow : deny()),
  /** Answer (or go on answering) this survey. Staff preview it instead. */
  "survey.answer": (actor, survey: SurveyAnswerItem) => {
    if (isStaff(actor)) return deny();
    const audience = audienceAdmits(survey, actor);
    if (!audience.allowed) return audience;
    return surveyWindow(survey, survey.viewer.now, survey.viewer.locale);
  },
});
