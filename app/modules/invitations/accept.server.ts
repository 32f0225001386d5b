// Accepting an invitation: the link's page, and creating the account from it.
import { z } from "zod";
import { db } from "~/lib/db.server.ts";
import { isUniqueViolation } from "~/lib/prisma-errors.ts";
import { requiredText } from "~/lib/validation.ts";
import type { Role } from "~/generated/sqlite/client.ts";
import { recordAudit } from "~/modules/audit/audit.server.ts";
import { hashPassword } from "~/modules/auth/password.server.ts";
import { newPasswordSchema } from "~/modules/auth/password-forms.ts";
import { createSession } from "~/modules/auth/session.server.ts";
import { hashToken } from "~/modules/auth/tokens.server.ts";
import { DomainError } from "~/lib/domain-error.ts";
import { roleBelongsToOrganization } from "~/modules/access/roles.ts";
import { invitationState, type InvitationState } from "./invitations.server.ts";

// Tokens are base64url (tokens.server.ts); anything else cannot be ours.
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{20,64}$/;

/** The accept form: a name and a new password under the same rules as everywhere else. */
export function acceptSchema(email: string) {
  return z.object({ name: requiredText(120) }).and(newPasswordSchema(email));
}

export type InvitationView = {
  state: InvitationState | "accountExists";
  email: string;
  name: string | null;
  role: Role;
  organizationName: string | null;
  inviterName: string | null;
  inviterEmail: string | null;
  expiresAt: string;
  /** The language the inviter chose: the page is shown in it and the account is created with it. */
  locale: string;
};

async function findByToken(token: string) {
  if (!TOKEN_PATTERN.test(token)) return null;
  return db.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { organization: { select: { name: true } }, invitedBy: { select: { name: true, email: true } } },
  });
}

/** What the invitation page shows; null when the link is unknown (404). */
export async function viewInvitation(token: string, now = new Date()): Promise<InvitationView | null> {
  const invitation = await findByToken(token);
  if (!invitation) return null;
  let state: InvitationView["state"] = invitationState(invitation, now);
  if (state === "pending" && (await db.user.count({ where: { email: invitation.email } }))) state = "accountExists";
  return {
    state,
    email: invitation.email,
    name: invitation.name,
    role: invitation.role,
    organizationName: invitation.organization?.name ?? null,
    inviterName: invitation.invitedBy?.name ?? null,
    inviterEmail: invitation.invitedBy?.email ?? null,
    expiresAt: invitation.expiresAt.toISOString(),
    locale: invitation.locale,
  };
}

/** `locale`: the language the person chose on the invitation's page, if they did; else the invitation's. */
export type AcceptInput = { name: string; password: string; locale?: string };
export type SessionMeta = { ipAddress?: string; userAgent?: string | null };

/**
 * Creates the account the invitation describes and signs the person in. The invitation is claimed
 * with a conditional update inside the transaction, so a link works once even if submitted twice.
 */
export async function acceptInvitation(token: string, input: AcceptInput, meta: SessionMeta = {}) {
  const invitation = await findByToken(token);
  if (!invitation) throw new DomainError("invitations:accept.notFoundText", {}, { status: 404 });
  const state = invitationState(invitation);
  if (state !== "pending") throw new DomainError(`invitations:accept.${state}Text`, {}, { status: 410 });
  if (await db.user.count({ where: { email: invitation.email } })) throw new DomainError("invitations:accept.accountExistsText", {}, { status: 409 });

  const passwordHash = await hashPassword(input.password);
  const now = new Date();
  let user;
  try {
    user = await db.$transaction(async (tx) => {
      const { count } = await tx.invitation.updateMany({
        where: { id: invitation.id, tokenHash: invitation.tokenHash, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
        data: { acceptedAt: now },
      });
      if (count === 0) throw new DomainError("invitations:accept.acceptedText", {}, { status: 410 });
      const created = await tx.user.create({
        data: {
          email: invitation.email,
          name: input.name,
          role: invitation.role,
          organizationId: roleBelongsToOrganization(invitation.role) ? invitation.organizationId : null,
          isOrganizationManager: roleBelongsToOrganization(invitation.role) && invitation.asManager,
          locale: (input.locale ?? invitation.locale) === "en" ? "en" : "it",
          passwordHash,
          passwordChangedAt: now,
          lastLoginAt: now,
        },
      });
      await tx.invitation.update({ where: { id: invitation.id }, data: { acceptedById: created.id } });
      return created;
    });
  } catch (error) {
    // Another account took the address between the check and the insert.
    if (isUniqueViolation(error)) throw new DomainError("invitations:accept.accountExistsText", {}, { status: 409 });
    throw error;
  }

  const sessionToken = await createSession(user.id, meta);
  await recordAudit({
    actorId: user.id,
    action: "invitation.accept",
    targetType: "User",
    targetId: user.id,
    summary: `${user.email} ha accettato l'invito e creato l'account`,
    details: { invitationId: invitation.id, role: user.role, organizationId: user.organizationId },
    ipAddress: meta.ipAddress,
  });
  return { user, sessionToken };
}

/** Where a new account lands: members on their pathway, staff on the home page. */
export function landingPath(role: Role) {
  return roleBelongsToOrganization(role) ? "/pathway" : "/";
}
