// Roles and list filters, shared by server code and the pages (plain module: no .server).
import type { Role } from "~/generated/sqlite/client.ts";

export const ROLES = ["ADMIN", "TUTOR", "MEMBER"] as const satisfies readonly Role[];
export const USER_STATUSES = ["active", "disabled", "all"] as const;
export type UserStatusFilter = (typeof USER_STATUSES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
