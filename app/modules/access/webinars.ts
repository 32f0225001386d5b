// Webinars. Staff (tutors, admins) schedule and run every webinar; anyone else gets powers on ONE
// webinar from its own roles (WebinarRole rows: HOST, SPEAKER, SUPPORT), loaded into `item.roles`.
// Who may attend depends on the webinar's audience and on what the viewer's enrolments include;
// the loader (app/modules/webinars/access.server.ts) puts that into `item.viewer`, so the rule
// stays pure and the refusal names the reason (kit lacks it, enrolment ended on …).
import type { Kit, WebinarAudience, WebinarRoleKind, WebinarStatus } from "~/generated/sqlite/enums.ts";
import { allow, defineRules, deny, type ActorUser, type Decision, type WithItemRoles } from "./core.ts";
import { isStaff } from "./roles.ts";

/** What the rules need to know about a webinar. */
export type WebinarItem = WithItemRoles<WebinarRoleKind> & {
  id: string;
  status: WebinarStatus;
  audience: WebinarAudience;
  audienceKits: readonly Kit[];
  audienceOrganizationIds: readonly string[];
  /** An online lab session's room (issue 14): only the lab's people (and staff, and its hosts) get in. */
  labId: string | null;
};

/** What the viewer's enrolments give them, loaded once per request (entitlements.server.ts). */
export type WebinarViewer = {
  /** canUse(access, "webinars"): allowed, or the reason in the member's words. */
  webinars: Decision;
  /** Kits of the running enrolments that cover the viewer's organization. */
  kits: readonly Kit[];
  /** The viewer's organization and its ancestors (a union's invitation covers its municipalities). */
  organizationIds: readonly string[];
  /** The labs the viewer belongs to (labIdsOf: member while their kit grants "lab", or tutor). */
  labIds: readonly string[];
};

export type WebinarAttendItem = WebinarItem & { viewer: WebinarViewer };

export const WEBINAR_NOT_IN_KIT = "access:reasons.webinarNotInKit";
export const WEBINAR_NOT_INVITED = "access:reasons.webinarNotInvited";
export const WEBINAR_CLOSED = "access:reasons.webinarClosed";

const runs = (actor: ActorUser, webinar: WebinarItem, ...roles: WebinarRoleKind[]) =>
  isStaff(actor) || webinar.roles.some((entry) => entry.userId === actor.id && roles.includes(entry.role));

/** May the viewer attend (register, join the room, read materials) by the webinar's audience? */
export function audienceAdmits(webinar: WebinarAttendItem): Decision {
  const { viewer } = webinar;
  // A lab's room admits the lab and no one else, whatever the audience columns or the viewer's kit
  // say. "Not invited" is also what hides a webinar from lists and makes its page a 404.
  if (webinar.labId !== null) return viewer.labIds.includes(webinar.labId) ? allow : deny(WEBINAR_NOT_INVITED);
  switch (webinar.audience) {
    case "PUBLIC":
      return allow;
    case "ORGANIZATIONS":
      return viewer.organizationIds.some((id) => webinar.audienceOrganizationIds.includes(id)) ? allow : deny(WEBINAR_NOT_INVITED);
    case "KITS": {
      if (!viewer.webinars.allowed) return viewer.webinars;
      if (viewer.kits.some((kit) => webinar.audienceKits.includes(kit))) return allow;
      return deny(WEBINAR_NOT_IN_KIT, { kit: viewer.kits.join(", "), kits: webinar.audienceKits.join(", ") });
    }
  }
}

function mayAttend(actor: ActorUser, webinar: WebinarAttendItem): Decision {
  if (runs(actor, webinar, "HOST", "SPEAKER", "SUPPORT")) return allow;
  if (webinar.status !== "SCHEDULED" && webinar.status !== "LIVE") return deny(WEBINAR_CLOSED);
  return audienceAdmits(webinar);
}

export const webinarRules = defineRules({
  /** Schedule new webinars, see drafts and the staff lists. */
  "webinars.schedule": (actor) => (isStaff(actor) ? allow : deny()),
  /** Edit, move, cancel, manage materials and roles of this webinar. */
  "webinar.edit": (actor, _webinar: WebinarItem) => (isStaff(actor) ? allow : deny()),
  /** Register, join the room as an attendee, read the materials. */
  "webinar.attend": (actor, webinar: WebinarAttendItem) => mayAttend(actor, webinar),
  /**
   * Read and download the materials: whoever may attend, and after the webinar (ENDED) those
   * who were registered for it (the slides stay with the people who attended).
   */
  "webinar.materials": (actor, webinar: WebinarAttendItem & { registered: boolean }) => {
    if (webinar.status === "ENDED" && webinar.registered) return allow;
    return mayAttend(actor, webinar);
  },
  /** Run the room: promote and demote, mute, remove, start a recording, moderate. */
  "webinar.host": (actor, webinar: WebinarItem) => (runs(actor, webinar, "HOST") ? allow : deny()),
  /** Publish audio, video and screen in the room. */
  "webinar.speak": (actor, webinar: WebinarItem) => (runs(actor, webinar, "HOST", "SPEAKER") ? allow : deny()),
  /** Answer technical-assistance requests. */
  "webinar.support": (actor, webinar: WebinarItem) => (runs(actor, webinar, "HOST", "SUPPORT") ? allow : deny()),
  /** Moderate the live chat and Q&A: hide, mute, remove, chat on/off, slow mode, approve and answer questions. */
  "webinar.moderate": (actor, webinar: WebinarItem) => (runs(actor, webinar, "HOST", "SUPPORT") ? allow : deny()),
  /** Read the chat, Q&A and poll results after the webinar ended (the archive on the live page). */
  "webinar.archive": (actor, webinar: WebinarAttendItem) => {
    if (runs(actor, webinar, "HOST", "SPEAKER", "SUPPORT")) return allow;
    if (webinar.status !== "ENDED") return deny(WEBINAR_CLOSED);
    return audienceAdmits(webinar);
  },
});
