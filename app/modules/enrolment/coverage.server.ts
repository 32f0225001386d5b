// Which enrolments cover an organization: its own and those of its ancestors
// (a union's enrolment covers the staff of its member municipalities).
import { db } from "~/lib/db.server.ts";

const MAX_DEPTH = 5;

/** The organization and its ancestors, nearest first. */
export async function organizationLineage(organizationId: string): Promise<string[]> {
  const lineage: string[] = [];
  let current: string | null = organizationId;
  while (current && lineage.length < MAX_DEPTH && !lineage.includes(current)) {
    lineage.push(current);
    const org: { parentId: string | null } | null = await db.organization.findUnique({ where: { id: current }, select: { parentId: true } });
    current = org?.parentId ?? null;
  }
  return lineage;
}

/** Enrolments of the organization or its ancestors that are ACTIVE and in their date range at `now`. */
export async function coveringEnrolments(organizationId: string, now = new Date()) {
  const lineage = await organizationLineage(organizationId);
  return db.enrolment.findMany({
    where: { organizationId: { in: lineage }, status: "ACTIVE", startsAt: { lte: now }, endsAt: { gt: now } },
    orderBy: { endsAt: "desc" },
  });
}
