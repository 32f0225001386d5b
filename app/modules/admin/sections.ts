// Sections of the administration home page (/admin). Each feature adds its own entry.
// `roles` lists who sees the link; the section's own loader still checks access.
export type AdminSection = { to: string; titleKey: string; descriptionKey: string; roles: ("ADMIN" | "TUTOR")[] };

export const adminSections: AdminSection[] = [];
