// The one access policy: every loader and action asks it whether the current user may do
// something. Deny by default: an action not listed here is refused for everyone.
import { forbidden } from "~/lib/http.server.ts";
import { requireUser } from "~/modules/auth/current-user.server.ts";
import type { SessionUser } from "~/modules/auth/session.server.ts";

export type Actor = SessionUser | null;

export type Decision =
  | { allowed: true }
  | { allowed: false; reason: string; values?: Record<string, string | number> };

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
  | "tutor.area";

const roleRules: Record<RoleAction, (actor: SessionUser) => boolean> = {
  "admin.area": (actor) => actor.role === "ADMIN",
  "users.manage": (actor) => actor.role === "ADMIN",
  "audit.view": (actor) => actor.role === "ADMIN",
  "feedback.view": (actor) => actor.role === "ADMIN",
  "tutor.area": (actor) => actor.role === "ADMIN" || actor.role === "TUTOR",
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
