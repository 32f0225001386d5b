// Role facts the community module needs, asked of the access policy (roles are compared only there).
import { can } from "~/modules/access/policy.ts";
import type { ActorUser } from "~/modules/access/core.ts";

/** Tutors and admins moderate (and see hidden posts and topics). */
export const isStaff = (actor: ActorUser) => can(actor, "community.moderate").allowed;
