// The only place that compares roles. Rules ask these predicates; domain code that needs a fact
// about a role (members belong to an organization and take a seat) asks the role facts below, so
// `grep "role ==="` outside app/modules/access/ finds nothing (a lint rule keeps it so).
import type { ActorUser, Role } from "./core.ts";

type HasRole = Pick<ActorUser, "role">;

export const isAdmin = (actor: HasRole) => actor.role === "ADMIN";
export const isTutor = (actor: HasRole) => actor.role === "TUTOR";
/** FPA's staff: admins and tutors. */
export const isStaff = (actor: HasRole) => isAdmin(actor) || isTutor(actor);
export const isMember = (actor: HasRole) => actor.role === "MEMBER";

/** A member who is the contact person of an organization (invites colleagues, sees its members). */
export const managesAnOrganization = (actor: ActorUser) => isMember(actor) && actor.isOrganizationManager && Boolean(actor.organizationId);

// ---- role facts for domain code -------------------------------------------------------------------

/** Members belong to an organization, take one of its enrolment's seats, may be its managers. */
export const roleBelongsToOrganization = (role: Role | string) => role === "MEMBER";
export const isAdminRole = (role: Role | string) => role === "ADMIN";
export const isSameRole = (a: Role | string, b: Role | string) => a === b;
