// Labs: create and edit (admins), the cohort of organizations and the tutors (admins; tutors add
// organizations too), members (join, leave, added or removed by a tutor). Every change is audited.
// Creating a lab creates its LAB-visibility discussion category, seen by the lab only.
import { db } from "~/lib/db.server.ts";
import { romeDayEnd, romeDayStart } from "~/lib/dates.ts";
import { DomainError } from "~/lib/domain-error.ts";
import { recordAudit, type AuditMeta } from "~/modules/audit/audit.server.ts";
import { kitsGranting } from "~/modules/kits/catalogue.ts";
import type { Prisma } from "~/generated/sqlite/client.ts";
import { labRoomsChanged, syncLabWebinarHosts } from "~/modules/webinars/webinars.server.ts";
import type { LabInput } from "./forms.ts";

type Actor = { id: string };

function labData(input: LabInput) {
  return {
    title: input.title,
    description: input.description,
    startsAt: romeDayStart(input.startDay),
    endsAt: romeDayEnd(input.endDay),
    quietAfterDays: input.quietAfterDays,
    status: input.status,
  };
}

export async function createLab(actor: Actor, input: LabInput, meta: AuditMeta = {}) {
  return db.$transaction(async (tx) => {
    const lab = await tx.lab.create({ data: labData(input) });
    const category = await tx.communityCategory.create({ data: { name: input.title, description: "", visibility: "LAB", labId: lab.id, position: 100 } });
    await tx.lab.update({ where: { id: lab.id }, data: { categoryId: category.id } });
    await recordAudit({ actorId: actor.id, action: "lab.create", targetType: "Lab", targetId: lab.id, summary: `Creato il laboratorio «${input.title}»`, ipAddress: meta.ipAddress }, tx);
    return lab;
  });
}

export async function updateLab(actor: Actor, labId: string, input: LabInput, meta: AuditMeta = {}) {
  return db.$transaction(async (tx) => {
    const lab = await tx.lab.update({ where: { id: labId }, data: labData(input) });
    if (lab.categoryId) await tx.communityCategory.update({ where: { id: lab.categoryId }, data: { name: input.title } });
    await recordAudit({ actorId: actor.id, action: "lab.update", targetType: "Lab", targetId: labId, summary: `Modificato il laboratorio «${input.title}»`, ipAddress: meta.ipAddress }, tx);
    return lab;
  });
}

/** The lab page's data (people and cohort; sessions and activities are loaded by their own modules). */
export async function labDetail(labId: string) {
  return db.lab.findUnique({
    where: { id: labId },
    select: {
      id: true, title: true, description: true, startsAt: true, endsAt: true, quietAfterDays: true, status: true, categoryId: true,
      organizations: { select: { organization: { select: { id: true, name: true } } }, orderBy: { organization: { name: "asc" } } },
      tutors: { select: { user: { select: { id: true, name: true, email: true } } }, orderBy: { user: { name: "asc" } } },
      members: { select: { joinedAt: true, user: { select: { id: true, name: true, email: true, organization: { select: { name: true } } } } }, orderBy: { user: { name: "asc" } } },
    },
  });
}

/** Labs matching `where` (the visibility filter), newest period first. */
export async function listLabs(where: Prisma.LabWhereInput) {
  return db.lab.findMany({
    where,
    orderBy: [{ status: "asc" }, { startsAt: "desc" }],
    select: {
      id: true, title: true, startsAt: true, endsAt: true, status: true,
      organizations: { select: { organization: { select: { name: true } } } },
      _count: { select: { members: true } },
    },
  });
}

// ---- cohort ----------------------------------------------------------------------------------------

/** Organizations whose running enrolment grants "lab" (INTERMEDIATE, PLUS), not yet in the cohort. */
export async function eligibleOrganizations(labId: string, now = new Date()) {
  return db.organization.findMany({
    where: {
      enrolments: { some: { kit: { in: kitsGranting("lab") }, status: "ACTIVE", startsAt: { lte: now }, endsAt: { gt: now } } },
      labCohorts: { none: { labId } },
    },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}

export async function addOrganization(actor: Actor, labId: string, organizationId: string, meta: AuditMeta = {}) {
  const eligible = await eligibleOrganizations(labId);
  const organization = eligible.find((o) => o.id === organizationId);
  if (!organization) throw new DomainError("labs:errors.organizationNotEligible", {}, { field: "organizationId" });
  await db.$transaction(async (tx) => {
    await tx.labOrganization.create({ data: { labId, organizationId } });
    await recordAudit({ actorId: actor.id, action: "lab.organization_add", targetType: "Lab", targetId: labId, summary: `Aggiunto «${organization.name}» alla coorte`, ipAddress: meta.ipAddress }, tx);
  });
}

/** Removes an organization from the cohort; its people stay members only if another cohort organization covers them. */
export async function removeOrganization(actor: Actor, labId: string, organizationId: string, meta: AuditMeta = {}) {
  const row = await db.labOrganization.findUnique({ where: { labId_organizationId: { labId, organizationId } }, select: { organization: { select: { name: true } } } });
  if (!row) throw new DomainError("labs:errors.notInCohort", {}, { status: 404 });
  await db.$transaction(async (tx) => {
    await tx.labOrganization.delete({ where: { labId_organizationId: { labId, organizationId } } });
    const remaining = (await tx.labOrganization.findMany({ where: { labId }, select: { organizationId: true } })).map((r) => r.organizationId);
    const members = await tx.labMember.findMany({ where: { labId }, select: { userId: true, user: { select: { organizationId: true, organization: { select: { parentId: true } } } } } });
    const leaving = members.filter(({ user }) => !remaining.includes(user.organizationId ?? "") && !remaining.includes(user.organization?.parentId ?? "")).map((m) => m.userId);
    if (leaving.length) await tx.labMember.deleteMany({ where: { labId, userId: { in: leaving } } });
    await recordAudit({ actorId: actor.id, action: "lab.organization_remove", targetType: "Lab", targetId: labId, summary: `Tolto «${row.organization.name}» dalla coorte (${leaving.length} partecipanti usciti)`, ipAddress: meta.ipAddress }, tx);
  });
}

// ---- tutors ----------------------------------------------------------------------------------------

export async function tutorChoices(labId: string) {
  return db.user.findMany({ where: { role: "TUTOR", disabledAt: null, labRoles: { none: { labId } } }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}

export async function addTutor(actor: Actor, labId: string, userId: string, meta: AuditMeta = {}) {
  const tutor = (await tutorChoices(labId)).find((u) => u.id === userId);
  if (!tutor) throw new DomainError("labs:errors.notATutor", {}, { field: "userId" });
  await db.$transaction(async (tx) => {
    await tx.labTutor.create({ data: { labId, userId } });
    await syncLabWebinarHosts(tx, labId);
    await recordAudit({ actorId: actor.id, action: "lab.tutor_add", targetType: "Lab", targetId: labId, summary: `${tutor.name} è tutor del laboratorio`, ipAddress: meta.ipAddress }, tx);
  });
  await labRoomsChanged(labId);
}

export async function removeTutor(actor: Actor, labId: string, userId: string, meta: AuditMeta = {}) {
  const count = await db.labTutor.count({ where: { labId } });
  const row = await db.labTutor.findUnique({ where: { labId_userId: { labId, userId } }, select: { user: { select: { name: true } } } });
  if (!row) throw new DomainError("labs:errors.notATutor", {}, { status: 404 });
  if (count <= 1) throw new DomainError("labs:errors.lastTutor", {}, { status: 409 });
  await db.$transaction(async (tx) => {
    await tx.labTutor.delete({ where: { labId_userId: { labId, userId } } });
    await syncLabWebinarHosts(tx, labId);
    await recordAudit({ actorId: actor.id, action: "lab.tutor_remove", targetType: "Lab", targetId: labId, summary: `${row.user.name} non è più tutor del laboratorio`, ipAddress: meta.ipAddress }, tx);
  });
  await labRoomsChanged(labId);
}

// ---- members ---------------------------------------------------------------------------------------

/**
 * People a tutor may add: members (role MEMBER, active account) of a cohort organization or of a
 * municipality of a cohort union, whose organization's running enrolment grants "lab", not yet in.
 */
export async function memberChoices(labId: string, now = new Date()) {
  const cohort = (await db.labOrganization.findMany({ where: { labId }, select: { organizationId: true } })).map((r) => r.organizationId);
  if (!cohort.length) return [];
  const running = { some: { kit: { in: kitsGranting("lab") }, status: "ACTIVE" as const, startsAt: { lte: now }, endsAt: { gt: now } } };
  return db.user.findMany({
    where: {
      role: "MEMBER",
      disabledAt: null,
      labMemberships: { none: { labId } },
      OR: [
        { organizationId: { in: cohort }, organization: { OR: [{ enrolments: running }, { parent: { enrolments: running } }] } },
        { organization: { parentId: { in: cohort }, parent: { enrolments: running } } },
      ],
    },
    select: { id: true, name: true, organization: { select: { name: true } } },
    orderBy: { name: "asc" },
  });
}

export async function addMember(actor: Actor, labId: string, userId: string, meta: AuditMeta = {}) {
  const person = (await memberChoices(labId)).find((u) => u.id === userId);
  if (!person) throw new DomainError("labs:errors.notEligiblePerson", {}, { field: "userId" });
  await db.$transaction(async (tx) => {
    await tx.labMember.create({ data: { labId, userId, addedById: actor.id } });
    await recordAudit({ actorId: actor.id, action: "lab.member_add", targetType: "Lab", targetId: labId, summary: `${person.name} aggiunto al laboratorio`, ipAddress: meta.ipAddress }, tx);
  });
}

export async function removeMember(actor: Actor, labId: string, userId: string, meta: AuditMeta = {}) {
  const row = await db.labMember.findUnique({ where: { labId_userId: { labId, userId } }, select: { user: { select: { name: true } } } });
  if (!row) throw new DomainError("labs:errors.notAMember", {}, { status: 404 });
  await db.$transaction(async (tx) => {
    await tx.labMember.delete({ where: { labId_userId: { labId, userId } } });
    await recordAudit({ actorId: actor.id, action: "lab.member_remove", targetType: "Lab", targetId: labId, summary: `${row.user.name} tolto dal laboratorio`, ipAddress: meta.ipAddress }, tx);
  });
}

/** The member joins by themselves (the rule "lab.join" was checked by the route). */
export async function joinLab(actor: Actor, labId: string, meta: AuditMeta = {}) {
  await db.$transaction(async (tx) => {
    await tx.labMember.upsert({ where: { labId_userId: { labId, userId: actor.id } }, create: { labId, userId: actor.id }, update: {} });
    await recordAudit({ actorId: actor.id, action: "lab.join", targetType: "Lab", targetId: labId, summary: "Iscrizione al laboratorio", ipAddress: meta.ipAddress }, tx);
  });
}

export async function leaveLab(actor: Actor, labId: string, meta: AuditMeta = {}) {
  await db.$transaction(async (tx) => {
    await tx.labMember.deleteMany({ where: { labId, userId: actor.id } });
    await recordAudit({ actorId: actor.id, action: "lab.leave", targetType: "Lab", targetId: labId, summary: "Uscita dal laboratorio", ipAddress: meta.ipAddress }, tx);
  });
}
