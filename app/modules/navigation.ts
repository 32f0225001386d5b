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
  // Surveys: members answer theirs, staff build them and read the results.
  { to: "/surveys", labelKey: "surveys:nav.surveys", action: "surveys.list" },
  { to: "/surveys/manage", labelKey: "surveys:nav.manage", action: "surveys.manage" },
  // Tutors and admins write the blog.
  { to: "/blog/manage", labelKey: "blog:nav.manage", action: "blog.manage" },
  // Monitoring dashboards (issue 14): admins, tutors and organization managers, each in their scope.
  { to: "/monitoring", labelKey: "monitoring:nav.monitoring", action: "monitoring.view" },
  // Community Building labs (issue 14): the labs one may see (an empty list explains what they are).
  { to: "/labs", labelKey: "labs:nav.labs", action: "labs.list" },
];

/**
 * `usesCommunity`: whether the user's enrolments grant the community (loaded by the root loader,
 * since entitlements need the database); staff always see it.
 */
export function mainNavigation(user: Actor, usesCommunity = false): NavItem[] {
  // The webinar catalogue and the blog are public (visitors see public webinars and what the kits include).
  const items: NavItem[] = [
    { to: "/", labelKey: "nav.home" },
    { to: "/webinars", labelKey: "nav.webinars" },
    { to: "/blog", labelKey: "nav.blog" },
  ];
  if (!user) return items;
  for (const { action, ...item } of entries) if (can(user, action).allowed) items.push(item);
  // The community (issue 11) and its file area: PLUS members and staff, judged by the community's own rule.
  if (can(user, "community.use", { entitled: usesCommunity, labIds: [] }).allowed) {
    items.push({ to: "/community", labelKey: "community:nav.community" }, { to: "/files", labelKey: "files:nav.files" });
  }
  return items;
}
