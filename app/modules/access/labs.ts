// Community Building labs (issue 14). A lab is a cohort of enrolled organizations (INTERMEDIATE or
// PLUS: their kits grant the "lab" entitlement) led by tutors; people of those organizations join
// it or are added by a tutor. Who may do what:
//   see     staff (tutors, admins), the lab's tutors and members, and an entitled member of a cohort
//           organization (to join it). Members whose enrolment no longer grants "lab" see nothing.
//   manage  admins and the lab's tutors (cohort, members, sessions, register, activities, reviews)
//   edit    admins (title, period, status; create labs)
//   join    an entitled member of a cohort organization, while the lab is open
// Anything one may not see is a 404 (app/modules/labs/access.server.ts), so ids cannot be probed.
// The loader puts the viewer's organizations (their own and its ancestors: a union in the cohort
// covers its municipalities) and their "lab" entitlement into the item, so the rules stay pure.
import { allow, defineRules, deny, holdsItemRole, type ActorUser, type Decision, type WithItemRoles } from "./core.ts";
import { isAdmin, isMember, isStaff } from "./roles.ts";

export type LabRole = "tutor" | "member";

/** What the viewer's enrolments give them (loaded once per request). */
export type LabViewer = {
  /** canUse(access, "lab"). */
  entitled: boolean;
  /** The viewer's organization and its ancestors. */
  organizationIds: readonly string[];
};

export type LabItem = WithItemRoles<LabRole> & {
  id: string;
  status: "OPEN" | "CLOSED" | string;
  organizationIds: readonly string[];
  viewer: LabViewer;
};

export const LAB_NOT_FOUND = "labs:errors.notFound";
export const LAB_CLOSED = "labs:errors.closed";
export const LAB_ALREADY_MEMBER = "labs:errors.alreadyMember";

/** Is the viewer a person of one of the lab's cohort organizations, entitled to labs? */
function inCohort(actor: ActorUser, lab: LabItem): boolean {
  return isMember(actor) && lab.viewer.entitled && lab.viewer.organizationIds.some((id) => lab.organizationIds.includes(id));
}

/** The one "who sees this lab" rule (pages, lists, the calendar and the digest functions). */
export function seesLab(actor: ActorUser, lab: LabItem): boolean {
  if (isStaff(actor) || holdsItemRole(actor, lab, "tutor")) return true;
  if (holdsItemRole(actor, lab, "member")) return lab.viewer.entitled;
  return inCohort(actor, lab);
}

export function managesLab(actor: ActorUser, lab: LabItem): boolean {
  return isAdmin(actor) || holdsItemRole(actor, lab, "tutor");
}

const seen = (decide: (actor: ActorUser, lab: LabItem) => Decision) => (actor: ActorUser, lab: LabItem) => (seesLab(actor, lab) ? decide(actor, lab) : deny(LAB_NOT_FOUND));

export const labRules = defineRules({
  /** The list of labs one may see (it may be empty). */
  "labs.list": (actor) => (isMember(actor) || isStaff(actor) ? allow : deny()),
  /** Create labs. */
  "labs.create": (actor) => (isAdmin(actor) ? allow : deny()),
  "lab.view": seen(() => allow),
  /** Change the lab's title, description, period, quiet setting and status. */
  "lab.edit": seen((actor) => (isAdmin(actor) ? allow : deny())),
  /** Cohort, tutors' people: add and remove members, sessions, register, activities, reviews, quiet view. */
  "lab.manage": seen((actor, lab) => (managesLab(actor, lab) ? allow : deny())),
  /** Join by oneself. */
  "lab.join": seen((actor, lab) => {
    if (holdsItemRole(actor, lab, "member")) return deny(LAB_ALREADY_MEMBER);
    if (!inCohort(actor, lab)) return deny();
    return lab.status === "OPEN" ? allow : deny(LAB_CLOSED);
  }),
  /** Leave (members only). */
  "lab.leave": seen((actor, lab) => (holdsItemRole(actor, lab, "member") ? allow : deny())),
  /** Take part: submit to activities, see one's own submissions. */
  "lab.participate": seen((actor, lab) => (holdsItemRole(actor, lab, "member") && lab.viewer.entitled ? allow : deny())),
});
