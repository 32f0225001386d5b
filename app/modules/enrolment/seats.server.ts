// Seats: an enrolment's seats are shared by the enrolled organization and its member
// organizations (a union's seats cover its municipalities' staff). Used seats are the active
// (not disabled) accounts plus the invitations still open (not accepted, revoked or expired).
import { db, type Db } from "~/lib/db.server.ts";
import type { Prisma } from "~/generated/sqlite/client.ts";
import { organizationLineage } from "./coverage.server.ts";

export type SeatUsage = {
  seats: number;
  used: number;
  available: number;
  /** The enrolment whose seats apply (null when none covers the organization). */
  enrolmentId: string | null;
  /** The organization that holds those seats: the organization itself or its parent. */
  poolOrganizationId: string | null;
  accounts: number;
  pendingInvitations: number;
};

/** Organizations whose people share `organizationId`'s seats: itself and its children. */
async function poolMembers(organizationId: string, client: Db | Prisma.TransactionClient = db) {
  const children = await client.organization.findMany({ where: { parentId: organizationId }, select: { id: true } });
  return [organizationId, ...children.map((child) => child.id)];
}

/** People who take a seat in the pool of `organizationIds` at `now`. */
export async function seatsUsedBy(organizationIds: string[], now = new Date(), client: Db | Prisma.TransactionClient = db) {
  const [accounts, pendingInvitations] = await Promise.all([
    client.user.count({ where: { organizationId: { in: organizationIds }, disabledAt: null } }),
    client.invitation.count({ where: { organizationId: { in: organizationIds }, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } } }),
  ]);
  return { accounts, pendingInvitations, used: accounts + pendingInvitations };
}

/**
 * Seats available to `organizationId`'s staff. The pool is the nearest enrolment that has not
 * ended, its own before its parent's, a running (ACTIVE) one before one still PENDING, so a
 * manager can invite colleagues as soon as an enrolment is agreed.
 */
export async function seatUsage(organizationId: string, now = new Date()): Promise<SeatUsage> {
  const lineage = await organizationLineage(organizationId);
  const candidates = await db.enrolment.findMany({
    where: { organizationId: { in: lineage }, status: { in: ["ACTIVE", "PENDING"] }, endsAt: { gt: now } },
    select: { id: true, organizationId: true, status: true, seats: true, startsAt: true },
  });
  const score = (candidate: (typeof candidates)[number]) =>
    lineage.indexOf(candidate.organizationId) * 10 + (candidate.status === "ACTIVE" && candidate.startsAt <= now ? 0 : 1);
  const pool = candidates.sort((a, b) => score(a) - score(b) || b.seats - a.seats)[0];
  const poolOrganizationId = pool?.organizationId ?? null;
  const usage = await seatsUsedBy(await poolMembers(poolOrganizationId ?? organizationId), now);
  const seats = pool?.seats ?? 0;
  return {
    seats,
    ...usage,
    available: Math.max(0, seats - usage.used),
    enrolmentId: pool?.id ?? null,
    poolOrganizationId,
  };
}

/** Seats in use in an enrolment's own pool (its organization and children): edits may not go below. */
export async function seatsUsedInEnrolmentPool(enrolmentOrganizationId: string, now = new Date()) {
  return (await seatsUsedBy(await poolMembers(enrolmentOrganizationId), now)).used;
}

/**
 * Inside the transaction that takes seats: locks the pool's enrolment row (PostgreSQL row lock,
 * SQLite write lock), so two managers inviting at the same moment queue up, then recounts.
 * Returns the seats still free for this transaction.
 */
export async function lockSeatPool(tx: Prisma.TransactionClient, usage: SeatUsage, now = new Date()) {
  if (!usage.enrolmentId || !usage.poolOrganizationId) return 0;
  await tx.enrolment.update({ where: { id: usage.enrolmentId }, data: { updatedAt: now } });
  const { used } = await seatsUsedBy(await poolMembers(usage.poolOrganizationId, tx), now, tx);
  return Math.max(0, usage.seats - used);
}
