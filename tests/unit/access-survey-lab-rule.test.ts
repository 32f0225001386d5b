// The survey rule for a lab's members (audience LAB) without a database: the lab's members answer,
// their colleagues and other labs' members are told it is not for them, staff preview instead.
import type { ActorUser } from "~/modules/access/core.ts";
import { can } from "~/modules/access/policy.ts";
import type { SurveyAnswerItem, SurveyItem, SurveyViewer } from "~/modules/access/surveys.ts";

const member: ActorUser = { id: "m", role: "MEMBER", organizationId: "town", isOrganizationManager: false };
const tutor: ActorUser = { ...member, id: "t", role: "TUTOR", organizationId: null };
const now = new Date("2026-12-01T10:00:00Z");
const survey: SurveyItem = { id: "s1", kind: "GENERAL", status: "OPEN", audience: "LAB", audienceKits: [], audienceOrganizationIds: [], labId: "lab-1", opensAt: null, closesAt: null, roles: [] };
const viewer = (labIds: string[]): SurveyViewer => ({ surveys: { allowed: true }, kits: ["PLUS"], organizationIds: ["town"], labIds, locale: "it", now });
const item = (labIds: string[], overrides: Partial<SurveyItem> = {}): SurveyAnswerItem => ({ ...survey, ...overrides, viewer: viewer(labIds) });

describe("a survey for a lab's members", () => {
  it("a member of the lab answers it", () => {
    expect(can(member, "survey.answer", item(["lab-1"])).allowed).toBe(true);
  });

  it("a colleague outside the lab, or a member of another lab, is told it is not for them", () => {
    expect(can(member, "survey.answer", item([]))).toEqual({ allowed: false, reason: "surveys:reasons.notInAudience" });
    expect(can(member, "survey.answer", item(["lab-2"]))).toEqual({ allowed: false, reason: "surveys:reasons.notInAudience" });
  });

  it("a lab survey whose lab was deleted asks nobody; staff never answer", () => {
    expect(can(member, "survey.answer", item(["lab-1"], { labId: null })).allowed).toBe(false);
    expect(can(tutor, "survey.answer", item(["lab-1"])).allowed).toBe(false);
  });
});
