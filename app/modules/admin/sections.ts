// Sections of the administration home page (/admin). Each feature adds its own entry with the
// access action that decides who sees the link; the section's own loader still checks access.
import type { AreaAction } from "~/modules/access/policy.ts";

export type AdminSection = { to: string; titleKey: string; descriptionKey: string; action: AreaAction };

export const adminSections: AdminSection[] = [
  { to: "/admin/users", titleKey: "users:section.title", descriptionKey: "users:section.description", action: "users.manage" },
  { to: "/admin/invitations", titleKey: "invitations:section.title", descriptionKey: "invitations:section.description", action: "users.manage" },
  { to: "/admin/feedback", titleKey: "admin:feedback.sectionTitle", descriptionKey: "admin:feedback.sectionDescription", action: "feedback.view" },
  { to: "/admin/service-notice", titleKey: "live:notice.sectionTitle", descriptionKey: "live:notice.sectionDescription", action: "service-notice.manage" },
  { to: "/admin/audit", titleKey: "audit:section.title", descriptionKey: "audit:section.description", action: "audit.view" },
  { to: "/admin/organizations", titleKey: "org:sections.organizations.title", descriptionKey: "org:sections.organizations.description", action: "organizations.view" },
  { to: "/admin/enrolments", titleKey: "org:sections.enrolments.title", descriptionKey: "org:sections.enrolments.description", action: "enrolments.view" },
  { to: "/admin/training", titleKey: "recordings:training.adminTitle", descriptionKey: "recordings:training.adminDescription", action: "training.all" },
  { to: "/admin/pathways", titleKey: "pathways:admin.title", descriptionKey: "pathways:admin.sectionDescription", action: "pathways.manage" },
];
