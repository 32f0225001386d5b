/** Prisma's unique-constraint violation (the same code on SQLite and PostgreSQL). */
export function isUniqueViolation(error: unknown) {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}
