// Sections of the administration home page (/admin). Each feature adds its own entry.
// `roles` lists who sees the link; the section's own loader still checks access.
export type AdminSection = { to: string; titleKey: string; descriptionKey: string; roles: ("ADMIN" | "TUTOR")[] };

export const adminSections: AdminSection[] = [
  { to: "/admin/users", titleKey: "users:section.title", descriptionKey: "users:section.description", roles: ["ADMIN"] },
  { to: "/admin/invitations", titleKey: "invitations:section.title", descriptionKey: "invitations:section.description", roles: ["ADMIN"] },
  { to: "/admin/feedback", titleKey: "admin:feedback.sectionTitle", descriptionKey: "admin:feedback.sectionDescription", roles: ["ADMIN"] },
  { to: "/admin/service-notice", titleKey: "live:notice.sectionTitle", descriptionKey: "live:notice.sectionDescription", roles: ["ADMIN"] },
  { to: "/admin/audit", titleKey: "audit:section.title", descriptionKey: "audit:section.description", roles: ["ADMIN"] },
  { to: "/admin/organizations", titleKey: "org:sections.organizations.title", descriptionKey: "org:sections.organizations.description", roles: ["ADMIN", "TUTOR"] },
  { to: "/admin/enrolments", titleKey: "org:sections.enrolments.title", descriptionKey: "org:sections.enrolments.description", roles: ["ADMIN", "TUTOR"] },
];
