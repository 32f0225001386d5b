// Changes admins make to accounts: edit, disable, re-enable. Each is checked against the
// rules that keep the platform administrable, and recorded in the audit log.
import { publishAccessChanged } from "~/lib/events/sse.server.ts";
import { z } from "zod";
import { db, databaseKind } from "~/lib/db.server.ts";
import { checkbox, optionalText, requiredText } from "~/lib/validation.ts";
import type { Prisma, Role } from "~/generated/sqlite/client.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { revokeResetLinks } from "~/modules/auth/password-reset.server.ts";
import { invalidateUserSessions, type SessionUser } from "~/modules/auth/session.server.ts";
import { DomainError } from "~/lib/domain-error.ts";
import { isAdminRole, isSameRole, roleBelongsToOrganization } from "~/modules/access/roles.ts";
import { ROLES } from "./roles.ts";

export type ActionMeta = { ipAddress?: string };
type Tx = Prisma.TransactionClient;

export const userUpdateSchema = z
  .object({
    name: requiredText(120),
    jobTitle: optionalText(160),
    role: z.enum(ROLES, { errorMap: () => ({ message: "validation.invalid" }) }),
    organizationId: optionalText(64),
    isOrganizationManager: checkbox,
  })
  .superRefine((value, ctx) => {
    if (roleBelongsToOrganization(value.role) && !value.organizationId) {
      ctx.addIssue({ code: "custom", path: ["organizationId"], message: "users:errors.organizationRequired" });
    }
  });
export type UserUpdate = z.output<typeof userUpdateSchema>;

/**
 * Refuses when no other active admin would remain. On PostgreSQL the active admins' rows are
 * locked first, so two admins demoting each other at the same moment cannot both succeed
 * (SQLite runs write transactions one at a time already).
 */
async function assertAnotherActiveAdmin(tx: Tx, userId: string) {
  if (databaseKind() === "postgres") {
    await tx.$queryRawUnsafe(`SELECT "id" FROM "User" WHERE "role" = 'ADMIN' AND "disabledAt" IS NULL FOR UPDATE`);
  }
  const others = await tx.user.count({ where: { role: "ADMIN", disabledAt: null, id: { not: userId } } });
  if (others === 0) throw new DomainError("users:errors.lastAdmin", {}, { status: 409 });
}

async function findTarget(tx: Tx, userId: string) {
  const user = await tx.user.findUnique({ where: { id: userId } });
  if (!user) throw new DomainError("users:errors.notFound", {}, { status: 404 });
  return user;
}

export async function updateUser(actor: SessionUser, userId: string, input: UserUpdate, meta: ActionMeta = {}) {
  const role: Role = input.role;
  // Only members belong to an organization as staff of it; tutors and admins may keep one for reference.
  const organizationId = input.organizationId ?? null;
  const isOrganizationManager = roleBelongsToOrganization(role) && Boolean(organizationId) && input.isOrganizationManager;
  const { before, after } = await db.$transaction(async (tx) => {
    const before = await findTarget(tx, userId);
    if (organizationId) {
      const exists = await tx.organization.count({ where: { id: organizationId } });
      if (!exists) throw new DomainError("users:errors.organizationNotFound", {}, { status: 400, field: "organizationId" });
    }
    if (isAdminRole(before.role) && !isAdminRole(role) && !before.disabledAt) await assertAnotherActiveAdmin(tx, userId);
    const after = await tx.user.update({
      where: { id: userId },
      data: { name: input.name, jobTitle: input.jobTitle ?? null, role, organizationId, isOrganizationManager },
    });
    return { before, after };
  });
  const changed = (["name", "jobTitle", "role", "organizationId", "isOrganizationManager"] as const).filter(
    (field) => before[field] !== after[field],
  );
  await recordAudit({
    actorId: actor.id,
    action: isSameRole(before.role, after.role) ? "user.update" : "user.role_change",
    targetType: "User",
    targetId: userId,
    summary:
      isSameRole(before.role, after.role)
        ? `Modificato l'account di ${after.email}`
        : `Modificato l'account di ${after.email}: ruolo da ${before.role} a ${after.role}`,
    details: Object.fromEntries(changed.map((field) => [field, { from: before[field], to: after[field] }])),
    ipAddress: meta.ipAddress,
  });
  return after;
}

/** Disables the account and ends every session of it at once. */
export async function disableUser(actor: SessionUser, userId: string, meta: ActionMeta = {}) {
  if (actor.id === userId) throw new DomainError("users:errors.cannotDisableSelf", {}, { status: 409 });
  const user = await db.$transaction(async (tx) => {
    const target = await findTarget(tx, userId);
    if (target.disabledAt) return target;
    if (isAdminRole(target.role)) await assertAnotherActiveAdmin(tx, userId);
    // Outstanding reset links die with the disabling, so re-enabling the account later does
    // not revive a link that someone may have kept (the person asks for a new one).
    await revokeResetLinks(userId, tx);
    return tx.user.update({ where: { id: userId }, data: { disabledAt: new Date() } });
  });
  // Session validation also refuses disabled accounts; deleting the rows makes it final.
  const sessions = await invalidateUserSessions(userId);
  await recordAudit({
    actorId: actor.id,
    action: "user.disable",
    targetType: "User",
    targetId: userId,
    summary: `Disabilitato l'account di ${user.email}`,
    details: { sessionsEnded: sessions },
    ipAddress: meta.ipAddress,
  });
  // Open live streams of the account end now, on every worker and instance.
  await publishAccessChanged([userId]);
  return user;
}

export async function enableUser(actor: SessionUser, userId: string, meta: ActionMeta = {}) {
  const user = await db.$transaction(async (tx) => {
    await findTarget(tx, userId);
    return tx.user.update({ where: { id: userId }, data: { disabledAt: null } });
  });
  await recordAudit({
    actorId: actor.id,
    action: "user.enable",
    targetType: "User",
    targetId: userId,
    summary: `Riabilitato l'account di ${user.email}`,
    ipAddress: meta.ipAddress,
  });
  return user;
}
