// Lab activities: a tutor sets a task with a due date; each member hands in one submission (text
// and/or one file, kept by the platform's storage, content-checked, size-limited), which they may
// replace; a submission after the due date is marked late. The lab's tutors read every submission
// and comment; a member sees only their own, with the comment.
import { db } from "~/lib/db.server.ts";
import { romeLocalInstant } from "~/lib/dates.ts";
import { DomainError } from "~/lib/domain-error.ts";
import { storage } from "~/lib/storage/storage.server.ts";
import type { FileKind } from "~/lib/uploads/file-kinds.ts";
import type { StoredUpload } from "~/lib/uploads/upload.server.ts";
import { recordAudit, type AuditMeta } from "~/modules/audit/audit.server.ts";
import type { ActivityInput } from "./forms.ts";

export const SUBMISSION_PREFIX = "labs/submissions";
export const SUBMISSION_MAX_BYTES = 20 * 1024 * 1024;
export const SUBMISSION_KINDS: readonly FileKind[] = ["pdf", "docx", "odt", "xlsx", "ods", "pptx", "odp", "png", "jpeg", "txt"];

type Actor = { id: string };

export async function createActivity(actor: Actor, labId: string, input: ActivityInput, meta: AuditMeta = {}) {
  return db.$transaction(async (tx) => {
    const activity = await tx.labActivity.create({ data: { labId, title: input.title, description: input.description, dueAt: romeLocalInstant(input.dueDay, input.dueTime)! } });
    await recordAudit({ actorId: actor.id, action: "lab.activity_create", targetType: "Lab", targetId: labId, summary: `Creata l'attività «${input.title}»`, ipAddress: meta.ipAddress }, tx);
    return activity;
  });
}

export async function labActivities(labId: string) {
  return db.labActivity.findMany({ where: { labId }, orderBy: { dueAt: "asc" }, select: { id: true, title: true, dueAt: true, _count: { select: { submissions: true } } } });
}

const submissionSelect = {
  id: true, userId: true, text: true, fileName: true, fileSize: true, submittedAt: true, comment: true, reviewedAt: true,
  user: { select: { name: true, organization: { select: { name: true } } } },
} as const;

export async function activityOf(labId: string, activityId: string) {
  return db.labActivity.findFirst({ where: { id: activityId, labId }, select: { id: true, title: true, description: true, dueAt: true } });
}

/** Every submission (for the lab's tutors), or only `userId`'s own. */
export async function submissionsOf(activityId: string, userId?: string) {
  return db.labSubmission.findMany({ where: { activityId, ...(userId ? { userId } : {}) }, select: submissionSelect, orderBy: { submittedAt: "asc" } });
}

/** Hands in (or replaces) the member's submission; the previous file, if replaced, is deleted. */
export async function submit(userId: string, activityId: string, input: { text: string; file?: StoredUpload }, now = new Date()) {
  if (!input.text.trim() && !input.file) throw new DomainError("labs:errors.emptySubmission", {}, { field: "text" });
  const previous = await db.labSubmission.findUnique({ where: { activityId_userId: { activityId, userId } }, select: { fileKey: true } });
  const file = input.file ? { fileKey: input.file.key, fileName: input.file.name, fileType: input.file.contentType, fileSize: input.file.size } : {};
  await db.labSubmission.upsert({
    where: { activityId_userId: { activityId, userId } },
    create: { activityId, userId, text: input.text, submittedAt: now, ...file },
    update: { text: input.text, submittedAt: now, comment: null, reviewedAt: null, reviewerId: null, ...file },
  });
  if (input.file && previous?.fileKey) await storage().delete(previous.fileKey);
}

export async function review(actor: Actor, labId: string, activityId: string, submissionId: string, comment: string, meta: AuditMeta = {}, now = new Date()) {
  const submission = await db.labSubmission.findFirst({ where: { id: submissionId, activityId, activity: { labId } }, select: { id: true, user: { select: { name: true } } } });
  if (!submission) throw new DomainError("labs:errors.submissionNotFound", {}, { status: 404 });
  await db.$transaction(async (tx) => {
    await tx.labSubmission.update({ where: { id: submissionId }, data: { comment, reviewedAt: now, reviewerId: actor.id } });
    await recordAudit({ actorId: actor.id, action: "lab.submission_review", targetType: "Lab", targetId: labId, summary: `Commentata la consegna di ${submission.user.name}`, ipAddress: meta.ipAddress }, tx);
  });
}

/** The stored file of a submission, for its author and the lab's tutors. */
export async function submissionFile(labId: string, activityId: string, submissionId: string) {
  return db.labSubmission.findFirst({ where: { id: submissionId, activityId, activity: { labId }, fileKey: { not: null } }, select: { userId: true, fileKey: true, fileName: true } });
}
