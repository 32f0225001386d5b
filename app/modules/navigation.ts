// The main navigation, adapted to who is signed in. Each feature adds its entry here;
// the server still checks access on every page (this only decides what is shown).
import type { SessionUser } from "./auth/session.server.ts";

export type NavItem = { to: string; labelKey: string };

export function mainNavigation(user: Pick<SessionUser, "role" | "isOrganizationManager"> | null): NavItem[] {
  const items: NavItem[] = [{ to: "/", labelKey: "nav.home" }];
  if (!user) return items;
  if (user.role === "ADMIN") items.push({ to: "/admin", labelKey: "nav.admin" });
  return items;
}
