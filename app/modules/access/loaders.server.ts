// Small loaders that fetch what the rules need to know about an item: its organization (with the
// parent that makes a union's manager a manager of its municipalities), its per-item roles.
// Returning null means "no such item": the caller answers 404 after checking it may look at all.
import { db } from "~/lib/db.server.ts";
import type { InvitationItem } from "./invitations.ts";
import type { OrganizationItem } from "./organizations.ts";

export async function organizationItem(id: string | null | undefined): Promise<OrganizationItem | null> {
  if (!id) return null;
  return db.organization.findUnique({ where: { id }, select: { id: true, parentId: true } });
}

export async function invitationItem(role: string, organizationId: string | null | undefined): Promise<InvitationItem> {
  return { role, organization: await organizationItem(organizationId) };
}

/** The organization itself and its children (a union's municipalities), as items. */
export async function organizationWithChildren(id: string) {
  const [own, children] = await Promise.all([
    db.organization.findUnique({ where: { id }, select: { id: true, name: true, parentId: true } }),
    db.organization.findMany({ where: { parentId: id }, orderBy: { name: "asc" }, select: { id: true, name: true, parentId: true } }),
  ]);
  return own ? [own, ...children] : [];
}
