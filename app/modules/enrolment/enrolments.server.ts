// Enrolments: an organization in a kit from a start day to an end day, with seats.
//
// States: PENDING until the start day (activated by an admin or by the daily job), ACTIVE,
// EXPIRED after the end, CANCELLED by an admin with a reason. An enrolment created with a start
// day already begun is ACTIVE at once (waiting for the night's job would lock people out).
//
// Upgrade (e.g. BASIC to PLUS) keeps history: the old enrolment becomes CANCELLED with reason
// "upgrade" and the new one points back to it (upgradedFromId). Decision: the new enrolment KEEPS
// THE ORIGINAL START DAY and, unless the admin sets another end, ends at that start plus the new
// kit's duration. An upgrade continues the same pathway; starting over would give the larger kit
// extra months the agreement did not buy. The end stays editable in the upgrade form.
import type { EnrolmentStatus, Kit, Prisma } from "~/generated/sqlite/client.ts";
import { db } from "~/lib/db.server.ts";
import { publishAccessChanged } from "~/lib/events/sse.server.ts";
import { recordAudit, type AuditMeta } from "~/modules/audit/audit.server.ts";
import { UPGRADE_REASON } from "~/modules/access/entitlements.server.ts";
import { higherKits, kitDefinition, isKit } from "~/modules/kits/catalogue.ts";
import { DomainError } from "~/lib/domain-error.ts";
import { isUniqueViolation } from "~/lib/prisma-errors.ts";
import { containsText, PAGE_SIZE } from "~/modules/organizations/organizations.server.ts";
import { addMonthsToDay, romeDay, romeDayStart } from "~/lib/dates.ts";
import { seatsUsedInEnrolmentPool } from "./seats.server.ts";
import { createEnrolmentServices, sortServices } from "./services.server.ts";
import type { EnrolmentCreateInput, EnrolmentUpdateInput, EnrolmentUpgradeInput } from "./validation.ts";

export { UPGRADE_REASON };

/** Default end day: the start day plus the kit's duration. */
export function defaultEndDay(startDay: string, kit: Kit) {
  return addMonthsToDay(startDay, kitDefinition(kit).durationMonths);
}

/** The state an open (not cancelled) enrolment should be in at `now`, given its dates. */
export function statusForDates(startsAt: Date, endsAt: Date, now: Date): EnrolmentStatus {
  if (endsAt <= now) return "EXPIRED";
  return startsAt <= now ? "ACTIVE" : "PENDING";
}

async function refuseOverlap(client: Prisma.TransactionClient | typeof db, organizationId: string, startsAt: Date, endsAt: Date, exceptIds: string[] = []) {
  const clash = await client.enrolment.findFirst({
    where: {
      organizationId,
      status: { in: ["PENDING", "ACTIVE"] },
      id: { notIn: exceptIds },
      startsAt: { lt: endsAt },
      endsAt: { gt: startsAt },
    },
    select: { kit: true, startsAt: true, endsAt: true },
  });
  if (clash) {
    throw new DomainError("org:enrolment.errors.overlap", { kit: clash.kit, from: romeDay(clash.startsAt), to: romeDay(clash.endsAt) }, { field: "startsOn" });
  }
}

export async function createEnrolment(input: EnrolmentCreateInput, actorId: string, meta: AuditMeta = {}, now = new Date()) {
  if (!isKit(input.kit)) throw new DomainError("org:validation.kitRequired", {}, { field: "kit" });
  const organization = await db.organization.findUnique({ where: { id: input.organizationId }, select: { id: true, name: true } });
  if (!organization) throw new DomainError("org:errors.notFound", {}, { field: "organizationId" });
  const kit = input.kit;
  const startsAt = romeDayStart(input.startsOn);
  const endsAt = romeDayStart(input.endsOn ?? defaultEndDay(input.startsOn, kit));
  if (endsAt <= now) throw new DomainError("org:enrolment.errors.endInPast", {}, { field: "endsOn" });
  const enrolment = await db.$transaction(async (tx) => {
    await refuseOverlap(tx, organization.id, startsAt, endsAt);
    const created = await tx.enrolment.create({
      data: { organizationId: organization.id, kit, startsAt, endsAt, seats: input.seats, status: statusForDates(startsAt, endsAt, now), createdById: actorId },
    });
    await createEnrolmentServices(tx, created.id, kit);
    return created;
  });
  // Held access contexts (app/modules/access/held-access.server.ts) and open live streams see it at once.
  await publishAccessChanged();
  await recordAudit({
    ipAddress: meta.ipAddress,
    actorId,
    action: "enrolment.create",
    targetType: "Enrolment",
    targetId: enrolment.id,
    summary: `Iscritta ${organization.name} al kit ${kit} dal ${romeDay(startsAt)} al ${romeDay(endsAt)} (${input.seats} posti, ${enrolment.status})`,
    details: { organizationId: organization.id, kit, seats: input.seats, status: enrolment.status },
  });
  return enrolment;
}

async function loadOpen(id: string) {
  const enrolment = await db.enrolment.findUnique({ where: { id }, include: { organization: { select: { id: true, name: true } } } });
  if (!enrolment) throw new DomainError("org:enrolment.errors.notFound");
  return enrolment;
}

/** Starts a PENDING enrolment now (an early start moves its start to now). */
export async function activateEnrolment(id: string, actorId: string, meta: AuditMeta = {}, now = new Date()) {
  const enrolment = await loadOpen(id);
  if (enrolment.status !== "PENDING") throw new DomainError("org:enrolment.errors.notPending");
  if (enrolment.endsAt <= now) throw new DomainError("org:enrolment.errors.endInPast");
  const startsAt = enrolment.startsAt > now ? now : enrolment.startsAt;
  const { count } = await db.enrolment.updateMany({ where: { id, status: "PENDING" }, data: { status: "ACTIVE", startsAt } });
  if (count === 0) throw new DomainError("org:enrolment.errors.notPending");
  // Held access contexts (app/modules/access/held-access.server.ts) and open live streams see it at once.
  await publishAccessChanged();
  await recordAudit({
    ipAddress: meta.ipAddress,
    actorId,
    action: "enrolment.activate",
    targetType: "Enrolment",
    targetId: id,
    summary: `Attivata l'adesione ${enrolment.kit} di ${enrolment.organization.name}`,
  });
}

/** Changes dates and seats; the state follows the dates (an extended EXPIRED enrolment is ACTIVE again). */
export async function updateEnrolment(id: string, input: EnrolmentUpdateInput, actorId: string, meta: AuditMeta = {}, now = new Date()) {
  const enrolment = await loadOpen(id);
  if (enrolment.status === "CANCELLED") throw new DomainError("org:enrolment.errors.cancelledReadOnly");
  const startsAt = romeDayStart(input.startsOn);
  const endsAt = romeDayStart(input.endsOn);
  const used = await seatsUsedInEnrolmentPool(enrolment.organizationId, now);
  if (input.seats < used) throw new DomainError("org:enrolment.errors.seatsBelowUsed", { used }, { field: "seats" });
  const status = statusForDates(startsAt, endsAt, now);
  // A later end opens the notices again; an earlier one keeps what was already sent.
  const extended = endsAt > enrolment.endsAt;
  await db.$transaction(async (tx) => {
    if (status !== "EXPIRED") await refuseOverlap(tx, enrolment.organizationId, startsAt, endsAt, [id]);
    await tx.enrolment.update({
      where: { id },
      data: { startsAt, endsAt, seats: input.seats, status, ...(extended ? { expiryNotice30At: null, expiryNotice7At: null } : {}) },
    });
  });
  // Held access contexts (app/modules/access/held-access.server.ts) and open live streams see it at once.
  await publishAccessChanged();
  await recordAudit({
    ipAddress: meta.ipAddress,
    actorId,
    action: "enrolment.update",
    targetType: "Enrolment",
    targetId: id,
    summary: `Modificata l'adesione ${enrolment.kit} di ${enrolment.organization.name}: dal ${input.startsOn} al ${input.endsOn}, ${input.seats} posti`,
    details: {
      before: { startsAt: enrolment.startsAt, endsAt: enrolment.endsAt, seats: enrolment.seats, status: enrolment.status },
      after: { startsAt, endsAt, seats: input.seats, status },
    },
  });
}

export async function cancelEnrolment(id: string, reason: string, actorId: string, meta: AuditMeta = {}, now = new Date()) {
  const enrolment = await loadOpen(id);
  if (enrolment.status !== "PENDING" && enrolment.status !== "ACTIVE") throw new DomainError("org:enrolment.errors.notOpen");
  const { count } = await db.enrolment.updateMany({
    where: { id, status: { in: ["PENDING", "ACTIVE"] } },
    data: { status: "CANCELLED", cancelledAt: now, cancelReason: reason },
  });
  if (count === 0) throw new DomainError("org:enrolment.errors.notOpen");
  // Held access contexts (app/modules/access/held-access.server.ts) and open live streams see it at once.
  await publishAccessChanged();
  await recordAudit({
    ipAddress: meta.ipAddress,
    actorId,
    action: "enrolment.cancel",
    targetType: "Enrolment",
    targetId: id,
    summary: `Annullata l'adesione ${enrolment.kit} di ${enrolment.organization.name}: ${reason}`,
    details: { reason },
  });
}

/** Moves an open enrolment to a higher kit; returns the new enrolment (see the decision above). */
export async function upgradeEnrolment(id: string, input: EnrolmentUpgradeInput, actorId: string, meta: AuditMeta = {}, now = new Date()) {
  const old = await loadOpen(id);
  if (old.status !== "PENDING" && old.status !== "ACTIVE") throw new DomainError("org:enrolment.errors.notOpen");
  if (old.endsAt <= now) throw new DomainError("org:enrolment.errors.endInPast");
  if (!isKit(input.kit) || !higherKits(old.kit).includes(input.kit)) throw new DomainError("org:enrolment.errors.notHigherKit", { kit: old.kit }, { field: "kit" });
  const kit = input.kit;
  const startDay = romeDay(old.startsAt);
  const startsAt = old.startsAt;
  const endsAt = romeDayStart(input.endsOn ?? defaultEndDay(startDay, kit));
  if (endsAt <= now) throw new DomainError("org:enrolment.errors.endInPast", {}, { field: "endsOn" });
  if (endsAt <= startsAt) throw new DomainError("org:validation.endBeforeStart", {}, { field: "endsOn" });
  let upgraded;
  try {
    upgraded = await db.$transaction(async (tx) => {
      const closed = await tx.enrolment.updateMany({
        where: { id, status: { in: ["PENDING", "ACTIVE"] } },
        data: { status: "CANCELLED", cancelledAt: now, cancelReason: UPGRADE_REASON },
      });
      if (closed.count === 0) throw new DomainError("org:enrolment.errors.notOpen");
      await refuseOverlap(tx, old.organizationId, startsAt, endsAt, [id]);
      const created = await tx.enrolment.create({
        data: {
          organizationId: old.organizationId,
          kit,
          startsAt,
          endsAt,
          seats: input.seats,
          status: statusForDates(startsAt, endsAt, now) === "ACTIVE" || old.status === "ACTIVE" ? "ACTIVE" : "PENDING",
          upgradedFromId: id,
          createdById: actorId,
        },
      });
      const carried = await tx.enrolmentService.findMany({ where: { enrolmentId: id } });
      await createEnrolmentServices(tx, created.id, kit, carried);
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError("org:enrolment.errors.alreadyUpgraded");
    throw error;
  }
  // Held access contexts (app/modules/access/held-access.server.ts) and open live streams see it at once.
  await publishAccessChanged();
  await recordAudit({
    ipAddress: meta.ipAddress,
    actorId,
    action: "enrolment.upgrade",
    targetType: "Enrolment",
    targetId: upgraded.id,
    summary: `Adesione di ${old.organization.name} passata dal kit ${old.kit} al kit ${kit} (fine ${romeDay(endsAt)}, ${input.seats} posti)`,
    details: { fromEnrolmentId: id, fromKit: old.kit, toKit: kit },
  });
  return upgraded;
}

export async function listEnrolments({ status, kit, q, page }: { status?: EnrolmentStatus; kit?: Kit; q?: string; page: number }) {
  const term = q?.trim().slice(0, 100);
  const where: Prisma.EnrolmentWhereInput = {
    ...(status ? { status } : {}),
    ...(kit ? { kit } : {}),
    ...(term ? { organization: { name: containsText(term) } } : {}),
  };
  const total = await db.enrolment.count({ where });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const enrolments = await db.enrolment.findMany({
    where,
    orderBy: [{ endsAt: "asc" }, { id: "asc" }],
    skip: (current - 1) * PAGE_SIZE,
    take: PAGE_SIZE,
    include: { organization: { select: { id: true, name: true } } },
  });
  return { enrolments, total, page: current, pages };
}

export async function getEnrolmentDetail(id: string) {
  const enrolment = await db.enrolment.findUnique({
    where: { id },
    include: {
      organization: { select: { id: true, name: true, parent: { select: { id: true, name: true } }, _count: { select: { children: true } } } },
      services: true,
      upgradedFrom: { select: { id: true, kit: true, startsAt: true, endsAt: true, status: true } },
      upgradedTo: { select: { id: true, kit: true, startsAt: true, endsAt: true, status: true } },
    },
  });
  return enrolment ? { ...enrolment, services: sortServices(enrolment.services) } : null;
}

export function organizationChoices() {
  return db.organization.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
}
