// The OpenPA micro-services a kit bundles, tracked per enrolment: requested, active, with the
// address where the organization reaches them. Rows are created with the enrolment and carried
// over (status and address) when an enrolment is upgraded.
import type { Kit, Prisma } from "~/generated/sqlite/client.ts";
import { db } from "~/lib/db.server.ts";
import { recordAudit, type AuditMeta } from "~/modules/audit/audit.server.ts";
import { MICRO_SERVICES, kitServices, type MicroService } from "~/modules/kits/catalogue.ts";
import { DomainError } from "~/lib/domain-error.ts";
import type { ServiceUpdateInput } from "./validation.ts";

type Carried = { service: string; status: "NOT_REQUESTED" | "REQUESTED" | "ACTIVE"; url: string | null; note: string | null };

export async function createEnrolmentServices(tx: Prisma.TransactionClient, enrolmentId: string, kit: Kit, carried: Carried[] = []) {
  const previous = new Map(carried.map((row) => [row.service, row]));
  await tx.enrolmentService.createMany({
    data: kitServices(kit).map((service) => {
      const before = previous.get(service);
      return { enrolmentId, service, status: before?.status ?? "NOT_REQUESTED", url: before?.url ?? null, note: before?.note ?? null };
    }),
  });
}

/** Catalogue order (OpenCity first), not alphabetical. */
export function sortServices<T extends { service: string }>(rows: T[]): T[] {
  const order = (service: string) => MICRO_SERVICES.indexOf(service as MicroService);
  return [...rows].sort((a, b) => order(a.service) - order(b.service));
}

export async function updateEnrolmentService(enrolmentId: string, input: ServiceUpdateInput, actorId: string, meta: AuditMeta = {}) {
  const row = await db.enrolmentService.findUnique({
    where: { enrolmentId_service: { enrolmentId, service: input.service } },
    include: { enrolment: { select: { organization: { select: { name: true } }, kit: true } } },
  });
  if (!row) throw new DomainError("org:enrolment.errors.serviceNotInKit", { service: input.service }, { field: "service" });
  const updated = await db.enrolmentService.update({
    where: { id: row.id },
    data: { status: input.status, url: input.url ?? null, note: input.note ?? null },
  });
  await recordAudit({
    ipAddress: meta.ipAddress,
    actorId,
    action: "enrolment.service",
    targetType: "Enrolment",
    targetId: enrolmentId,
    summary: `${input.service} per ${row.enrolment.organization.name}: ${input.status}${input.url ? ` (${input.url})` : ""}`,
    details: { service: input.service, from: row.status, to: input.status, url: input.url ?? null },
  });
  return updated;
}
