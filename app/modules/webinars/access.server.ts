// Loads what the webinar rules (app/modules/access/webinars.ts) need: the webinar's audience and
// per-webinar roles, and what the viewer's enrolments give them. Routes call these, then
// `enforce(can(user, "webinar.attend", await attendItem(request, user, webinar)))`.
import { db } from "~/lib/db.server.ts";
import type { WebinarAttendItem, WebinarItem, WebinarViewer } from "~/modules/access/webinars.ts";
import { accessFor, canUse, enforce, type Decision } from "~/modules/access/policy.server.ts";
import { notFound } from "~/lib/http.server.ts";
import type { AccessContext } from "~/modules/access/entitlements.server.ts";
import type { SessionUser } from "~/modules/auth/session.server.ts";
import { organizationLineage } from "~/modules/enrolment/coverage.server.ts";
import { labIdsWith } from "~/modules/labs/access.server.ts";

/** What the rules need of a webinar row (spread it into a wider select). */
export const webinarItemSelect = {
  id: true,
  status: true,
  audience: true,
  audienceKits: { select: { kit: true } },
  audienceOrganizations: { select: { organizationId: true } },
  roles: { select: { userId: true, role: true } },
  labId: true,
} as const;

export type WebinarItemRow = {
  id: string;
  status: WebinarItem["status"];
  audience: WebinarItem["audience"];
  audienceKits: { kit: WebinarItem["audienceKits"][number] }[];
  audienceOrganizations: { organizationId: string }[];
  roles: WebinarItem["roles"];
  labId: string | null;
};

export function toWebinarItem(row: WebinarItemRow): WebinarItem {
  return {
    id: row.id,
    status: row.status,
    audience: row.audience,
    audienceKits: row.audienceKits.map((entry) => entry.kit),
    audienceOrganizationIds: row.audienceOrganizations.map((entry) => entry.organizationId),
    roles: row.roles,
    labId: row.labId,
  };
}

/** The webinar as the rules see it, by id or slug; null when there is no such webinar. */
export async function webinarItem(where: { id: string } | { slug: string }): Promise<WebinarItem | null> {
  const row = await db.webinar.findUnique({ where, select: webinarItemSelect });
  return row ? toWebinarItem(row) : null;
}

/**
 * What a person's enrolments (and their organization's lineage, and their labs) give them for the
 * webinar rules. Without `labIds` the person is in no lab: every lab webinar is refused.
 */
export function viewerFrom(access: AccessContext, organizationIds: string[], labIds: readonly string[] = []): WebinarViewer {
  return { webinars: canUse(access, "webinars"), kits: [...new Set(access.enrolments.map((enrolment) => enrolment.kit))], organizationIds, labIds };
}

const viewerPerRequest = new WeakMap<Request, Promise<WebinarViewer>>();

/** What the signed-in user's enrolments give them (loaded once per request). */
export function webinarViewer(request: Request, user: SessionUser): Promise<WebinarViewer> {
  let pending = viewerPerRequest.get(request);
  if (!pending) {
    pending = (async () => {
      const access = await accessFor(request, user);
      const [lineage, labIds] = await Promise.all([user.organizationId ? organizationLineage(user.organizationId) : [], labIdsWith(user.id, canUse(access, "lab").allowed)]);
      return viewerFrom(access, lineage, labIds);
    })();
    viewerPerRequest.set(request, pending);
  }
  return pending;
}

/** The item for "webinar.attend": the webinar plus what the viewer's enrolments give them. */
export async function attendItem(request: Request, user: SessionUser, webinar: WebinarItem): Promise<WebinarAttendItem> {
  return { ...webinar, viewer: await webinarViewer(request, user) };
}

/**
 * Enforces an attend decision. A lab's room does not exist for anyone outside the lab: the refusal
 * is a 404, as on the lab's own pages (a 403 would confirm the slug), whatever the reason.
 */
export function enforceAttend(item: Pick<WebinarItem, "labId">, decision: Decision) {
  if (!decision.allowed && item.labId !== null) throw notFound();
  enforce(decision);
}
