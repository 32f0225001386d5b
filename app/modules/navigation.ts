// The main navigation, adapted to who is signed in. Each feature adds its entry here;
// the server still checks access on every page (this only decides what is shown).
import type { SessionUser } from "./auth/session.server.ts";

export type NavItem = { to: string; labelKey: string };

export function mainNavigation(user: (Pick<SessionUser, "role" | "isOrganizationManager"> & { organizationId?: string | null }) | null): NavItem[] {
  const items: NavItem[] = [{ to: "/", labelKey: "nav.home" }];
  if (!user) return items;
  if (user.role === "ADMIN") items.push({ to: "/admin", labelKey: "nav.admin" });
  // An organization's contact person invites colleagues and sees its members.
  if (user.role === "MEMBER" && user.isOrganizationManager) items.push({ to: "/organization", labelKey: "nav.organization" });
  // A member's kit, dates and micro-services, through their organization or its union.
  if (user.role === "MEMBER" && user.organizationId) items.push({ to: "/pathway", labelKey: "org:nav.pathway" });
  if (user.role === "ADMIN" || user.role === "TUTOR") items.push({ to: "/admin/organizations", labelKey: "org:nav.organizations" });
  return items;
}
