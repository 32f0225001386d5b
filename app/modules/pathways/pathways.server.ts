// Pathways ("badge" in the UI, docs/decisions/0020-badges-pathways.md): staff define a title, a
// description and criteria (webinars whose attendance certificate is needed, optionally a minimum
// of training hours in the year); completing them earns the pathway's Open Badge. A pathway is not
// edited once defined (issued badges describe it): staff archive it and define another.
import { z } from "zod";
import { db } from "~/lib/db.server.ts";
import { msg, requiredText } from "~/lib/validation.ts";
import { recordAudit, type AuditMeta } from "~/modules/audit/audit.server.ts";

export const MAX_HOURS = 200;
export const MAX_WEBINARS = 50;

const ids = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => [...new Set((value === undefined ? [] : Array.isArray(value) ? value : [value]).filter(Boolean))]);

export const pathwaySchema = z
  .object({
    title: requiredText(120),
    description: requiredText(2000, { multiline: true }),
    webinarIds: ids.refine((list) => list.length <= MAX_WEBINARS, msg("pathways:form.tooManyWebinars", { max: MAX_WEBINARS })),
    minHours: z
      .string()
      .trim()
      .optional()
      .transform((value) => (value ? value : undefined))
      .refine((value) => value === undefined || (/^\d{1,3}$/.test(value) && Number(value) >= 1 && Number(value) <= MAX_HOURS), msg("pathways:form.hoursRange", { max: MAX_HOURS }))
      .transform((value) => (value === undefined ? undefined : Number(value))),
  })
  .superRefine((value, context) => {
    if (value.webinarIds.length === 0 && value.minHours === undefined) context.addIssue({ code: "custom", path: ["webinarIds"], message: "pathways:form.noCriteria" });
  });
export type PathwayInput = z.output<typeof pathwaySchema>;

/** Webinars a criterion may name: scheduled, live or ended (newest first); not lab rooms (they issue no certificate). */
export function webinarChoices() {
  return db.webinar.findMany({
    where: { status: { in: ["SCHEDULED", "LIVE", "ENDED"] }, labId: null },
    orderBy: { startsAt: "desc" },
    take: 200,
    select: { id: true, title: true, startsAt: true },
  });
}

/** Creates a pathway; null when a named webinar does not exist (or may not be chosen). */
export async function createPathway(input: PathwayInput, actorId: string, meta: AuditMeta = {}) {
  const webinars = await db.webinar.findMany({ where: { id: { in: input.webinarIds }, status: { in: ["SCHEDULED", "LIVE", "ENDED"] }, labId: null }, select: { id: true } });
  if (webinars.length !== input.webinarIds.length) return null;
  return db.$transaction(async (tx) => {
    const pathway = await tx.pathway.create({
      data: {
        title: input.title,
        description: input.description,
        createdById: actorId,
        criteria: {
          create: [
            ...input.webinarIds.map((webinarId) => ({ kind: "WEBINAR_CERTIFICATE" as const, webinarId })),
            ...(input.minHours === undefined ? [] : [{ kind: "TRAINING_HOURS" as const, minHours: input.minHours }]),
          ],
        },
      },
    });
    await recordAudit(
      { actorId, action: "pathway.create", targetType: "Pathway", targetId: pathway.id, summary: `Definito il badge «${pathway.title}»`, ipAddress: meta.ipAddress },
      tx,
    );
    return pathway;
  });
}

/** Archives a pathway: nobody earns it any more; badges already issued stay valid. */
export async function archivePathway(id: string, actorId: string, meta: AuditMeta = {}) {
  const pathway = await db.pathway.findUnique({ where: { id } });
  if (!pathway) return null;
  if (pathway.archivedAt) return pathway;
  const updated = await db.pathway.update({ where: { id }, data: { archivedAt: new Date() } });
  await recordAudit({ actorId, action: "pathway.archive", targetType: "Pathway", targetId: id, summary: `Archiviato il badge «${pathway.title}»`, ipAddress: meta.ipAddress });
  return updated;
}

/** Every pathway with its criteria and how many badges were issued (staff list). */
export async function listPathways() {
  const rows = await db.pathway.findMany({
    orderBy: [{ archivedAt: "asc" }, { createdAt: "desc" }],
    include: { criteria: { include: { webinar: { select: { title: true, slug: true } } } }, _count: { select: { assertions: true } } },
  });
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    description: row.description,
    archived: row.archivedAt !== null,
    issued: row._count.assertions,
    criteria: row.criteria.map(criterionView),
  }));
}

export type CriterionView = { kind: "WEBINAR_CERTIFICATE"; webinarTitle: string; webinarSlug: string } | { kind: "TRAINING_HOURS"; minHours: number };

export function criterionView(row: { kind: string; minHours: number | null; webinar: { title: string; slug: string } | null }): CriterionView {
  return row.kind === "TRAINING_HOURS" ? { kind: "TRAINING_HOURS", minHours: row.minHours ?? 0 } : { kind: "WEBINAR_CERTIFICATE", webinarTitle: row.webinar?.title ?? "", webinarSlug: row.webinar?.slug ?? "" };
}
