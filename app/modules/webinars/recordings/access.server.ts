// Loaders for the recording and report rules (app/modules/access/recordings.ts). A webinar the
// viewer may not even see answers 404 (its slug reveals nothing); one they may see but not act on
// answers 403 with the reason.
import { notFound } from "~/lib/http.server.ts";
import type { WebinarItem } from "~/modules/access/webinars.ts";
import type { WebinarReplayItem } from "~/modules/access/recordings.ts";
import { accessFor, can, canUse, enforce } from "~/modules/access/policy.server.ts";
import { requireUser } from "~/modules/auth/current-user.server.ts";
import type { SessionUser } from "~/modules/auth/session.server.ts";
import { attendItem, webinarItem } from "../access.server.ts";

export async function replayItem(request: Request, user: SessionUser, webinar: WebinarItem): Promise<WebinarReplayItem> {
  const access = await accessFor(request, user);
  return { ...(await attendItem(request, user, webinar)), recordings: canUse(access, "recordings") };
}

/** 404 unless the viewer may at least see the webinar (attend it or watch it). */
async function mustSee(request: Request, user: SessionUser, webinar: WebinarItem) {
  const replay = await replayItem(request, user, webinar);
  const sees = can(user, "webinar.replay", replay).allowed || can(user, "webinar.attend", replay).allowed;
  if (!sees) throw notFound();
  return replay;
}

/** The signed-in user and the webinar when they may see its report / manage its recordings. */
export async function requireWebinarPower(request: Request, slug: string, action: "webinar.report" | "webinar.recording.manage") {
  const user = await requireUser(request);
  const webinar = await webinarItem({ slug });
  if (!webinar) throw notFound();
  const decision = can(user, action, webinar);
  if (!decision.allowed) {
    await mustSee(request, user, webinar);
    enforce(decision);
  }
  return { user, webinar };
}

/** The signed-in user and the webinar when they may watch its recordings. */
export async function requireReplay(request: Request, slug: string) {
  const user = await requireUser(request);
  const webinar = await webinarItem({ slug });
  if (!webinar) throw notFound();
  const item = await replayItem(request, user, webinar);
  const decision = can(user, "webinar.replay", item);
  if (!decision.allowed) {
    // A draft, or a webinar whose audience leaves the viewer out, is not shown at all.
    if (item.status === "DRAFT" || (!can(user, "webinar.attend", item).allowed && item.audience !== "PUBLIC")) throw notFound();
    enforce(decision);
  }
  return { user, webinar };
}
