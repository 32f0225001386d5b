// The policy's core without a database: deny by default, rule sets that cannot clash, per-item
// roles for the coming domains, and the menus that follow the rules.
import { allow, combineRules, defineRules, deny, holdsItemRole, type ActorUser, type WithItemRoles } from "~/modules/access/core.ts";
import { can, rules } from "~/modules/access/policy.ts";
import { adminSections } from "~/modules/admin/sections.ts";
import { mainNavigation } from "~/modules/navigation.ts";

const actor = (overrides: Partial<ActorUser> = {}): ActorUser => ({ id: "u1", role: "MEMBER", organizationId: null, isOrganizationManager: false, ...overrides });
const admin = actor({ id: "a", role: "ADMIN" });
const tutor = actor({ id: "t", role: "TUTOR" });
const manager = actor({ id: "m", organizationId: "org-a", isOrganizationManager: true });
const member = actor({ id: "p", organizationId: "org-a" });

describe("deny by default", () => {
  it("refuses visitors with the sign-in reason and unknown actions with the generic one", () => {
    expect(can(null, "admin.area")).toEqual({ allowed: false, reason: "errors.unauthorizedText" });
    expect(can(admin, "no.such.action" as never)).toEqual({ allowed: false, reason: "errors.forbiddenText" });
  });

  it("refuses an action claimed by two domains when the rules are combined", () => {
    const first = defineRules({ "webinar.view": () => allow });
    const second = defineRules({ "webinar.view": () => deny() });
    expect(() => combineRules(first, second)).toThrow(/webinar.view/);
  });
});

describe("items decide", () => {
  it("a manager manages their organization and its member organizations, nothing else", () => {
    expect(can(manager, "organization.manage", { id: "org-a", parentId: null }).allowed).toBe(true);
    expect(can(manager, "organization.manage", { id: "town", parentId: "org-a" }).allowed).toBe(true);
    expect(can(manager, "organization.manage", { id: "org-b", parentId: null })).toEqual({ allowed: false, reason: "access:reasons.notManager" });
    expect(can(member, "organization.manage", { id: "org-a", parentId: null }).allowed).toBe(false);
    // The page says what it is for, in the words members already know.
    expect(can(member, "organization.area")).toEqual({ allowed: false, reason: "access:reasons.organizationArea" });
  });

  it("a manager invites members, never staff; admins invite anyone", () => {
    const own = { id: "org-a", parentId: null };
    expect(can(manager, "invitation.create", { role: "MEMBER", organization: own }).allowed).toBe(true);
    expect(can(manager, "invitation.create", { role: "TUTOR", organization: null }).allowed).toBe(false);
    expect(can(admin, "invitation.create", { role: "TUTOR", organization: null }).allowed).toBe(true);
  });

  it("tutors read enrolments and are told why they cannot change them", () => {
    const enrolment = { id: "e", organizationId: "org-a" };
    expect(can(tutor, "enrolment.view", enrolment).allowed).toBe(true);
    expect(can(tutor, "enrolment.change", enrolment)).toEqual({ allowed: false, reason: "access:reasons.tutorReadOnly" });
    expect(can(admin, "enrolment.change", enrolment).allowed).toBe(true);
  });

  it("a coming domain adds its rules and per-item roles without touching the core", () => {
    type Lab = WithItemRoles<"speaker" | "support"> & { published: boolean };
    const labRules = defineRules({
      "lab.mentor": (who, lab: Lab) => (holdsItemRole(who, lab, "speaker", "support") ? allow : deny("labs:reasons.notStaff")),
    });
    const combined = combineRules(rules, labRules);
    const lab: Lab = { published: true, roles: [{ userId: "p", role: "speaker" }] };
    expect(combined["lab.mentor"](member, lab)).toEqual(allow);
    expect(combined["lab.mentor"](manager, lab)).toEqual({ allowed: false, reason: "labs:reasons.notStaff" });
  });
});

describe("menus follow the rules", () => {
  const links = (who: ActorUser | null) => mainNavigation(who).map((item) => item.to);
  it("shows each actor only what they may open", () => {
    expect(links(null)).toEqual(["/", "/webinars", "/blog"]);
    expect(links(actor())).toEqual(["/", "/webinars", "/blog", "/surveys", "/labs"]);
    expect(links(member)).toEqual(["/", "/webinars", "/blog", "/pathway", "/surveys", "/labs"]);
    expect(links(manager)).toEqual(["/", "/webinars", "/blog", "/organization", "/pathway", "/surveys", "/monitoring", "/labs"]);
    expect(links(tutor)).toEqual(["/", "/webinars", "/blog", "/admin/organizations", "/surveys/manage", "/blog/manage", "/monitoring", "/labs", "/community", "/files"]);
    expect(links(admin)).toEqual(["/", "/webinars", "/blog", "/admin", "/admin/organizations", "/surveys/manage", "/blog/manage", "/monitoring", "/labs", "/community", "/files"]);
  });

  it("shows the community to members whose kit grants it, and to staff", () => {
    expect(mainNavigation(member, true).map((item) => item.to)).toEqual(["/", "/webinars", "/blog", "/pathway", "/surveys", "/labs", "/community", "/files"]);
    expect(mainNavigation(member, false).map((item) => item.to)).not.toContain("/community");
    expect(mainNavigation(member, false).map((item) => item.to)).not.toContain("/files");
  });

  it("lists for tutors only the administration sections they may open", () => {
    expect(adminSections.filter((section) => can(tutor, section.action).allowed).map((s) => s.to)).toEqual(["/admin/organizations", "/admin/enrolments", "/admin/pathways"]);
    expect(adminSections.every((section) => can(admin, section.action).allowed)).toBe(true);
  });
});
