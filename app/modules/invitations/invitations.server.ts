// Invitations: the only way accounts are created. An admin or an organization's manager invites
// by email; the email carries a single-use link whose token is stored only as a hash.
import { db } from "~/lib/db.server.ts";
import { env } from "~/lib/env.server.ts";
import type { Invitation, Prisma, Role } from "~/generated/sqlite/client.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { generateToken, hashToken } from "~/modules/auth/tokens.server.ts";
import type { SessionUser } from "~/modules/auth/session.server.ts";
import { coveringEnrolments } from "~/modules/enrolment/coverage.server.ts";
import { KIT_CATALOGUE, type Kit } from "~/modules/kits/catalogue.ts";
import type { InvitationLocale } from "./limits.ts";
import { DomainError } from "~/lib/domain-error.ts";
import { can, invitationItem, kickWorker, lockSeatPool, roleBelongsToOrganization, seatUsage, sendEmail, type Decision, type SeatUsage } from "./collaborators.server.ts";

export const INVITATION_TTL_DAYS = 7;
const DAY = 24 * 60 * 60 * 1000;

export type Actor = Pick<SessionUser, "id" | "name" | "role" | "organizationId" | "isOrganizationManager">;
export type ActionMeta = { ipAddress?: string };
export type InvitationState = "pending" | "expired" | "revoked" | "accepted";
export type InviteInput = { email: string; name?: string | null; role: Role; organizationId?: string | null; asManager?: boolean; locale?: InvitationLocale };
type Tx = Prisma.TransactionClient;

export function invitationState(invitation: Pick<Invitation, "acceptedAt" | "revokedAt" | "expiresAt">, now = new Date()): InvitationState {
  if (invitation.acceptedAt) return "accepted";
  if (invitation.revokedAt) return "revoked";
  return invitation.expiresAt.getTime() <= now.getTime() ? "expired" : "pending";
}

/** Invitations that still hold a seat and block a second invitation to the same address. */
export const pendingWhere = (now = new Date()): Prisma.InvitationWhereInput => ({ acceptedAt: null, revokedAt: null, expiresAt: { gt: now } });

export function acceptUrl(token: string) {
  return `${env().APP_URL.replace(/\/$/, "")}/invitations/${token}`;
}

// ---- access ----------------------------------------------------------------------------------

// The rules are in app/modules/access/invitations.ts; a refusal becomes a 403 DomainError here
// because these operations are also called from CSV imports, whose pages report it.

/** Admins invite anyone; an organization's manager invites members into organizations they manage. */
export async function mayInvite(actor: Actor, role: Role, organizationId: string | null | undefined) {
  return can(actor, "invitation.create", await invitationItem(role, organizationId)).allowed;
}

function refuse(decision: Decision) {
  if (!decision.allowed) throw new DomainError(decision.reason, decision.values ?? {}, { status: 403 });
}

async function assertMayInvite(actor: Actor, role: Role, organizationId: string | null | undefined) {
  refuse(can(actor, "invitation.create", await invitationItem(role, organizationId)));
}

async function assertMayManage(actor: Actor, invitation: Pick<Invitation, "role" | "organizationId">) {
  refuse(can(actor, "invitation.manage", await invitationItem(invitation.role, invitation.organizationId)));
}

// ---- checks shared by single and CSV invitations ----------------------------------------------

export type Conflict = "accountExists" | "alreadyInvited";

/** Addresses that already have an account or a pending invitation. */
export async function emailConflicts(emails: string[], now = new Date()): Promise<Map<string, Conflict>> {
  const conflicts = new Map<string, Conflict>();
  if (!emails.length) return conflicts;
  const [users, invitations] = await Promise.all([
    db.user.findMany({ where: { email: { in: emails } }, select: { email: true } }),
    db.invitation.findMany({ where: { email: { in: emails }, ...pendingWhere(now) }, select: { email: true } }),
  ]);
  for (const { email } of invitations) conflicts.set(email, "alreadyInvited");
  for (const { email } of users) conflicts.set(email, "accountExists");
  return conflicts;
}

export const conflictMessage: Record<Conflict, string> = {
  accountExists: "invitations:errors.accountExists",
  alreadyInvited: "invitations:errors.alreadyInvited",
};

function noSeats(usage: SeatUsage, needed: number, available: number) {
  return new DomainError(
    usage.seats === 0 ? "invitations:errors.noEnrolment" : needed === 1 ? "invitations:errors.noSeats" : "invitations:errors.notEnoughSeats",
    { available, needed, seats: usage.seats },
    { status: 409 },
  );
}

/** Members take seats of the enrolment; staff invitations do not. A first check, before any work. */
async function assertSeats(organizationId: string, needed: number) {
  const usage = await seatUsage(organizationId);
  if (usage.available < needed) throw noSeats(usage, needed, usage.available);
  return usage;
}

/** The same check inside the transaction that takes the seats, with the pool locked. */
async function takeSeats(tx: Tx, usage: SeatUsage, needed: number, now: Date) {
  const available = await lockSeatPool(tx, usage, now);
  if (available < needed) throw noSeats(usage, needed, available);
}

// ---- sending -------------------------------------------------------------------------------

type EmailContext = { inviterName: string; organizationName: string; kit?: Kit };

async function emailContext(actor: Actor, organizationId: string | null): Promise<EmailContext> {
  if (!organizationId) return { inviterName: actor.name, organizationName: "FPA" };
  const organization = await db.organization.findUnique({ where: { id: organizationId }, select: { name: true } });
  if (!organization) throw new DomainError("invitations:errors.organizationNotFound", {}, { status: 400, field: "organizationId" });
  // The email describes what the person will get: the highest kit among the enrolments covering
  // the organization (its own, or its union's).
  const kit = (await coveringEnrolments(organizationId)).map((enrolment) => enrolment.kit).sort((a, b) => KIT_CATALOGUE[b].rank - KIT_CATALOGUE[a].rank)[0];
  return { inviterName: actor.name, organizationName: organization.name, kit };
}

async function queueInvitationEmail(tx: Tx, to: string, locale: InvitationLocale, token: string, expiresAt: Date, context: EmailContext) {
  await sendEmail(
    // In the invitee's language (chosen by whoever invites; the account is created with it).
    { to, template: "invitation", locale, data: { ...context, acceptUrl: acceptUrl(token), expiresAt } },
    { tx },
  );
}

async function createWithEmail(tx: Tx, actor: Actor, input: Required<Omit<InviteInput, "name">> & { name: string | null }, context: EmailContext, now: Date) {
  const token = generateToken();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_DAYS * DAY);
  const invitation = await tx.invitation.create({
    data: {
      email: input.email,
      name: input.name,
      role: input.role,
      organizationId: input.organizationId,
      asManager: input.asManager,
      locale: input.locale,
      tokenHash: hashToken(token),
      invitedById: actor.id,
      expiresAt,
      lastSentAt: now,
    },
  });
  await queueInvitationEmail(tx, input.email, input.locale, token, expiresAt, context);
  return invitation;
}

function normalize(input: InviteInput) {
  const role = input.role;
  // Staff (tutors, admins) are invited without an organization; only members can be managers.
  const organizationId = roleBelongsToOrganization(role) ? (input.organizationId ?? null) : null;
  return {
    email: input.email.trim().toLowerCase(),
    name: input.name?.trim() || null,
    role,
    organizationId,
    asManager: roleBelongsToOrganization(role) && Boolean(input.asManager),
    locale: input.locale === "en" ? ("en" as const) : ("it" as const),
  };
}

function auditInvite(actor: Actor, invitation: Invitation, organizationName: string, meta: ActionMeta, source: "form" | "csv") {
  return recordAudit({
    actorId: actor.id,
    action: "invitation.create",
    targetType: "Invitation",
    targetId: invitation.id,
    summary: invitation.organizationId
      ? `Invitato ${invitation.email} in ${organizationName}${invitation.asManager ? " come responsabile" : ""}`
      : `Invitato ${invitation.email} come ${invitation.role}`,
    details: { email: invitation.email, role: invitation.role, organizationId: invitation.organizationId, asManager: invitation.asManager, source },
    ipAddress: meta.ipAddress,
  });
}

// ---- public operations -------------------------------------------------------------------------

/** Invites one person. Throws a DomainError (403 access, 409 conflict or no seats) with a clear message. */
export async function inviteOne(actor: Actor, input: InviteInput, meta: ActionMeta = {}) {
  const data = normalize(input);
  if (roleBelongsToOrganization(data.role) && !data.organizationId) throw new DomainError("invitations:errors.organizationRequired", {}, { status: 400, field: "organizationId" });
  await assertMayInvite(actor, data.role, data.organizationId);
  const conflict = (await emailConflicts([data.email])).get(data.email);
  if (conflict) throw new DomainError(conflictMessage[conflict], { email: data.email }, { status: 409, field: "email" });
  const context = await emailContext(actor, data.organizationId);
  const usage = data.organizationId ? await assertSeats(data.organizationId, 1) : null;
  const now = new Date();
  const invitation = await db.$transaction(async (tx) => {
    if (usage) await takeSeats(tx, usage, 1, now);
    return createWithEmail(tx, actor, data, context, now);
  });
  kickWorker();
  await auditInvite(actor, invitation, context.organizationName, meta, "form");
  return invitation;
}

export type BatchRow = { email: string; name: string; asManager: boolean; locale?: InvitationLocale };

/**
 * Invites several members of one organization at once: all or nothing. The rows must already be
 * checked (parseInvitationCsv + emailConflicts); seats are checked for the whole batch.
 */
export async function inviteBatch(actor: Actor, organizationId: string, rows: BatchRow[], meta: ActionMeta = {}) {
  await assertMayInvite(actor, "MEMBER", organizationId);
  if (!rows.length) return [];
  const conflicts = await emailConflicts(rows.map((row) => row.email));
  if (conflicts.size) {
    const [email, conflict] = [...conflicts][0];
    throw new DomainError(conflictMessage[conflict], { email }, { status: 409 });
  }
  const context = await emailContext(actor, organizationId);
  const usage = await assertSeats(organizationId, rows.length);
  const now = new Date();
  const invitations = await db.$transaction(async (tx) => {
    await takeSeats(tx, usage, rows.length, now);
    const created: Invitation[] = [];
    for (const row of rows) {
      created.push(await createWithEmail(tx, actor, { ...normalize({ ...row, role: "MEMBER", organizationId }), name: row.name }, context, now));
    }
    return created;
  });
  kickWorker();
  for (const invitation of invitations) await auditInvite(actor, invitation, context.organizationName, meta, "csv");
  return invitations;
}

async function loadForChange(actor: Actor, invitationId: string) {
  const invitation = await db.invitation.findUnique({ where: { id: invitationId }, include: { organization: { select: { name: true } } } });
  if (!invitation) throw new DomainError("invitations:errors.notFound", {}, { status: 404 });
  await assertMayManage(actor, invitation);
  const state = invitationState(invitation);
  if (state === "accepted" || state === "revoked") throw new DomainError(`invitations:errors.already_${state}`, { email: invitation.email }, { status: 409 });
  return { invitation, state };
}

/** A new link valid for 7 more days; the old link stops working at once. */
export async function resendInvitation(actor: Actor, invitationId: string, meta: ActionMeta = {}) {
  const { invitation, state } = await loadForChange(actor, invitationId);
  if (await db.user.count({ where: { email: invitation.email } })) {
    throw new DomainError("invitations:errors.accountExists", { email: invitation.email }, { status: 409 });
  }
  // An expired invitation gave its seat back; resending takes one again.
  const takesSeat = state === "expired" && invitation.organizationId && roleBelongsToOrganization(invitation.role);
  const usage = takesSeat ? await assertSeats(invitation.organizationId!, 1) : null;
  const context = await emailContext(actor, invitation.organizationId);
  const now = new Date();
  const token = generateToken();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_DAYS * DAY);
  await db.$transaction(async (tx) => {
    if (usage) await takeSeats(tx, usage, 1, now);
    // Conditional update: an invitation accepted or revoked meanwhile is left alone.
    const { count } = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null, revokedAt: null },
      data: { tokenHash: hashToken(token), expiresAt, lastSentAt: now, sendCount: { increment: 1 } },
    });
    if (count === 0) throw new DomainError("invitations:errors.notPending", { email: invitation.email }, { status: 409 });
    await queueInvitationEmail(tx, invitation.email, invitation.locale === "en" ? "en" : "it", token, expiresAt, context);
  });
  kickWorker();
  await recordAudit({
    actorId: actor.id,
    action: "invitation.resend",
    targetType: "Invitation",
    targetId: invitation.id,
    summary: `Inviato di nuovo l'invito a ${invitation.email}`,
    ipAddress: meta.ipAddress,
  });
  return { ...invitation, expiresAt };
}

export async function revokeInvitation(actor: Actor, invitationId: string, meta: ActionMeta = {}) {
  const { invitation } = await loadForChange(actor, invitationId);
  const { count } = await db.invitation.updateMany({
    where: { id: invitation.id, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw new DomainError("invitations:errors.notPending", { email: invitation.email }, { status: 409 });
  await recordAudit({
    actorId: actor.id,
    action: "invitation.revoke",
    targetType: "Invitation",
    targetId: invitation.id,
    summary: `Revocato l'invito a ${invitation.email}`,
    ipAddress: meta.ipAddress,
  });
  return invitation;
}
