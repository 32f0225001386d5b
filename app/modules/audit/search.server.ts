// The admin view of the audit log: text, actor, target type and a date range (days in Rome),
// newest first, a page at a time.
import { db } from "~/lib/db.server.ts";
import type { Prisma } from "~/generated/sqlite/client.ts";
import { containsText, pageCount, pageNumber } from "~/modules/users/text-filter.server.ts";
import { romeDayEnd, isCalendarDay, romeDayStart } from "~/lib/dates.ts";

export const AUDIT_PAGE_SIZE = 50;

export type AuditFilters = { q: string; actor: string; targetType: string; from?: string; to?: string; page: number };

export function parseAuditFilters(url: URL): AuditFilters {
  const params = url.searchParams;
  const from = params.get("from");
  const to = params.get("to");
  return {
    q: (params.get("q") ?? "").trim().slice(0, 200),
    actor: (params.get("actor") ?? "").trim().slice(0, 200),
    targetType: (params.get("targetType") ?? "").trim().slice(0, 60),
    from: isCalendarDay(from) ? from : undefined,
    to: isCalendarDay(to) ? to : undefined,
    page: pageNumber(params.get("page")),
  };
}

function whereFor(filters: AuditFilters): Prisma.AuditLogWhereInput {
  const and: Prisma.AuditLogWhereInput[] = [];
  if (filters.q) and.push({ OR: [{ summary: containsText(filters.q) }, { action: containsText(filters.q) }] });
  if (filters.actor) and.push({ actor: { OR: [{ name: containsText(filters.actor) }, { email: containsText(filters.actor) }] } });
  if (filters.targetType) and.push({ targetType: filters.targetType });
  if (filters.from) and.push({ createdAt: { gte: romeDayStart(filters.from) } });
  if (filters.to) and.push({ createdAt: { lt: romeDayEnd(filters.to) } });
  return and.length ? { AND: and } : {};
}

export async function searchAudit(filters: AuditFilters) {
  const where = whereFor(filters);
  const total = await db.auditLog.count({ where });
  const pages = pageCount(total, AUDIT_PAGE_SIZE);
  const page = Math.min(filters.page, pages);
  const entries = await db.auditLog.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * AUDIT_PAGE_SIZE,
    take: AUDIT_PAGE_SIZE,
    select: {
      id: true, action: true, targetType: true, targetId: true, summary: true, ipAddress: true, createdAt: true,
      actor: { select: { id: true, name: true, email: true } },
    },
  });
  return { entries, total, page, pageCount: pages };
}

/** The target types present in the log, for the filter's select list. */
export async function auditTargetTypes(): Promise<string[]> {
  const rows = await db.auditLog.findMany({
    where: { targetType: { not: null } },
    distinct: ["targetType"],
    select: { targetType: true },
    orderBy: { targetType: "asc" },
  });
  return rows.map((row) => row.targetType).filter((type): type is string => Boolean(type));
}
