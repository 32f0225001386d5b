// Request side of the labs' access rules (app/modules/access/labs.ts): the viewer's organizations
// and "lab" entitlement, the loader that turns a lab id into the item the rules judge, and the
// queries for "the labs this person may see / belongs to" used by the list, the community, the
// calendar and the digest. A lab one may not see is a 404 wherever its id comes from.
import { db } from "~/lib/db.server.ts";
import { fastRead, sql } from "~/lib/db/fast-read.server.ts";
import { forbidden, notFound } from "~/lib/http.server.ts";
import type { Prisma } from "~/generated/sqlite/client.ts";
import { canUse, loadAccess, type AccessUser } from "~/modules/access/entitlements.server.ts";
import { LAB_NOT_FOUND, seesLab, type LabItem, type LabRole, type LabViewer } from "~/modules/access/labs.ts";
import { can, type ActorUser } from "~/modules/access/policy.ts";
import { organizationLineage } from "~/modules/enrolment/coverage.server.ts";

type LabAction = "lab.view" | "lab.edit" | "lab.manage" | "lab.join" | "lab.leave" | "lab.participate";

/** What the viewer's enrolments give them for labs. */
export async function labViewerFor(user: AccessUser, now = new Date()): Promise<LabViewer> {
  const access = await loadAccess(user, now);
  const organizationIds = user.organizationId ? await organizationLineage(user.organizationId) : [];
  return { entitled: canUse(access, "lab").allowed, organizationIds };
}

const itemSelect = {
  id: true,
  status: true,
  organizations: { select: { organizationId: true } },
  tutors: { select: { userId: true } },
} as const;

type ItemRow = { id: string; status: string; organizations: { organizationId: string }[]; tutors: { userId: string }[] };

function toItem(row: ItemRow, memberIds: readonly string[], viewer: LabViewer): LabItem {
  const roles: { userId: string; role: LabRole }[] = [
    ...row.tutors.map((t) => ({ userId: t.userId, role: "tutor" as const })),
    ...memberIds.map((userId) => ({ userId, role: "member" as const })),
  ];
  return { id: row.id, status: row.status, organizationIds: row.organizations.map((o) => o.organizationId), roles, viewer };
}

/** The lab as the rules see it for `user` (only the viewer's own membership is loaded), or null. */
export async function labItemFor(user: AccessUser, labId: string | null | undefined, viewer?: LabViewer): Promise<LabItem | null> {
  if (!labId) return null;
  const row = await db.lab.findUnique({ where: { id: labId }, select: { ...itemSelect, members: { where: { userId: user.id }, select: { userId: true } } } });
  if (!row) return null;
  return toItem(row, row.members.map((m) => m.userId), viewer ?? (await labViewerFor(user)));
}

/**
 * The lab item when `action` is allowed. A lab the user may not see (or that does not exist) is a
 * 404; a visible lab whose action is refused is a 403 with the reason.
 */
export async function requireLab(user: ActorUser & AccessUser, labId: string | null | undefined, action: LabAction): Promise<LabItem> {
  const item = await labItemFor(user, labId);
  if (!item || !seesLab(user, item)) throw notFound(LAB_NOT_FOUND);
  const decision = can(user, action, item);
  if (!decision.allowed) throw forbidden(decision.reason, decision.values);
  return item;
}

/** A Prisma filter over labs matching "who sees this lab" for `user`. */
export async function visibleLabWhere(user: ActorUser & AccessUser, viewer?: LabViewer): Promise<Prisma.LabWhereInput | null> {
  const probe: LabItem = { id: "", status: "OPEN", organizationIds: [], roles: [], viewer: viewer ?? (await labViewerFor(user)) };
  // Staff see every lab (the rule answers the same for any lab).
  if (seesLab(user, probe)) return {};
  const or: Prisma.LabWhereInput[] = [{ tutors: { some: { userId: user.id } } }];
  if (probe.viewer.entitled) {
    or.push({ members: { some: { userId: user.id } } });
    if (probe.viewer.organizationIds.length) or.push({ organizations: { some: { organizationId: { in: [...probe.viewer.organizationIds] } } } });
  }
  return { OR: or };
}

/**
 * The labs `userId` belongs to, as member or tutor (what the community's LAB spaces, the files
 * area's LAB folders, the calendar and the digest use). Members whose kit no longer grants "lab"
 * belong to none: their labs' spaces close with their enrolment.
 */
export async function labIdsOf(userId: string, now = new Date()): Promise<string[]> {
  return labIdsWith(userId, async () => {
    const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, role: true, organizationId: true, isOrganizationManager: true, locale: true } });
    return user ? (await labViewerFor(user, now)).entitled : false;
  });
}

/**
 * labIdsOf for a caller that already knows whether the person's kit grants "lab" (the webinar
 * viewer has their access context at hand): the same answer without loading it again.
 */
export async function labIdsWith(userId: string, entitled: boolean | (() => Promise<boolean>)): Promise<string[]> {
  // Read on every community page: one statement for both roles (three Prisma queries cost the page
  // more than its posts), on the fast read path (decision 0029); the person's kit only when they are a member somewhere.
  const rows = await fastRead().all<{ labId: string; tutor: number }>(sql`
    SELECT "labId", 1 AS "tutor" FROM "LabTutor" WHERE "userId" = ${userId}
    UNION ALL
    SELECT "labId", 0 AS "tutor" FROM "LabMember" WHERE "userId" = ${userId}`);
  const ids = new Set(rows.filter((row) => row.tutor === 1).map((row) => row.labId));
  const memberOf = rows.filter((row) => row.tutor === 0);
  if (memberOf.length && (typeof entitled === "boolean" ? entitled : await entitled())) for (const row of memberOf) ids.add(row.labId);
  return [...ids];
}

/** The organizations of the cohorts of the labs `userId` tutors (for the tutors' dashboards). */
export async function labOrganizationIdsForTutor(userId: string): Promise<string[]> {
  const rows = await db.labOrganization.findMany({ where: { lab: { tutors: { some: { userId } } } }, select: { organizationId: true }, distinct: ["organizationId"] });
  return rows.map((row) => row.organizationId);
}
