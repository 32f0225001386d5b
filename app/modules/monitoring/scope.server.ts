// Whose figures a monitoring page may show: the organizations in the signed-in user's scope, all
// decided by the access policy ("monitoring.*" in app/modules/access/monitoring.ts).
import { db } from "~/lib/db.server.ts";
import { notFound } from "~/lib/http.server.ts";
import { authorize, can, type ActorUser } from "~/modules/access/policy.server.ts";
import type { MonitoredOrganization } from "~/modules/access/monitoring.ts";
import { labOrganizationIdsForTutor } from "~/modules/labs/access.server.ts";

/** The organizations of the labs `userId` tutors (their cohorts). */
export const tutoredOrganizationIds = labOrganizationIdsForTutor;

export type ScopeOrganization = { id: string; name: string; parentId: string | null };
/** `all`: every organization (admins); otherwise exactly `organizations`. */
export type MonitoringScope = { all: boolean; organizations: ScopeOrganization[] };

const organizationSelect = { id: true, name: true, parentId: true } as const;

export async function monitoringScope(user: ActorUser): Promise<MonitoringScope> {
  if (can(user, "monitoring.all").allowed) {
    return { all: true, organizations: await db.organization.findMany({ select: organizationSelect, orderBy: { name: "asc" } }) };
  }
  const tutored = new Set(await tutoredOrganizationIds(user.id));
  const own = user.organizationId ? [user.organizationId] : [];
  const candidates = await db.organization.findMany({
    where: { OR: [{ id: { in: [...tutored, ...own] } }, ...(own.length ? [{ parentId: { in: own } }] : [])] },
    select: organizationSelect,
    orderBy: { name: "asc" },
  });
  const item = (organization: ScopeOrganization): MonitoredOrganization => ({
    id: organization.id,
    parentId: organization.parentId,
    roles: tutored.has(organization.id) ? [{ userId: user.id, role: "tutor" }] : [],
  });
  return { all: false, organizations: candidates.filter((organization) => can(user, "monitoring.organization", item(organization)).allowed) };
}

/** The signed-in user allowed on /monitoring and their scope (a 403 that says why otherwise). */
export async function requireMonitoring(request: Request) {
  const user = await authorize(request, "monitoring.view");
  return { user, scope: await monitoringScope(user) };
}

/** The organization chosen in the filter: must be in scope, or the page answers 404. */
export function organizationInScope(scope: MonitoringScope, id: string | null): ScopeOrganization | null {
  if (!id) return null;
  const organization = scope.organizations.find((candidate) => candidate.id === id);
  if (!organization) throw notFound();
  return organization;
}
