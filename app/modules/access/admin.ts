// The administration area: FPA's staff pages. Admins run everything; tutors open the area only
// for the sections meant for them (organizations and enrolments, read-only).
import { allow, defineRules, deny, type ActorUser } from "./core.ts";
import { isAdmin, isStaff } from "./roles.ts";

const adminOnly = (actor: ActorUser) => (isAdmin(actor) ? allow : deny());

export const adminRules = defineRules({
  /** The administration home page (/admin). */
  "admin.area": (actor) => (isStaff(actor) ? allow : deny()),
  /** The "Amministrazione" menu entry: admins (tutors reach their sections from "Organizzazioni"). */
  "admin.menu": adminOnly,
  /** List, invite, edit, disable and re-enable accounts; every invitation. */
  "users.manage": adminOnly,
  "audit.view": adminOnly,
  "feedback.view": adminOnly,
  /** Publish or clear the site-wide service notice. */
  "service-notice.manage": adminOnly,
});
