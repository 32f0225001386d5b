// Invitations: the only way accounts are created. Admins invite anyone (staff too); a manager
// invites members into the organizations they manage, and resends or revokes those invitations.
import { allow, defineRules, deny, type ActorUser } from "./core.ts";
import { organizationRules, type OrganizationItem } from "./organizations.ts";
import { isAdmin, roleBelongsToOrganization } from "./roles.ts";

export type InvitationItem = { role: string; organization: OrganizationItem | null };

export const INVITATION_FORBIDDEN = "invitations:errors.forbidden";

function managesInvitationOrganization(actor: ActorUser, invitation: InvitationItem) {
  if (!roleBelongsToOrganization(invitation.role) || !invitation.organization) return deny(INVITATION_FORBIDDEN);
  return organizationRules["organization.manage"](actor, invitation.organization).allowed ? allow : deny(INVITATION_FORBIDDEN);
}

export const invitationRules = defineRules({
  /** Send a new invitation for `role` into `organization`. */
  "invitation.create": (actor, invitation: InvitationItem) => (isAdmin(actor) ? allow : managesInvitationOrganization(actor, invitation)),
  /** Resend or revoke an existing invitation. */
  "invitation.manage": (actor, invitation: InvitationItem) => (isAdmin(actor) ? allow : managesInvitationOrganization(actor, invitation)),
});
