// Recordings, attendance reports, certificates and the training-hours ledger (issue 10).
// The report and the recording's management belong to staff and the webinar's hosts. A replay is
// seen by those the webinar's audience admits AND whose enrolment includes "recordings" (per-
// webinar roles and staff always). The ledger: one's own; a manager's organization; admins all.
import { allow, defineRules, deny, type ActorUser, type Decision } from "./core.ts";
import { isAdmin, isStaff } from "./roles.ts";
import { audienceAdmits, WEBINAR_CLOSED, type WebinarAttendItem, type WebinarItem } from "./webinars.ts";

/** The attend item plus whether the viewer's enrolments include recordings (canUse(access, "recordings")). */
export type WebinarReplayItem = WebinarAttendItem & { recordings: Decision };

const hosts = (actor: ActorUser, webinar: WebinarItem) => isStaff(actor) || webinar.roles.some((entry) => entry.userId === actor.id && entry.role === "HOST");
const holdsAnyRole = (actor: ActorUser, webinar: WebinarItem) => isStaff(actor) || webinar.roles.some((entry) => entry.userId === actor.id);

export const recordingRules = defineRules({
  /** The attendance report of a webinar and its CSV. */
  "webinar.report": (actor, webinar: WebinarItem) => (hosts(actor, webinar) ? allow : deny()),
  /** Upload a recording, edit chapters and captions. */
  "webinar.recording.manage": (actor, webinar: WebinarItem) => (hosts(actor, webinar) ? allow : deny()),
  /** Watch (and download) the webinar's recordings. */
  "webinar.replay": (actor, webinar: WebinarReplayItem) => {
    if (holdsAnyRole(actor, webinar)) return allow;
    if (webinar.status === "DRAFT" || webinar.status === "CANCELLED") return deny(WEBINAR_CLOSED);
    if (!webinar.recordings.allowed) return webinar.recordings;
    return audienceAdmits(webinar);
  },
  /** Everyone's training-hours ledger (a manager's organization goes through "organization.area"). */
  "training.all": (actor) => (isAdmin(actor) ? allow : deny()),
});
