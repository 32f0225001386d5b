// Organizations (municipalities, unions, valley communities) and their two-level hierarchy.
//
// Hierarchy rule: one level only. A member organization's parent must be a top-level
// organization that may group others (not a municipality), and an organization that has
// members cannot itself join a parent. That is how unions and valley communities work in
// Italy, it makes cycles impossible by construction, and it keeps "the enrolment's seats are
// shared by the enrolled organization and its children" a single, unambiguous set.
import type { Prisma } from "~/generated/sqlite/client.ts";
import { db, databaseKind } from "~/lib/db.server.ts";
import { publishAccessChanged } from "~/lib/events/sse.server.ts";
import { recordAudit, type AuditMeta } from "~/modules/audit/audit.server.ts";
import { DomainError } from "~/lib/domain-error.ts";
import { isUniqueViolation } from "~/lib/prisma-errors.ts";
import { mayHaveChildren, type OrganizationKind } from "./kinds.ts";
import type { OrganizationInput } from "./validation.ts";

export const PAGE_SIZE = 25;

type Client = Prisma.TransactionClient | typeof db;

/** Text search that ignores case on both databases (SQLite's LIKE already does for ASCII). */
export function containsText(value: string) {
  return databaseKind() === "postgres" ? { contains: value, mode: "insensitive" as const } : { contains: value };
}

const CURRENT_ENROLMENT = { status: { in: ["ACTIVE", "PENDING"] } } satisfies Prisma.EnrolmentWhereInput;

export async function listOrganizations({ q, page }: { q?: string; page: number }) {
  const term = q?.trim().slice(0, 100);
  const where: Prisma.OrganizationWhereInput = term
    ? { OR: [{ name: containsText(term) }, { ipaCode: containsText(term.toLowerCase()) }, { province: containsText(term.toUpperCase()) }] }
    : {};
  const total = await db.organization.count({ where });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const organizations = await db.organization.findMany({
    where,
    orderBy: [{ name: "asc" }, { id: "asc" }],
    skip: (current - 1) * PAGE_SIZE,
    take: PAGE_SIZE,
    select: {
      id: true, name: true, kind: true, ipaCode: true, province: true,
      parent: { select: { id: true, name: true, enrolments: { where: CURRENT_ENROLMENT, select: { kit: true, status: true }, orderBy: { startsAt: "asc" } } } },
      _count: { select: { members: true, children: true } },
      enrolments: { where: CURRENT_ENROLMENT, select: { kit: true, status: true }, orderBy: { startsAt: "asc" } },
    },
  });
  // A municipality without its own enrolment is covered by its union's (the hierarchy has one
  // level): the list names that one, and through whom, instead of "—".
  return {
    organizations: organizations.map(({ enrolments, parent, ...organization }) => ({
      ...organization,
      parent: parent ? { id: parent.id, name: parent.name } : null,
      kits: enrolments.length
        ? enrolments.map((enrolment) => ({ ...enrolment, via: null as string | null }))
        : (parent?.enrolments ?? []).map((enrolment) => ({ ...enrolment, via: parent!.name })),
    })),
    total,
    page: current,
    pages,
  };
}

export function getOrganization(id: string) {
  return db.organization.findUnique({ where: { id } });
}

export async function getOrganizationDetail(id: string) {
  return db.organization.findUnique({
    where: { id },
    include: {
      parent: { select: { id: true, name: true } },
      children: { select: { id: true, name: true, kind: true, ipaCode: true }, orderBy: { name: "asc" } },
      members: {
        select: { id: true, name: true, email: true, isOrganizationManager: true, disabledAt: true, jobTitle: true },
        orderBy: { name: "asc" },
      },
      enrolments: { orderBy: { startsAt: "desc" } },
      _count: { select: { invitations: true } },
    },
  });
}

/** Organizations that may be chosen as parent of `forId` (top-level, able to group others). */
export function parentCandidates(forId?: string) {
  return db.organization.findMany({
    where: { parentId: null, kind: { not: "MUNICIPALITY" }, ...(forId ? { id: { not: forId } } : {}) },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}

/** Refuses a parent that would break the one-level hierarchy (see the top of this file). */
export async function checkHierarchy(
  client: Client,
  { id, kind, parentId }: { id?: string; kind: OrganizationKind; parentId?: string | null },
) {
  if (id) {
    const childCount = await client.organization.count({ where: { parentId: id } });
    if (childCount > 0 && !mayHaveChildren(kind)) throw new DomainError("org:errors.kindWithChildren", { count: childCount }, { field: "kind" });
    if (parentId && childCount > 0) throw new DomainError("org:errors.parentHasChildren", { count: childCount }, { field: "parentId" });
  }
  if (!parentId) return;
  if (parentId === id) throw new DomainError("org:errors.parentSelf", {}, { field: "parentId" });
  const parent = await client.organization.findUnique({ where: { id: parentId }, select: { name: true, kind: true, parentId: true } });
  if (!parent) throw new DomainError("org:errors.parentUnknown", {}, { field: "parentId" });
  if (parent.parentId) throw new DomainError("org:errors.parentIsChild", { parent: parent.name }, { field: "parentId" });
  if (!mayHaveChildren(parent.kind)) throw new DomainError("org:errors.parentIsMunicipality", { parent: parent.name }, { field: "parentId" });
}

function dataFrom(input: OrganizationInput) {
  return {
    name: input.name,
    kind: input.kind,
    parentId: input.parentId ?? null,
    ipaCode: input.ipaCode ?? null,
    taxCode: input.taxCode ?? null,
    province: input.province ?? null,
    contactName: input.contactName ?? null,
    contactEmail: input.contactEmail ?? null,
    contactPhone: input.contactPhone ?? null,
  };
}

function duplicateIpa(input: OrganizationInput) {
  return new DomainError("org:errors.ipaTaken", { code: input.ipaCode ?? "" }, { field: "ipaCode" });
}

export async function createOrganization(input: OrganizationInput, actorId: string, meta: AuditMeta = {}) {
  await checkHierarchy(db, { kind: input.kind, parentId: input.parentId });
  try {
    const organization = await db.organization.create({ data: dataFrom(input) });
    await recordAudit({
      ipAddress: meta.ipAddress,
      actorId,
      action: "organization.create",
      targetType: "Organization",
      targetId: organization.id,
      summary: `Creata l'organizzazione ${organization.name}`,
    });
    return organization;
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateIpa(input);
    throw error;
  }
}

export async function updateOrganization(id: string, input: OrganizationInput, actorId: string, meta: AuditMeta = {}) {
  const before = await db.organization.findUnique({ where: { id } });
  if (!before) throw new DomainError("org:errors.notFound");
  await checkHierarchy(db, { id, kind: input.kind, parentId: input.parentId });
  try {
    const organization = await db.organization.update({ where: { id }, data: dataFrom(input) });
    const changed = (Object.keys(dataFrom(input)) as (keyof ReturnType<typeof dataFrom>)[]).filter((key) => before[key] !== organization[key]);
    // A new parent union changes whose enrolments cover its members (held access, live streams).
    if (changed.includes("parentId")) await publishAccessChanged();
    await recordAudit({
      ipAddress: meta.ipAddress,
      actorId,
      action: "organization.update",
      targetType: "Organization",
      targetId: id,
      summary: `Modificata l'organizzazione ${organization.name}`,
      details: { changed },
    });
    return organization;
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateIpa(input);
    throw error;
  }
}

/** What stops an organization from being deleted (members, member organizations, enrolments). */
export async function deletionBlockers(id: string) {
  const counts = await db.organization.findUnique({
    where: { id },
    select: { _count: { select: { members: true, children: true, enrolments: true, invitations: true } } },
  });
  if (!counts) return null;
  const { members, children, enrolments, invitations } = counts._count;
  return { members, children, enrolments, invitations, blocked: members + children + enrolments > 0 };
}

/**
 * Deletes an organization that has no members, member organizations or enrolments (their
 * history must stay). Its invitations, which nobody can accept without the organization, go too.
 */
export async function deleteOrganization(id: string, actorId: string, meta: AuditMeta = {}) {
  const organization = await db.organization.findUnique({ where: { id }, select: { name: true } });
  if (!organization) throw new DomainError("org:errors.notFound");
  await db.$transaction(async (tx) => {
    // Counted inside the transaction, so a member added meanwhile stops the deletion.
    const counts = await tx.organization.findUniqueOrThrow({
      where: { id },
      select: { _count: { select: { members: true, children: true, enrolments: true } } },
    });
    const { members, children, enrolments } = counts._count;
    if (members + children + enrolments > 0) throw new DomainError("org:errors.deleteBlocked", { members, children, enrolments });
    await tx.invitation.deleteMany({ where: { organizationId: id } });
    await tx.organization.delete({ where: { id } });
  });
  await recordAudit({
    ipAddress: meta.ipAddress,
    actorId,
    action: "organization.delete",
    targetType: "Organization",
    targetId: id,
    summary: `Eliminata l'organizzazione ${organization.name}`,
  });
  return organization;
}
