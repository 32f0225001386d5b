// Reading accounts for the administration pages: search, filters, pagination, detail.
import { db } from "~/lib/db.server.ts";
import type { Prisma, Role } from "~/generated/sqlite/client.ts";
import { isRole, USER_STATUSES, type UserStatusFilter } from "./roles.ts";
import { containsText, pageCount, pageNumber } from "./text-filter.server.ts";

export const USERS_PAGE_SIZE = 25;
export { ROLES, isRole } from "./roles.ts";

export type UserFilters = {
  q: string;
  role?: Role;
  organizationId?: string;
  status: UserStatusFilter;
  page: number;
};

/** Filters from the list page's query string; unknown values are ignored, never an error. */
export function parseUserFilters(url: URL): UserFilters {
  const params = url.searchParams;
  const role = params.get("role");
  const status = params.get("status");
  const organizationId = params.get("organizationId")?.trim();
  return {
    q: (params.get("q") ?? "").trim().slice(0, 100),
    role: isRole(role) ? role : undefined,
    organizationId: organizationId ? organizationId.slice(0, 64) : undefined,
    status: (USER_STATUSES as readonly string[]).includes(status ?? "") ? (status as UserStatusFilter) : "all",
    page: pageNumber(params.get("page")),
  };
}

function whereFor(filters: UserFilters): Prisma.UserWhereInput {
  const where: Prisma.UserWhereInput = {};
  if (filters.q) where.OR = [{ name: containsText(filters.q) }, { email: containsText(filters.q) }];
  if (filters.role) where.role = filters.role;
  if (filters.organizationId) where.organizationId = filters.organizationId;
  if (filters.status === "active") where.disabledAt = null;
  if (filters.status === "disabled") where.disabledAt = { not: null };
  return where;
}

export async function listUsers(filters: UserFilters) {
  const where = whereFor(filters);
  const total = await db.user.count({ where });
  const pages = pageCount(total, USERS_PAGE_SIZE);
  const page = Math.min(filters.page, pages);
  const users = await db.user.findMany({
    where,
    orderBy: [{ name: "asc" }, { email: "asc" }],
    skip: (page - 1) * USERS_PAGE_SIZE,
    take: USERS_PAGE_SIZE,
    select: {
      id: true, name: true, email: true, role: true, jobTitle: true, isOrganizationManager: true,
      disabledAt: true, lastLoginAt: true, organization: { select: { id: true, name: true } },
    },
  });
  return { users, total, page, pageCount: pages };
}

export function getUserDetail(userId: string) {
  return db.user.findUnique({
    where: { id: userId },
    select: {
      id: true, name: true, email: true, role: true, jobTitle: true, staffKind: true, isOrganizationManager: true,
      organizationId: true, disabledAt: true, createdAt: true, lastLoginAt: true,
      organization: { select: { id: true, name: true } },
      _count: { select: { sessions: true } },
    },
  });
}

/** Organizations for select lists, by name. */
export function organizationOptions() {
  return db.organization.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
}
