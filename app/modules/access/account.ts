// A signed-in user's own pages: profile, password, sessions, "Il mio percorso".
import { allow, defineRules, deny } from "./core.ts";
import { isMember } from "./roles.ts";

export const accountRules = defineRules({
  /** Every signed-in user manages their own account. */
  "account.use": () => allow,
  /** Every signed-in user may open their pathway; staff see a page that explains it is for members. */
  "pathway.view": () => allow,
  /** The pathway is worth a menu entry for members of an organization. */
  "pathway.menu": (actor) => (isMember(actor) && actor.organizationId ? allow : deny("access:reasons.noOrganization")),
});
