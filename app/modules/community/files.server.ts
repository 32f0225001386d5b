// The community's file area (issue 11): folders with the forum's visibility (one rule,
// access/community.ts `seesSpace`), files uploaded through the platform's streaming path, new
// versions with their history, a per-organization quota, soft delete and restore by admins.
// Anything one may not see answers 404, whether its id comes from a URL or a form field.
import { db, databaseKind } from "~/lib/db.server.ts";
import { env } from "~/lib/env.server.ts";
import { notFound } from "~/lib/http.server.ts";
import { storage } from "~/lib/storage/storage.server.ts";
import { formatBytes, type FileKind } from "~/lib/uploads/file-kinds.ts";
import { readUploadToStorage, type UploadProblem } from "~/lib/uploads/upload.server.ts";
import type { Prisma } from "~/generated/sqlite/client.ts";
import type { SessionUser } from "~/modules/auth/session.server.ts";
import { recordAudit, type AuditMeta } from "~/modules/audit/audit.server.ts";
import { enforceVisible, type CommunityViewer } from "./access.server.ts";
import { visibleSpaces, type FileItem, type SpaceItem } from "./access-types.ts";
import { isStaff } from "./roles.ts";

/** PDF, office documents (ODF, OOXML), images, CSV and plain text, ZIP archives: each checked by its first bytes. */
export const FILE_AREA_KINDS: readonly FileKind[] = ["pdf", "odt", "ods", "odp", "docx", "xlsx", "pptx", "png", "jpeg", "gif", "webp", "csv", "txt", "zip"];
const MB = 1024 * 1024;
export const filesMaxBytes = () => env().FILES_UPLOAD_MAX_MB * MB;
export const orgQuotaBytes = () => env().FILES_ORG_QUOTA_MB * MB;

// ---- folders ---------------------------------------------------------------------------------------

export type FolderInput = { name: string; description: string; visibility: "COMMUNITY" | "STAFF" | "LAB"; labId: string | null; position: number };

/** A Prisma filter over folders matching the visibility rule; null when nothing is visible. */
function visibleFolderWhere(viewer: CommunityViewer): Prisma.CommunityFolderWhereInput | null {
  const spaces = visibleSpaces(viewer.user, viewer.reach);
  if (!spaces) return null;
  if (spaces.all) return {};
  const or: Prisma.CommunityFolderWhereInput[] = [{ visibility: "COMMUNITY" }];
  if (spaces.labIds.length) or.push({ visibility: "LAB", labId: { in: spaces.labIds } });
  return { OR: or };
}

const folderSelect = { id: true, parentId: true, name: true, description: true, visibility: true, labId: true, position: true } as const;

/** The folders one sees under `parentId` (null: the top level). */
export async function listFolders(viewer: CommunityViewer, parentId: string | null) {
  const where = visibleFolderWhere(viewer);
  if (!where) return [];
  const folders = await db.communityFolder.findMany({
    where: { AND: [where, { parentId }] },
    orderBy: [{ position: "asc" }, { name: "asc" }],
    select: { ...folderSelect, _count: { select: { files: { where: { deletedAt: null } } } } },
  });
  return folders.map(({ _count, ...folder }) => ({ ...folder, fileCount: _count.files }));
}

const spaceOf = (viewer: CommunityViewer, folder: { visibility: string; labId: string | null }): SpaceItem => ({ visibility: folder.visibility, labId: folder.labId, reach: viewer.reach });

/** A folder one may see, with its parent (404 otherwise, whether the id came from a URL or a form). */
export async function loadFolder(viewer: CommunityViewer, id: string | null | undefined) {
  const folder = id ? await db.communityFolder.findUnique({ where: { id }, select: { ...folderSelect, parent: { select: { id: true, name: true } } } }) : null;
  if (!folder) throw notFound("community:errors.notFound");
  const item = spaceOf(viewer, folder);
  enforceVisible(viewer, "community.space.view", item);
  return { folder, item };
}

/** Creates a folder; a subfolder (one level only) takes its parent's visibility and lab. */
export async function createFolder(actor: SessionUser, input: FolderInput, parent: { id: string; visibility: string; labId: string | null; parentId: string | null } | null, meta: AuditMeta = {}) {
  if (parent?.parentId) throw new Error("Folders nest one level only");
  const data = parent
    ? { ...input, parentId: parent.id, visibility: parent.visibility as FolderInput["visibility"], labId: parent.labId }
    : { ...input, labId: input.visibility === "LAB" ? input.labId : null };
  return db.$transaction(async (tx) => {
    const folder = await tx.communityFolder.create({ data });
    await recordAudit({ actorId: actor.id, action: "community.folder_create", targetType: "CommunityFolder", targetId: folder.id, summary: `Creata la cartella «${folder.name}» (${folder.visibility})`, ipAddress: meta.ipAddress }, tx);
    return folder;
  });
}

/**
 * Saves a folder's name, description and order; for a top-level folder also its visibility and
 * lab, which its subfolders follow (a subfolder always has its parent's visibility).
 */
export async function updateFolder(actor: SessionUser, folder: { id: string; parentId: string | null; name: string }, input: FolderInput, meta: AuditMeta = {}) {
  const common = { name: input.name, description: input.description, position: input.position };
  const space = { visibility: input.visibility, labId: input.visibility === "LAB" ? input.labId : null };
  await db.$transaction(async (tx) => {
    const saved = await tx.communityFolder.update({ where: { id: folder.id }, data: folder.parentId ? common : { ...common, ...space } });
    if (!folder.parentId) await tx.communityFolder.updateMany({ where: { parentId: folder.id }, data: space });
    const renamed = saved.name !== folder.name ? ` (era «${folder.name}»)` : "";
    await recordAudit({ actorId: actor.id, action: "community.folder_update", targetType: "CommunityFolder", targetId: folder.id, summary: `Modificata la cartella «${saved.name}»${renamed}: ${saved.visibility}`, ipAddress: meta.ipAddress }, tx);
  });
}

export type FolderDeleteOutcome = { ok: true; parentId: string | null } | { ok: false; problem: { key: string; values: Record<string, number> } };

/**
 * Deletes a folder that holds nothing: no subfolder and no file, not even a deleted one waiting
 * for the purge (admins may still restore it into this folder). Otherwise 409 with what is left.
 */
export async function deleteFolder(actor: SessionUser, folder: { id: string; parentId: string | null; name: string }, meta: AuditMeta = {}): Promise<FolderDeleteOutcome> {
  return db.$transaction(async (tx) => {
    const [folders, files, deleted] = await Promise.all([
      tx.communityFolder.count({ where: { parentId: folder.id } }),
      tx.communityFile.count({ where: { folderId: folder.id, deletedAt: null } }),
      tx.communityFile.count({ where: { folderId: folder.id, deletedAt: { not: null } } }),
    ]);
    if (folders + files + deleted > 0) return { ok: false as const, problem: { key: "files:errors.folderNotEmpty", values: { folders, files, deleted } } };
    await tx.communityFolder.delete({ where: { id: folder.id } });
    await recordAudit({ actorId: actor.id, action: "community.folder_delete", targetType: "CommunityFolder", targetId: folder.id, summary: `Eliminata la cartella vuota «${folder.name}»`, ipAddress: meta.ipAddress }, tx);
    return { ok: true as const, parentId: folder.parentId };
  });
}

// ---- files -----------------------------------------------------------------------------------------

/** The live files of a folder, newest first, with their latest version. */
export async function listFiles(folderId: string) {
  const files = await db.communityFile.findMany({
    where: { folderId, deletedAt: null },
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    take: 500,
    select: {
      id: true, name: true, versionCount: true, updatedAt: true, author: { select: { name: true } },
      versions: { orderBy: { number: "desc" }, take: 1, select: { number: true, size: true, contentType: true } },
    },
  });
  return files.map(({ versions, ...file }) => ({ ...file, latest: versions[0] ? { ...versions[0], size: Number(versions[0].size) } : null }));
}

/** A file one may see (a deleted one only for admins), with its folder and every version. */
export async function loadFile(viewer: CommunityViewer, id: string | null | undefined) {
  const file = id
    ? await db.communityFile.findUnique({
        where: { id },
        select: {
          id: true, name: true, authorId: true, versionCount: true, deletedAt: true, createdAt: true,
          author: { select: { name: true } },
          folder: { select: { id: true, name: true, visibility: true, labId: true, parent: { select: { id: true, name: true } } } },
          versions: { orderBy: { number: "desc" }, select: { id: true, number: true, fileName: true, contentType: true, size: true, storageKey: true, createdAt: true, uploadedBy: { select: { name: true } } } },
        },
      })
    : null;
  if (!file) throw notFound("community:errors.notFound");
  const item: FileItem = { ...spaceOf(viewer, file.folder), authorId: file.authorId, deleted: Boolean(file.deletedAt) };
  enforceVisible(viewer, "community.file.view", item);
  return { file, item };
}

/** Bytes kept by an organization's members: every version of the files that are not deleted. */
export async function usedBytes(organizationId: string, client: Pick<typeof db, "communityFileVersion"> = db): Promise<number> {
  const sum = await client.communityFileVersion.aggregate({ where: { organizationId, file: { deletedAt: null } }, _sum: { size: true } });
  return Number(sum._sum.size ?? 0);
}

/** The quota line for the person's organization (null for staff and people without one). */
export async function quotaOf(user: SessionUser) {
  const organizationId = quotaOrganization(user);
  if (!organizationId) return null;
  return { used: await usedBytes(organizationId), limit: orgQuotaBytes() };
}

/** Staff uploads count to no organization. */
function quotaOrganization(user: SessionUser): string | null {
  return isStaff(user) ? null : user.organizationId;
}

class QuotaExceeded extends Error {
  constructor(readonly problem: UploadProblem) {
    super(problem.key);
  }
}

export type FileUploadOutcome = { ok: true; fileId: string; number: number } | { ok: false; problem: UploadProblem; fields: Record<string, string> };

/** A display name: no bidirectional controls (which can disguise an extension), no leading dots. */
export function cleanFileName(name: string) {
  return name
    .normalize("NFC")
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .replace(/^[.\s]+/, "")
    .trim()
    .slice(0, 200);
}

/**
 * Streams the upload into storage (size limit, kind by content), then, in one transaction,
 * checks the organization's quota and records a new file in `target.folderId` or a new version
 * of `target.fileId`. Whatever is refused leaves nothing in storage.
 */
export async function uploadToFileArea(request: Request, user: SessionUser, target: { folderId: string } | { fileId: string }, meta: AuditMeta = {}): Promise<FileUploadOutcome> {
  const form = await readUploadToStorage(request, { storage: storage(), keyPrefix: "community/files", maxBytes: filesMaxBytes(), kinds: FILE_AREA_KINDS, field: "file" });
  if (!form.ok) return form;
  const uploaded = form.file;
  if (!uploaded) return { ok: false, problem: { status: 400, key: "uploads:errors.noFile" }, fields: form.fields };
  const fileName = cleanFileName(uploaded.name);
  const organizationId = quotaOrganization(user);
  try {
    const saved = await db.$transaction(async (tx) => {
      if (organizationId) {
        // One upload at a time per organization decides against the quota (SQLite serializes writers).
        if (databaseKind() === "postgres") await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`community-files:${organizationId}`}))`;
        const used = await usedBytes(organizationId, tx);
        const limit = orgQuotaBytes();
        if (used + uploaded.size > limit) {
          throw new QuotaExceeded({ status: 413, key: "files:errors.quota", values: { used: formatBytes(used), limit: formatBytes(limit), size: formatBytes(uploaded.size) } });
        }
      }
      let fileId: string;
      let number: number;
      if ("folderId" in target) {
        const file = await tx.communityFile.create({ data: { folderId: target.folderId, name: fileName, authorId: user.id, versionCount: 1 } });
        fileId = file.id;
        number = 1;
      } else {
        // The row's UPDATE hands out the number (concurrent versions never share one).
        const file = await tx.communityFile.update({ where: { id: target.fileId }, data: { versionCount: { increment: 1 }, name: fileName } });
        fileId = file.id;
        number = file.versionCount;
      }
      await tx.communityFileVersion.create({
        data: { fileId, number, storageKey: uploaded.key, fileName, contentType: uploaded.contentType, size: BigInt(uploaded.size), uploadedById: user.id, organizationId },
      });
      await recordAudit(
        {
          actorId: user.id, action: number === 1 ? "community.file_upload" : "community.file_version", targetType: "CommunityFile", targetId: fileId,
          summary: number === 1 ? `Caricato il file «${fileName}» (${formatBytes(uploaded.size)})` : `Caricata la versione ${number} del file «${fileName}» (${formatBytes(uploaded.size)})`,
          ipAddress: meta.ipAddress,
        },
        tx,
      );
      return { fileId, number };
    });
    return { ok: true, ...saved };
  } catch (error) {
    await storage().delete(uploaded.key).catch(() => undefined);
    if (error instanceof QuotaExceeded) return { ok: false, problem: error.problem, fields: form.fields };
    throw error;
  }
}

/** Soft delete (the author or staff): the file leaves its folder and stops counting to the quota. */
export async function deleteFile(actor: SessionUser, file: { id: string; name: string }, meta: AuditMeta = {}) {
  await db.$transaction(async (tx) => {
    await tx.communityFile.update({ where: { id: file.id }, data: { deletedAt: new Date(), deletedById: actor.id } });
    await recordAudit({ actorId: actor.id, action: "community.file_delete", targetType: "CommunityFile", targetId: file.id, summary: `Eliminato il file «${file.name}»`, ipAddress: meta.ipAddress }, tx);
  });
}

/**
 * Restore by an admin. The restored versions count to their organizations again: restoring is
 * refused when that would take an organization past its quota.
 */
export async function restoreFile(actor: SessionUser, fileId: string, meta: AuditMeta = {}): Promise<{ ok: true } | { ok: false; problem: UploadProblem }> {
  try {
    await db.$transaction(async (tx) => {
      const file = await tx.communityFile.findUnique({ where: { id: fileId }, select: { id: true, name: true, deletedAt: true, versions: { select: { organizationId: true, size: true } } } });
      if (!file || !file.deletedAt) throw notFound("community:errors.notFound");
      const byOrganization = new Map<string, number>();
      for (const v of file.versions) if (v.organizationId) byOrganization.set(v.organizationId, (byOrganization.get(v.organizationId) ?? 0) + Number(v.size));
      for (const [organizationId, size] of byOrganization) {
        if (databaseKind() === "postgres") await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`community-files:${organizationId}`}))`;
        const used = await usedBytes(organizationId, tx);
        if (used + size > orgQuotaBytes()) throw new QuotaExceeded({ status: 413, key: "files:errors.quota", values: { used: formatBytes(used), limit: formatBytes(orgQuotaBytes()), size: formatBytes(size) } });
      }
      await tx.communityFile.update({ where: { id: file.id }, data: { deletedAt: null, deletedById: null } });
      await recordAudit({ actorId: actor.id, action: "community.file_restore", targetType: "CommunityFile", targetId: file.id, summary: `Ripristinato il file «${file.name}»`, ipAddress: meta.ipAddress }, tx);
    });
    return { ok: true };
  } catch (error) {
    if (error instanceof QuotaExceeded) return { ok: false, problem: error.problem };
    throw error;
  }
}

/** The deleted files (admins), most recently deleted first, with who deleted them. */
export async function deletedFiles() {
  const files = await db.communityFile.findMany({
    where: { deletedAt: { not: null } },
    orderBy: [{ deletedAt: "desc" }, { id: "asc" }],
    take: 500,
    select: { id: true, name: true, deletedAt: true, deletedById: true, versionCount: true, author: { select: { name: true } }, folder: { select: { id: true, name: true } } },
  });
  const deleterIds = [...new Set(files.map((f) => f.deletedById).filter((v): v is string => Boolean(v)))];
  const names = new Map((await db.user.findMany({ where: { id: { in: deleterIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  return files.map(({ deletedById, ...file }) => ({ ...file, deletedBy: deletedById ? (names.get(deletedById) ?? null) : null }));
}

// ---- purge ------------------------------------------------------------------------------------------

export const FILES_PURGE_JOB = "files.purge";

/**
 * Removes for good the files deleted more than FILES_PURGE_AFTER_DAYS days before `now`: their
 * rows (the versions go with the file) and their stored bytes, on disk or S3. One file per
 * transaction; the bytes are removed inside it, so a storage failure keeps that file's rows for the
 * next run (deleting a missing object is not an error) while the others go on; the run then fails
 * naming it, and the job is retried. A file restored meanwhile no longer matches and is left alone.
 * Returns the number of files purged.
 */
export async function purgeDeletedFiles(now = new Date(), days = env().FILES_PURGE_AFTER_DAYS): Promise<number> {
  const cutoff = new Date(now.getTime() - days * 24 * 3600 * 1000);
  let purged = 0;
  const failed = new Map<string, unknown>();
  for (;;) {
    const batch = await db.communityFile.findMany({ where: { deletedAt: { lt: cutoff }, id: { notIn: [...failed.keys()] } }, orderBy: { deletedAt: "asc" }, take: 100, select: { id: true } });
    if (!batch.length) break;
    for (const { id } of batch) {
      try {
        const gone = await db.$transaction(
          async (tx) => {
            const file = await tx.communityFile.findFirst({ where: { id, deletedAt: { lt: cutoff } }, select: { id: true, name: true, deletedAt: true, versions: { select: { storageKey: true } } } });
            if (!file) return false;
            await tx.communityFile.delete({ where: { id: file.id } });
            for (const version of file.versions) await storage().delete(version.storageKey);
            await recordAudit({ actorId: null, action: "community.file_purge", targetType: "CommunityFile", targetId: file.id, summary: `Cancellato definitivamente il file «${file.name}» (${file.versions.length} versioni), eliminato il ${file.deletedAt?.toISOString().slice(0, 10)}` }, tx);
            return true;
          },
          { timeout: 60_000 },
        );
        if (gone) purged++;
      } catch (error) {
        failed.set(id, error);
      }
    }
  }
  if (failed.size) throw new Error(`Purged ${purged} deleted files; ${failed.size} could not be removed (${[...failed.keys()].join(", ")}): ${String([...failed.values()][0])}`);
  return purged;
}
