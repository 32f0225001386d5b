// Lists of invitations (admin page) and the organization manager's overview.
import { db } from "~/lib/db.server.ts";
import type { Prisma } from "~/generated/sqlite/client.ts";
import { containsText, pageCount, pageNumber } from "~/modules/users/text-filter.server.ts";
import { seatUsage } from "./collaborators.server.ts";
import { invitationState } from "./invitations.server.ts";

export const INVITATIONS_PAGE_SIZE = 25;
import { INVITATION_FILTERS, type InvitationFilter } from "./limits.ts";

export { INVITATION_FILTERS, type InvitationFilter };
export type InvitationFilters = { q: string; status: InvitationFilter; organizationId?: string; page: number };

export function parseInvitationFilters(url: URL): InvitationFilters {
  const params = url.searchParams;
  const status = params.get("status") ?? "";
  const organizationId = params.get("organizationId")?.trim();
  return {
    q: (params.get("q") ?? "").trim().slice(0, 100),
    status: (INVITATION_FILTERS as readonly string[]).includes(status) ? (status as InvitationFilter) : "open",
    organizationId: organizationId ? organizationId.slice(0, 64) : undefined,
    page: pageNumber(params.get("page")),
  };
}

function statusWhere(status: InvitationFilter, now: Date): Prisma.InvitationWhereInput {
  switch (status) {
    case "open": // not yet used: pending or expired, the ones someone may resend or revoke
      return { acceptedAt: null, revokedAt: null };
    case "pending":
      return { acceptedAt: null, revokedAt: null, expiresAt: { gt: now } };
    case "expired":
      return { acceptedAt: null, revokedAt: null, expiresAt: { lte: now } };
    case "accepted":
      return { acceptedAt: { not: null } };
    case "revoked":
      return { acceptedAt: null, revokedAt: { not: null } };
    default:
      return {};
  }
}

const rowSelect = {
  id: true, email: true, name: true, role: true, asManager: true, expiresAt: true, acceptedAt: true, revokedAt: true,
  sendCount: true, lastSentAt: true, createdAt: true,
  organization: { select: { id: true, name: true } },
  invitedBy: { select: { name: true } },
} satisfies Prisma.InvitationSelect;

function toRow<T extends { expiresAt: Date; acceptedAt: Date | null; revokedAt: Date | null }>(invitation: T, now: Date) {
  return { ...invitation, state: invitationState(invitation, now) };
}

export async function listInvitations(filters: InvitationFilters, now = new Date()) {
  const where: Prisma.InvitationWhereInput = { ...statusWhere(filters.status, now) };
  if (filters.q) where.OR = [{ email: containsText(filters.q) }, { name: containsText(filters.q) }];
  if (filters.organizationId) where.organizationId = filters.organizationId;
  const total = await db.invitation.count({ where });
  const pages = pageCount(total, INVITATIONS_PAGE_SIZE);
  const page = Math.min(filters.page, pages);
  const rows = await db.invitation.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * INVITATIONS_PAGE_SIZE,
    take: INVITATIONS_PAGE_SIZE,
    select: rowSelect,
  });
  return { invitations: rows.map((row) => toRow(row, now)), total, page, pageCount: pages };
}

/** The organizations a manager manages (decided by the access policy). */
export { managedOrganizations } from "./collaborators.server.ts";

/** Everything the "La mia organizzazione" page shows. */
export async function organizationOverview(organizationIds: string[], now = new Date()) {
  const [members, invitations, seats] = await Promise.all([
    db.user.findMany({
      where: { organizationId: { in: organizationIds } },
      orderBy: [{ name: "asc" }, { email: "asc" }],
      take: 1000,
      select: {
        id: true, name: true, email: true, jobTitle: true, role: true, isOrganizationManager: true, disabledAt: true,
        organization: { select: { id: true, name: true } },
      },
    }),
    db.invitation.findMany({
      where: { organizationId: { in: organizationIds }, acceptedAt: null, revokedAt: null },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 1000,
      select: rowSelect,
    }),
    seatUsage(organizationIds[0]),
  ]);
  return { members, invitations: invitations.map((row) => toRow(row, now)), seats };
}
