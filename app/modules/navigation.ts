// The main navigation, adapted to who is signed in. Each feature adds its entry here with the
// access action that decides who sees it; the server still checks access on every page (this only
// decides what is shown).
import { can, type Actor, type AreaAction } from "./access/policy.ts";

export type NavItem = { to: string; labelKey: string };

const entries: (NavItem & { action: AreaAction })[] = [
  { to: "/admin", labelKey: "nav.admin", action: "admin.menu" },
  // An organization's contact person invites colleagues and sees its members.
  { to: "/organization", labelKey: "nav.organization", action: "organization.area" },
  // A member's kit, dates and micro-services, through their organization or its union.
  { to: "/pathway", labelKey: "org:nav.pathway", action: "pathway.menu" },
  { to: "/admin/organizations", labelKey: "org:nav.organizations", action: "organizations.view" },
  // Tutors and admins write the blog.
  { to: "/blog/manage", labelKey: "blog:nav.manage", action: "blog.manage" },
];

export function mainNavigation(user: Actor): NavItem[] {
  // The blog is public: everyone, visitors included, sees it.
  const items: NavItem[] = [
    { to: "/", labelKey: "nav.home" },
    { to: "/blog", labelKey: "nav.blog" },
  ];
  if (!user) return items;
  for (const { action, ...item } of entries) if (can(user, action).allowed) items.push(item);
  return items;
}
