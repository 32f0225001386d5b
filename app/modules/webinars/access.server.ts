// Loads what the webinar rules (app/modules/access/webinars.ts) need: the webinar's audience and
// per-webinar roles, and what the viewer's enrolments give them. Routes call these, then
// `enforce(can(user, "webinar.attend", await attendItem(request, user, webinar)))`.
import { db } from "~/lib/db.server.ts";
import type { WebinarAttendItem, WebinarItem, WebinarViewer } from "~/modules/access/webinars.ts";
import { accessFor, canUse } from "~/modules/access/policy.server.ts";
import type { AccessContext } from "~/modules/access/entitlements.server.ts";
import type { SessionUser } from "~/modules/auth/session.server.ts";
import { organizationLineage } from "~/modules/enrolment/coverage.server.ts";

/** What the rules need of a webinar row (spread it into a wider select). */
export const webinarItemSelect = {
  id: true,
  status: true,
  audience: true,
  audienceKits: { select: { kit: true } },
  audienceOrganizations: { select: { organizationId: true } },
  roles: { select: { userId: true, role: true } },
} as const;

export type WebinarItemRow = {
  id: string;
  status: WebinarItem["status"];
  audience: WebinarItem["audience"];
  audienceKits: { kit: WebinarItem["audienceKits"][number] }[];
  audienceOrganizations: { organizationId: string }[];
  roles: WebinarItem["roles"];
};

export function toWebinarItem(row: WebinarItemRow): WebinarItem {
  return {
    id: row.id,
    status: row.status,
    audience: row.audience,
    audienceKits: row.audienceKits.map((entry) => entry.kit),
    audienceOrganizationIds: row.audienceOrganizations.map((entry) => entry.organizationId),
    roles: row.roles,
  };
}

/** The webinar as the rules see it, by id or slug; null when there is no such webinar. */
export async function webinarItem(where: { id: string } | { slug: string }): Promise<WebinarItem | null> {
  const row = await db.webinar.findUnique({ where, select: webinarItemSelect });
  return row ? toWebinarItem(row) : null;
}

/** What a person's enrolments (and their organization's lineage) give them for the webinar rules. */
export function viewerFrom(access: AccessContext, organizationIds: string[]): WebinarViewer {
  return { webinars: canUse(access, "webinars"), kits: [...new Set(access.enrolments.map((enrolment) => enrolment.kit))], organizationIds };
}

const viewerPerRequest = new WeakMap<Request, Promise<WebinarViewer>>();

/** What the signed-in user's enrolments give them (loaded once per request). */
export function webinarViewer(request: Request, user: SessionUser): Promise<WebinarViewer> {
  let pending = viewerPerRequest.get(request);
  if (!pending) {
    pending = (async () => {
      const access = await accessFor(request, user);
      return viewerFrom(access, user.organizationId ? await organizationLineage(user.organizationId) : []);
    })();
    viewerPerRequest.set(request, pending);
  }
  return pending;
}

/** The item for "webinar.attend": the webinar plus what the viewer's enrolments give them. */
export async function attendItem(request: Request, user: SessionUser, webinar: WebinarItem): Promise<WebinarAttendItem> {
  return { ...webinar, viewer: await webinarViewer(request, user) };
}
