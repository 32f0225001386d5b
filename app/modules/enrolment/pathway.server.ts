// "Il mio percorso": what a member's organization has, from the same access context the policy
// uses, so the page and the access checks can never disagree.
import { db } from "~/lib/db.server.ts";
import { canUse, loadAccess, type AccessUser } from "~/modules/access/entitlements.server.ts";
import { roleBelongsToOrganization } from "~/modules/access/roles.ts";
import { ENTITLEMENTS, KIT_CATALOGUE } from "~/modules/kits/catalogue.ts";
import { calendarDaysBetween } from "~/lib/dates.ts";
import { sortServices } from "./services.server.ts";

export async function pathwayFor(user: AccessUser & { organizationId: string | null }, now = new Date()) {
  if (!roleBelongsToOrganization(user.role)) return { kind: "staff" as const };
  if (!user.organizationId) return { kind: "noOrganization" as const };
  const organization = await db.organization.findUnique({
    where: { id: user.organizationId },
    select: { name: true, parent: { select: { name: true } } },
  });
  const access = await loadAccess(user, now);
  const services = access.enrolments.length
    ? await db.enrolmentService.findMany({
        where: { enrolmentId: { in: access.enrolments.map((e) => e.id) } },
        select: { enrolmentId: true, service: true, status: true, url: true },
      })
    : [];
  const current = access.enrolments.map((enrolment) => ({
    id: enrolment.id,
    kit: enrolment.kit,
    organizationName: enrolment.organizationName,
    inherited: enrolment.inherited,
    startsAt: enrolment.startsAt,
    endsAt: enrolment.endsAt,
    daysLeft: calendarDaysBetween(now, enrolment.endsAt),
    entitlements: [...KIT_CATALOGUE[enrolment.kit].entitlements],
    webinarCount: KIT_CATALOGUE[enrolment.kit].webinarCount,
    services: sortServices(services.filter((row) => row.enrolmentId === enrolment.id)).map(({ service, status, url }) => ({
      service,
      status,
      // Only an active service is reachable; its address was checked when saved.
      url: status === "ACTIVE" ? url : null,
    })),
  }));
  // Why access is closed, in the words the policy uses when it refuses a page.
  const refusal = current.length ? null : canUse(access, ENTITLEMENTS[0]);
  const upcoming = access.upcomingEnrolment;
  const ended = access.lastEndedEnrolment;
  return {
    kind: "member" as const,
    organization: { name: organization?.name ?? "", parentName: organization?.parent?.name ?? null },
    current,
    missing: ENTITLEMENTS.filter((entitlement) => !access.entitlements.has(entitlement)),
    upcoming: upcoming ? { kit: upcoming.kit, startsAt: upcoming.startsAt, organizationName: upcoming.organizationName } : null,
    ended: ended ? { kit: ended.kit, endedAt: ended.endedAt, endedBecause: ended.endedBecause, organizationName: ended.organizationName } : null,
    refusal: refusal && !refusal.allowed ? { reason: refusal.reason, values: refusal.values } : null,
  };
}
