// What a user may use because of the enrolments that cover their organization: its own and
// its ancestors' (a union's enrolment covers its member municipalities). Dates are checked at
// request time, so an enrolment whose end has passed grants nothing even before the daily job
// marks it EXPIRED, and one whose start has not come grants nothing yet.
import { db } from "~/lib/db.server.ts";
import { formatDate } from "~/lib/dates.ts";
import type { EnrolmentStatus, Kit } from "~/generated/sqlite/client.ts";
import type { SessionUser } from "~/modules/auth/session.server.ts";
import { ENTITLEMENTS, KIT_CATALOGUE, kitsGranting, type Entitlement } from "~/modules/kits/catalogue.ts";
import { organizationLineage } from "~/modules/enrolment/coverage.server.ts";

export type Decision =
  | { allowed: true }
  | { allowed: false; reason: string; values?: Record<string, string | number> };

export type AccessUser = Pick<SessionUser, "id" | "role" | "organizationId" | "isOrganizationManager" | "locale">;

export type AccessEnrolment = {
  id: string;
  organizationId: string;
  organizationName: string;
  kit: Kit;
  status: EnrolmentStatus;
  startsAt: Date;
  endsAt: Date;
  cancelledAt: Date | null;
  cancelReason: string | null;
  /** True when the enrolment belongs to a parent organization (e.g. the union). */
  inherited: boolean;
};

export type EndedEnrolment = AccessEnrolment & { endedAt: Date; endedBecause: "expired" | "cancelled" };

export type AccessContext = {
  user: AccessUser | null;
  now: Date;
  entitlements: Set<Entitlement>;
  /** ACTIVE enrolments in their date range that cover the user's organization. */
  enrolments: AccessEnrolment[];
  /** The next enrolment to start, when none is running yet. */
  upcomingEnrolment?: AccessEnrolment;
  /** The most recent enrolment that ended (expired or cancelled), when none is running. */
  lastEndedEnrolment?: EndedEnrolment;
};

export const UPGRADE_REASON = "upgrade";

const staffRoles = new Set(["ADMIN", "TUTOR"]);

export function isRunning(enrolment: Pick<AccessEnrolment, "status" | "startsAt" | "endsAt">, now: Date) {
  return enrolment.status === "ACTIVE" && enrolment.startsAt <= now && enrolment.endsAt > now;
}

function endOf(enrolment: AccessEnrolment, now: Date): EndedEnrolment | null {
  if (enrolment.status === "CANCELLED") {
    // An upgrade is not an end: its successor carries on.
    if (enrolment.cancelReason === UPGRADE_REASON) return null;
    return { ...enrolment, endedAt: enrolment.cancelledAt ?? enrolment.endsAt, endedBecause: "cancelled" };
  }
  if (enrolment.endsAt <= now && (enrolment.status === "ACTIVE" || enrolment.status === "EXPIRED" || enrolment.status === "PENDING")) {
    return { ...enrolment, endedAt: enrolment.endsAt, endedBecause: "expired" };
  }
  return null;
}

/** Everything the policy needs to answer "may this user use X", loaded in two or three queries. */
export async function loadAccess(user: AccessUser | null, now = new Date()): Promise<AccessContext> {
  const empty: AccessContext = { user, now, entitlements: new Set(), enrolments: [] };
  if (!user) return empty;
  if (staffRoles.has(user.role)) return { ...empty, entitlements: new Set(ENTITLEMENTS) };
  if (!user.organizationId) return empty;

  const lineage = await organizationLineage(user.organizationId);
  const rows = await db.enrolment.findMany({
    where: { organizationId: { in: lineage } },
    select: {
      id: true, organizationId: true, kit: true, status: true, startsAt: true, endsAt: true,
      cancelledAt: true, cancelReason: true, organization: { select: { name: true } },
    },
    orderBy: { endsAt: "desc" },
  });
  const all: AccessEnrolment[] = rows.map(({ organization, ...row }) => ({
    ...row,
    organizationName: organization.name,
    inherited: row.organizationId !== user.organizationId,
  }));

  const enrolments = all.filter((enrolment) => isRunning(enrolment, now));
  const entitlements = new Set<Entitlement>(enrolments.flatMap((enrolment) => KIT_CATALOGUE[enrolment.kit].entitlements));
  if (enrolments.length) return { ...empty, entitlements, enrolments };

  // Not started yet, or PENDING past its start while waiting for the daily job or an admin.
  const upcomingEnrolment = all
    .filter((e) => (e.status === "PENDING" || (e.status === "ACTIVE" && e.startsAt > now)) && e.endsAt > now)
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())[0];
  const lastEndedEnrolment = all
    .map((e) => endOf(e, now))
    .filter((e): e is EndedEnrolment => e !== null)
    .sort((a, b) => b.endedAt.getTime() - a.endedAt.getTime())[0];
  return { ...empty, upcomingEnrolment, lastEndedEnrolment };
}

const deny = (reason: string, values?: Record<string, string | number>): Decision => ({ allowed: false, reason, values });

/** May the user of `access` use `entitlement`? A refusal says why, in words a member understands. */
export function canUse(access: AccessContext, entitlement: Entitlement): Decision {
  const { user } = access;
  if (!user) return deny("access:reasons.signedOut");
  if (staffRoles.has(user.role)) return { allowed: true };
  if (access.entitlements.has(entitlement)) return { allowed: true };
  if (!user.organizationId) return deny("access:reasons.noOrganization");
  const locale = user.locale;
  if (access.enrolments.length) {
    const best = [...access.enrolments].sort((a, b) => KIT_CATALOGUE[b.kit].rank - KIT_CATALOGUE[a.kit].rank)[0];
    return deny(`access:reasons.kitLacks.${entitlement}`, { kit: best.kit, kits: kitsGranting(entitlement).join(", ") });
  }
  const upcoming = access.upcomingEnrolment;
  if (upcoming) {
    const values = { date: formatDate(upcoming.startsAt, locale), kit: upcoming.kit };
    return deny(upcoming.startsAt > access.now ? "access:reasons.notStarted" : "access:reasons.awaitingActivation", values);
  }
  const ended = access.lastEndedEnrolment;
  if (ended) {
    const values = { date: formatDate(ended.endedAt, locale), kit: ended.kit };
    // A cancellation says why, in the words the admin gave when cancelling.
    const reason = ended.endedBecause === "cancelled" ? ended.cancelReason?.trim().replace(/[.\s]+$/, "") : undefined;
    if (reason) return deny("access:reasons.cancelledWithReason", { ...values, reason });
    return deny(ended.endedBecause === "cancelled" ? "access:reasons.cancelled" : "access:reasons.ended", values);
  }
  return deny("access:reasons.noEnrolment");
}
