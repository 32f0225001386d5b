// Case-insensitive "contains" for both databases: PostgreSQL needs `mode: "insensitive"`,
// which SQLite rejects at run time (SQLite's LIKE already ignores ASCII case).
import { databaseKind } from "~/lib/db.server.ts";

export function containsText(value: string): { contains: string } {
  if (databaseKind() === "postgres") return { contains: value, mode: "insensitive" } as { contains: string };
  return { contains: value };
}

/** A page number from a query string value: 1 when missing or nonsense. */
export function pageNumber(value: string | null, max = 10_000) {
  const page = Number.parseInt(value ?? "", 10);
  return Number.isFinite(page) && page >= 1 ? Math.min(page, max) : 1;
}

export function pageCount(total: number, pageSize: number) {
  return Math.max(1, Math.ceil(total / pageSize));
}
