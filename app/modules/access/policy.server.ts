// The access policy for loaders and actions. The decisions live in the per-domain rule files
// (admin.ts, organizations.ts, enrolments.ts, invitations.ts, account.ts, combined in policy.ts)
// and in entitlements.server.ts (what an organization's enrolments include); this file adds what
// needs a request or the database: the signed-in user, the items' loaders, and 403s that say why.
import { forbidden } from "~/lib/http.server.ts";
import { requireUser } from "~/modules/auth/current-user.server.ts";
import type { SessionUser } from "~/modules/auth/session.server.ts";
import type { Entitlement } from "~/modules/kits/catalogue.ts";
import { deny, SIGNED_OUT, type Actor, type ActorUser, type Decision } from "./core.ts";
import { canUse, loadAccess, type AccessContext, type AccessUser } from "./entitlements.server.ts";
import { heldAccess } from "./held-access.server.ts";
import { organizationItem, organizationWithChildren } from "./loaders.server.ts";
import { can, type Action, type ItemArgs } from "./policy.ts";
import { NOT_MANAGER, ORGANIZATION_AREA } from "./organizations.ts";

export { canUse, loadAccess, isRunning } from "./entitlements.server.ts";
export type { AccessContext, AccessEnrolment, AccessUser, EndedEnrolment } from "./entitlements.server.ts";
export type { Entitlement } from "~/modules/kits/catalogue.ts";
export { can, type Action, type AreaAction, type ItemOf } from "./policy.ts";
export { invitationItem, organizationItem } from "./loaders.server.ts";
export type { Actor, ActorUser, Decision } from "./core.ts";

/** Throws the 403 of a refusal (its reason is translated by the error page). */
export function enforce(decision: Decision): void {
  if (!decision.allowed) throw forbidden(decision.reason, decision.values);
}

/** The signed-in user when `can(user, action, item)` allows it; a visitor is sent to sign in; otherwise a 403 that says why. */
export async function authorize<A extends Action>(request: Request, action: A, ...item: ItemArgs<A>) {
  const user = await requireUser(request);
  enforce(can(user, action, ...item));
  return user;
}

const accessPerRequest = new WeakMap<Request, Promise<AccessContext>>();

/** The access context of the request's user, loaded once per request and held a few seconds per user (held-access.server.ts; null user for visitors). */
export async function accessFor(request: Request, user: AccessUser | null): Promise<AccessContext> {
  let pending = accessPerRequest.get(request);
  if (!pending) {
    pending = user ? heldAccess(user) : loadAccess(null);
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
  enforce(canUse(access, entitlement));
  return { ...access, user };
}

/** "organization.manage" for an organization known by id (a missing organization is refused like a foreign one). */
export async function decideManageOrganization(actor: Actor, organizationId: string): Promise<Decision> {
  if (!actor) return deny(SIGNED_OUT);
  const organization = await organizationItem(organizationId);
  if (!organization) return deny(NOT_MANAGER);
  return can(actor, "organization.manage", organization);
}

export async function canManageOrganization(actor: Actor, organizationId: string): Promise<boolean> {
  return (await decideManageOrganization(actor, organizationId)).allowed;
}

/** The signed-in user when they may manage `organizationId`, otherwise a thrown 403. */
export async function requireOrganizationManager(request: Request, organizationId: string) {
  const user = await requireUser(request);
  enforce(await decideManageOrganization(user, organizationId));
  return user;
}

/** The organizations `actor` manages: their own and, for a union, its member organizations. */
export async function managedOrganizations(actor: ActorUser) {
  if (!actor.organizationId || !can(actor, "organization.area").allowed) return [];
  const candidates = await organizationWithChildren(actor.organizationId);
  return candidates.filter((organization) => can(actor, "organization.manage", organization).allowed).map(({ id, name }) => ({ id, name }));
}

/** "La mia organizzazione" and its pages: the signed-in manager and the organizations they manage, or a 403. */
export async function requireOrganizationArea(request: Request) {
  const user = await requireUser(request);
  enforce(can(user, "organization.area"));
  const organizations = await managedOrganizations(user);
  if (!organizations.length) throw forbidden(ORGANIZATION_AREA);
  return { user, organizations };
}
