// The one access policy: every loader and action asks it whether the current user may do
// something. Deny by default: an action not listed here is refused for everyone.
// Three kinds of question:
//  - role actions (`can`, `authorize`): "may an admin/tutor open this area";
//  - entitlements (`loadAccess`, `canUse`, `requireEntitlement`): "does an active enrolment of the
//    user's organization, or of its parent, include the CB lab";
//  - organization management (`canManageOrganization`): admins, and an organization's managers
//    for their own organization and, for a union, its member organizations.
import { db } from "~/lib/db.server.ts";
import { forbidden } from "~/lib/http.server.ts";
import { requireUser } from "~/modules/auth/current-user.server.ts";
import type { SessionUser } from "~/modules/auth/session.server.ts";
import type { Entitlement } from "~/modules/kits/catalogue.ts";
import { canUse, loadAccess, type AccessContext, type AccessUser, type Decision } from "./entitlements.server.ts";

export { canUse, loadAccess, isRunning } from "./entitlements.server.ts";
export type { AccessContext, AccessEnrolment, AccessUser, Decision, EndedEnrolment } from "./entitlements.server.ts";
export type { Entitlement } from "~/modules/kits/catalogue.ts";

export type Actor = SessionUser | null;

const allow: Decision = { allowed: true };
const deny = (reason = "errors.forbiddenText", values?: Record<string, string | number>): Decision => ({
  allowed: false,
  reason,
  values,
});

/** Actions that depend only on who the actor is (role), not on a resource. */
export type RoleAction =
  | "admin.area" // the administration section
  | "users.manage" // list, create, disable, re-enable accounts
  | "audit.view"
  | "feedback.view"
  | "tutor.area"
  | "organizations.view" // list and read organizations, their members and enrolments
  | "organizations.manage" // create, edit, import, delete organizations
  | "enrolments.view"
  | "enrolments.manage" // enrol, activate, edit, upgrade, cancel; micro-service tracker
  | "service-notice.manage"; // publish or clear the site-wide service notice

const isAdmin = (actor: SessionUser) => actor.role === "ADMIN";
const isStaff = (actor: SessionUser) => actor.role === "ADMIN" || actor.role === "TUTOR";

const roleRules: Record<RoleAction, (actor: SessionUser) => boolean> = {
  "admin.area": isAdmin,
  "users.manage": isAdmin,
  "audit.view": isAdmin,
  "feedback.view": isAdmin,
  "tutor.area": isStaff,
  // Tutors read organizations and enrolments to form lab cohorts; only admins change them.
  "organizations.view": isStaff,
  "organizations.manage": isAdmin,
  "enrolments.view": isStaff,
  "enrolments.manage": isAdmin,
  "service-notice.manage": isAdmin,
};

export function can(actor: Actor, action: RoleAction): Decision {
  if (!actor) return deny("errors.unauthorizedText");
  const rule = roleRules[action];
  if (!rule) return deny();
  return rule(actor) ? allow : deny();
}

/** Signed-in user allowed to do `action`, or a thrown 403 that says why. */
export async function authorize(request: Request, action: RoleAction) {
  const user = await requireUser(request);
  const decision = can(user, action);
  if (!decision.allowed) throw forbidden(decision.reason, decision.values);
  return user;
}

const accessPerRequest = new WeakMap<Request, Promise<AccessContext>>();

/** The access context of the request's user, loaded once per request (null user for visitors). */
export async function accessFor(request: Request, user: AccessUser | null): Promise<AccessContext> {
  let pending = accessPerRequest.get(request);
  if (!pending) {
    pending = loadAccess(user);
    accessPerRequest.set(request, pending);
  }
  return pending;
}

/**
 * The signed-in user's access context when they may use `entitlement`; otherwise a thrown 403
 * whose reason says why in plain words (no enrolment, kit too small, enrolment ended on <date>).
 * Visitors are sent to the sign-in page.
 */
export async function requireEntitlement(request: Request, entitlement: Entitlement): Promise<AccessContext & { user: SessionUser }> {
  const user = await requireUser(request);
  const access = await accessFor(request, user);
  const decision = canUse(access, entitlement);
  if (!decision.allowed) throw forbidden(decision.reason, decision.values);
  return { ...access, user };
}

/**
 * "organization.manage": invite colleagues, see the organization's members and reports.
 * Admins for every organization; a member with isOrganizationManager for their own organization
 * and for its child organizations (a union's manager manages its municipalities).
 */
export async function decideManageOrganization(
  user: Pick<SessionUser, "role" | "organizationId" | "isOrganizationManager"> | null,
  organizationId: string,
): Promise<Decision> {
  if (!user) return deny("errors.unauthorizedText");
  if (user.role === "ADMIN") return allow;
  if (user.role !== "MEMBER" || !user.isOrganizationManager || !user.organizationId) return deny("access:reasons.notManager");
  if (organizationId === user.organizationId) return allow;
  const target = await db.organization.findUnique({ where: { id: organizationId }, select: { parentId: true } });
  return target?.parentId === user.organizationId ? allow : deny("access:reasons.notManager");
}

export async function canManageOrganization(
  user: Pick<SessionUser, "role" | "organizationId" | "isOrganizationManager"> | null,
  organizationId: string,
): Promise<boolean> {
  return (await decideManageOrganization(user, organizationId)).allowed;
}

/** The signed-in user when they may manage `organizationId`, otherwise a thrown 403. */
export async function requireOrganizationManager(request: Request, organizationId: string) {
  const user = await requireUser(request);
  const decision = await decideManageOrganization(user, organizationId);
  if (!decision.allowed) throw forbidden(decision.reason, decision.values);
  return user;
}
