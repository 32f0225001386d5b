// Organizations. Two kinds of question: the staff pages over every organization
// ("organizations.view" / "organizations.manage"), and "may this user manage *that* organization"
// (invite colleagues, see its members): admins for all, a manager for their own organization and,
// for a union, its member organizations.
import { allow, defineRules, deny } from "./core.ts";
import { isAdmin, isStaff, managesAnOrganization } from "./roles.ts";

/** What the rules need to know about an organization (see loaders.server.ts). */
export type OrganizationItem = { id: string; parentId: string | null };

export const NOT_MANAGER = "access:reasons.notManager";
export const ORGANIZATION_AREA = "access:reasons.organizationArea";

export const organizationRules = defineRules({
  // Tutors read organizations and enrolments to form lab cohorts; only admins change them.
  "organizations.view": (actor) => (isStaff(actor) ? allow : deny()),
  "organizations.manage": (actor) => (isAdmin(actor) ? allow : deny()),
  /** "La mia organizzazione": members who manage an organization. */
  "organization.area": (actor) => (managesAnOrganization(actor) ? allow : deny(ORGANIZATION_AREA)),
  "organization.manage": (actor, organization: OrganizationItem) => {
    if (isAdmin(actor)) return allow;
    if (!managesAnOrganization(actor)) return deny(NOT_MANAGER);
    if (organization.id === actor.organizationId || organization.parentId === actor.organizationId) return allow;
    return deny(NOT_MANAGER);
  },
});
