// Addresses of other webinar pages the room links to (one place to change at merge).
export const materialPath = (slug: string, materialId: string) => `/webinars/${encodeURIComponent(slug)}/materials/${encodeURIComponent(materialId)}`;
