// Scheduling (staff): create, edit, publish, move, cancel; per-webinar roles; materials. Every
// staff action is audited in the same transaction as the change it records; registrants are
// told of a move or a cancellation by email with an updated calendar invitation.
import { randomBytes } from "node:crypto";
import { db } from "~/lib/db.server.ts";
import { DomainError } from "~/lib/domain-error.ts";
import { kickWorker } from "~/lib/jobs/queue.server.ts";
import { storage } from "~/lib/storage/storage.server.ts";
import type { Prisma } from "~/generated/sqlite/client.ts";
import type { WebinarRoleKind } from "~/generated/sqlite/enums.ts";
import { recordAudit, type AuditMeta } from "~/modules/audit/audit.server.ts";
import { webinarChanged } from "./live/held.server.ts";
import { notifyRegistrants } from "./notify.server.ts";
import { promoteWaitlisted } from "./registration.server.ts";
import type { WebinarInput } from "./validation.ts";

type Tx = Prisma.TransactionClient;

/** "Accessibilità dei siti: le linee guida" -> "accessibilita-dei-siti-le-linee-guida". */
export function slugify(title: string) {
  const base = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return base || "webinar";
}

async function uniqueSlug(tx: Tx, title: string) {
  const base = slugify(title);
  for (let attempt = 0; attempt < 20; attempt++) {
    const slug = attempt === 0 ? base : `${base}-${attempt + 1}`;
    if (!(await tx.webinar.findUnique({ where: { slug }, select: { id: true } }))) return slug;
  }
  return `${base}-${randomBytes(3).toString("hex")}`;
}

function columns(input: WebinarInput) {
  return {
    title: input.title,
    description: input.description,
    startsAt: input.startsAt,
    durationMinutes: input.durationMinutes,
    capacity: input.capacity ?? null,
    audience: input.audience,
    pathwayKit: (input.pathwayKit ?? null) as Prisma.WebinarCreateInput["pathwayKit"],
    topic: input.topic ?? null,
    competences: input.competences?.replace(/\s+/g, "") ?? null,
    joinOpensMinutesBefore: input.joinOpensMinutesBefore,
    selfRegistration: input.selfRegistration,
  };
}

async function writeAudience(tx: Tx, webinarId: string, input: WebinarInput) {
  await tx.webinarAudienceKit.deleteMany({ where: { webinarId } });
  await tx.webinarAudienceOrganization.deleteMany({ where: { webinarId } });
  if (input.audience === "KITS") {
    for (const kit of new Set(input.kits)) await tx.webinarAudienceKit.create({ data: { webinarId, kit: kit as "BASIC" } });
  }
  if (input.audience === "ORGANIZATIONS") {
    const found = await tx.organization.findMany({ where: { id: { in: input.organizationIds } }, select: { id: true } });
    if (found.length !== new Set(input.organizationIds).size) throw new DomainError("webinars:validation.organizationsRequired", {}, { field: "organizationIds" });
    for (const { id } of found) await tx.webinarAudienceOrganization.create({ data: { webinarId, organizationId: id } });
  }
}

/** A new webinar, as a draft (publish makes it visible). */
export async function createWebinar(input: WebinarInput, actorId: string, meta: AuditMeta) {
  return db.$transaction(async (tx) => {
    const webinar = await tx.webinar.create({
      data: { ...columns(input), slug: await uniqueSlug(tx, input.title), roomName: `webinar-${randomBytes(9).toString("base64url")}`, createdById: actorId },
    });
    await writeAudience(tx, webinar.id, input);
    await recordAudit({ actorId, action: "webinar.create", targetType: "Webinar", targetId: webinar.id, summary: `Creato il webinar «${webinar.title}»`, ipAddress: meta.ipAddress }, tx);
    return webinar;
  });
}

/**
 * Saves the form. A change of start or duration on a published webinar is a move: icsSequence
 * rises and every registrant (and waitlisted person) gets the updated invitation. A larger
 * capacity promotes people from the waitlist.
 */
export async function updateWebinar(webinarId: string, input: WebinarInput, actorId: string, meta: AuditMeta) {
  const result = await db.$transaction(async (tx) => {
    const before = await tx.webinar.findUnique({ where: { id: webinarId } });
    if (!before) throw new DomainError("errors.notFoundText", {}, { status: 404 });
    if (before.status === "CANCELLED" || before.status === "ENDED") throw new DomainError("webinars:errors.closed", {}, { status: 409 });
    if (input.capacity !== undefined && input.capacity < before.registeredCount) {
      throw new DomainError("webinars:validation.capacityBelowRegistered", { count: before.registeredCount }, { field: "capacity" });
    }
    const moved = before.status !== "DRAFT" && (before.startsAt.getTime() !== input.startsAt.getTime() || before.durationMinutes !== input.durationMinutes);
    const webinar = await tx.webinar.update({
      where: { id: webinarId },
      data: { ...columns(input), ...(moved ? { icsSequence: { increment: 1 } } : {}) },
    });
    await writeAudience(tx, webinarId, input);
    if (moved) {
      // Reminders follow the new time.
      await tx.webinarRegistration.updateMany({ where: { webinarId }, data: { reminder24hAt: null, reminder1hAt: null } });
      await notifyRegistrants(tx, webinar, "moved");
    }
    const promoted = webinar.status === "SCHEDULED" || webinar.status === "LIVE" ? await promoteWaitlisted(tx, webinarId) : 0;
    await recordAudit(
      {
        actorId,
        action: moved ? "webinar.move" : "webinar.update",
        targetType: "Webinar",
        targetId: webinarId,
        summary: moved ? `Spostato il webinar «${webinar.title}» al ${webinar.startsAt.toISOString()}` : `Modificato il webinar «${webinar.title}»`,
        details: { moved, promoted, from: before.startsAt.toISOString(), to: webinar.startsAt.toISOString() },
        ipAddress: meta.ipAddress,
      },
      tx,
    );
    return { webinar, moved };
  });
  kickWorker();
  await webinarChanged(webinarId);
  return result;
}

/** Draft -> scheduled: the webinar appears in the catalogue and registration opens. */
export async function publishWebinar(webinarId: string, actorId: string, meta: AuditMeta) {
  const published = await db.$transaction(async (tx) => {
    const { count } = await tx.webinar.updateMany({ where: { id: webinarId, status: "DRAFT" }, data: { status: "SCHEDULED" } });
    if (count === 0) throw new DomainError("webinars:errors.notDraft", {}, { status: 409 });
    const webinar = await tx.webinar.findUniqueOrThrow({ where: { id: webinarId } });
    await recordAudit({ actorId, action: "webinar.publish", targetType: "Webinar", targetId: webinarId, summary: `Pubblicato il webinar «${webinar.title}»`, ipAddress: meta.ipAddress }, tx);
    return webinar;
  });
  await webinarChanged(webinarId);
  return published;
}

/** Cancels the webinar with a reason; registrants and waitlisted people get METHOD:CANCEL. */
export async function cancelWebinar(webinarId: string, reason: string, actorId: string, meta: AuditMeta) {
  const webinar = await db.$transaction(async (tx) => {
    const { count } = await tx.webinar.updateMany({
      where: { id: webinarId, status: { in: ["DRAFT", "SCHEDULED"] } },
      data: { status: "CANCELLED", cancelledAt: new Date(), cancelReason: reason, icsSequence: { increment: 1 } },
    });
    if (count === 0) throw new DomainError("webinars:errors.notCancellable", {}, { status: 409 });
    const webinar = await tx.webinar.findUniqueOrThrow({ where: { id: webinarId } });
    await notifyRegistrants(tx, webinar, "cancelled");
    await recordAudit(
      { actorId, action: "webinar.cancel", targetType: "Webinar", targetId: webinarId, summary: `Annullato il webinar «${webinar.title}»: ${reason}`, ipAddress: meta.ipAddress },
      tx,
    );
    return webinar;
  });
  kickWorker();
  await webinarChanged(webinarId);
  return webinar;
}

/** Gives an account (found by email) a role on this webinar. */
export async function addRole(webinarId: string, email: string, role: WebinarRoleKind, actorId: string, meta: AuditMeta) {
  const added = await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email }, select: { id: true, name: true, disabledAt: true } });
    if (!user || user.disabledAt) throw new DomainError("webinars:errors.noSuchAccount", { email }, { field: "email" });
    const existing = await tx.webinarRole.findUnique({ where: { webinarId_userId_role: { webinarId, userId: user.id, role } } });
    if (existing) throw new DomainError("webinars:errors.roleExists", { name: user.name }, { field: "email", status: 409 });
    await tx.webinarRole.create({ data: { webinarId, userId: user.id, role } });
    await recordAudit(
      { actorId, action: "webinar.role_add", targetType: "Webinar", targetId: webinarId, summary: `Ruolo ${role} dato a ${email}`, details: { userId: user.id, role }, ipAddress: meta.ipAddress },
      tx,
    );
    return user;
  });
  // The live page holds each webinar's roles for a moment: every process reads them afresh.
  await webinarChanged(webinarId);
  return added;
}

export async function removeRole(webinarId: string, userId: string, role: WebinarRoleKind, actorId: string, meta: AuditMeta) {
  await db.$transaction(async (tx) => {
    const { count } = await tx.webinarRole.deleteMany({ where: { webinarId, userId, role } });
    if (count === 0) throw new DomainError("errors.notFoundText", {}, { status: 404 });
    await recordAudit(
      { actorId, action: "webinar.role_remove", targetType: "Webinar", targetId: webinarId, summary: `Ruolo ${role} tolto`, details: { userId, role }, ipAddress: meta.ipAddress },
      tx,
    );
  });
  await webinarChanged(webinarId);
}

export const MATERIAL_MAX_BYTES = 50 * 1024 * 1024;
export const MATERIAL_KINDS = ["pdf", "pptx", "odp", "docx", "odt", "xlsx", "ods", "png", "jpeg", "txt", "csv"] as const;
export const MATERIAL_PREFIX = "webinars/materials";

export async function addMaterial(
  webinarId: string,
  file: { key: string; name: string; contentType: string; size: number },
  title: string | undefined,
  actorId: string,
  meta: AuditMeta,
) {
  try {
    return await db.$transaction(async (tx) => {
      const material = await tx.webinarMaterial.create({
        data: { webinarId, title: title ?? file.name, storageKey: file.key, fileName: file.name, contentType: file.contentType, size: file.size, uploadedById: actorId },
      });
      await recordAudit(
        { actorId, action: "webinar.material_add", targetType: "Webinar", targetId: webinarId, summary: `Caricato il materiale «${file.name}»`, details: { materialId: material.id }, ipAddress: meta.ipAddress },
        tx,
      );
      return material;
    });
  } catch (error) {
    await storage().delete(file.key);
    throw error;
  }
}

export async function deleteMaterial(webinarId: string, materialId: string, actorId: string, meta: AuditMeta) {
  const material = await db.$transaction(async (tx) => {
    const material = await tx.webinarMaterial.findFirst({ where: { id: materialId, webinarId } });
    if (!material) throw new DomainError("errors.notFoundText", {}, { status: 404 });
    await tx.webinarMaterial.delete({ where: { id: material.id } });
    await recordAudit(
      { actorId, action: "webinar.material_delete", targetType: "Webinar", targetId: webinarId, summary: `Eliminato il materiale «${material.fileName}»`, ipAddress: meta.ipAddress },
      tx,
    );
    return material;
  });
  await storage().delete(material.storageKey);
}

export function materialOf(webinarId: string, materialId: string) {
  return db.webinarMaterial.findFirst({ where: { id: materialId, webinarId } });
}

/** Everything the edit page shows. */
export async function webinarForEdit(webinarId: string) {
  return db.webinar.findUnique({
    where: { id: webinarId },
    include: {
      audienceKits: true,
      audienceOrganizations: true,
      roles: { include: { user: { select: { id: true, name: true, email: true } } }, orderBy: [{ role: "asc" }] },
      materials: { orderBy: { createdAt: "asc" } },
      _count: { select: { registrations: { where: { status: "WAITLISTED" } } } },
    },
  });
}

export function organizationChoices() {
  return db.organization.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" }, take: 2000 });
}

export function webinarIdBySlug(slug: string) {
  return db.webinar.findUnique({ where: { slug }, select: { id: true, slug: true, status: true } });
}

// ---- online lab sessions (issue 14) -------------------------------------------------------------------
// An ONLINE lab session runs in a webinar room of its own: a webinar row with `labId`, scheduled at
// once (no draft: the session is already announced to the lab), with no audience by its columns
// (ORGANIZATIONS, none invited) so that only the lab rule admits anyone, and the lab's tutors as its
// hosts. Nobody registers for it (no capacity), so changes notify no one here: the lab's calendar
// and digest carry the session itself.

export type LabWebinarFields = { title: string; startsAt: Date; durationMinutes: number };

/** The lab's tutors as the room's hosts, in place of whatever hosts it had. */
export async function syncLabWebinarHosts(tx: Tx, labId: string, webinarIds?: string[]) {
  const webinars = await tx.webinar.findMany({ where: { labId, status: { in: ["DRAFT", "SCHEDULED", "LIVE"] }, ...(webinarIds ? { id: { in: webinarIds } } : {}) }, select: { id: true } });
  if (!webinars.length) return;
  const tutors = await tx.labTutor.findMany({ where: { labId }, select: { userId: true } });
  for (const { id } of webinars) {
    await tx.webinarRole.deleteMany({ where: { webinarId: id, role: "HOST", userId: { notIn: tutors.map((t) => t.userId) } } });
    const present = new Set((await tx.webinarRole.findMany({ where: { webinarId: id, role: "HOST" }, select: { userId: true } })).map((r) => r.userId));
    for (const { userId } of tutors) if (!present.has(userId)) await tx.webinarRole.create({ data: { webinarId: id, userId, role: "HOST" } });
  }
}

/**
 * After a transaction changed a lab's rooms (hosts, schedule, cancellation): the live page's held
 * copies of them are dropped on every process (live/held.server.ts), as for any webinar change.
 */
export async function labRoomsChanged(labId: string) {
  const rooms = await db.webinar.findMany({ where: { labId }, select: { id: true } });
  for (const { id } of rooms) await webinarChanged(id);
}

/** The room of a new (or newly online) lab session, in the caller's transaction. */
export async function createLabWebinar(tx: Tx, labId: string, fields: LabWebinarFields, actorId: string) {
  const webinar = await tx.webinar.create({
    data: {
      ...fields,
      description: "",
      status: "SCHEDULED",
      audience: "ORGANIZATIONS",
      capacity: null,
      labId,
      slug: await uniqueSlug(tx, fields.title),
      roomName: `lab-${randomBytes(9).toString("base64url")}`,
      createdById: actorId,
    },
  });
  await syncLabWebinarHosts(tx, labId, [webinar.id]);
  return webinar;
}

/** The session's title or time changed: the room follows (a move raises the calendar sequence). */
export async function updateLabWebinar(tx: Tx, webinarId: string, fields: LabWebinarFields) {
  const before = await tx.webinar.findUnique({ where: { id: webinarId }, select: { startsAt: true, durationMinutes: true, status: true } });
  if (!before || before.status === "CANCELLED" || before.status === "ENDED") return;
  const moved = before.startsAt.getTime() !== fields.startsAt.getTime() || before.durationMinutes !== fields.durationMinutes;
  await tx.webinar.update({ where: { id: webinarId }, data: { ...fields, ...(moved ? { icsSequence: { increment: 1 } } : {}) } });
}

/** The session was deleted or went in person: its room closes (the row and its attendance stay). */
export async function cancelLabWebinar(tx: Tx, webinarId: string, reason: string) {
  await tx.webinar.updateMany({
    where: { id: webinarId, status: { in: ["DRAFT", "SCHEDULED", "LIVE"] } },
    data: { status: "CANCELLED", cancelledAt: new Date(), cancelReason: reason, icsSequence: { increment: 1 } },
  });
}
