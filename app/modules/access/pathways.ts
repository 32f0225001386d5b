// Pathways and their Open Badges (docs/decisions/0020-badges-pathways.md). Staff (tutors and
// admins) define pathways; only admins revoke an issued badge. Everyone signed in sees their own
// progress (account area); the badge's public pages (assertion, class, issuer) need no rule.
import { allow, defineRules, deny } from "./core.ts";
import { isAdmin, isStaff } from "./roles.ts";

export const pathwayRules = defineRules({
  /** Define pathways and their criteria, archive them, see who earned their badge. */
  "pathways.manage": (actor) => (isStaff(actor) ? allow : deny()),
  /** Revoke an issued badge. */
  "badges.revoke": (actor) => (isAdmin(actor) ? allow : deny()),
});
