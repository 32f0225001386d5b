// Recordings a host uploads (the fallback when no egress recording exists), their chapters and
// WebVTT captions, and the seconds each person watched. Video bytes stream through the platform's
// upload path into storage (size limit RECORDING_UPLOAD_MAX_MB, MP4/WebM checked by content);
// replay streams them back through downloadResponse (Range on disk, signed URLs on S3).
import { Readable } from "node:stream";
import { db } from "~/lib/db.server.ts";
import { recordAudit, type AuditMeta } from "~/modules/audit/audit.server.ts";
import { env } from "~/lib/env.server.ts";
import { newStorageKey, storage } from "~/lib/storage/storage.server.ts";
import { readUploadToMemory, readUploadToStorage, type UploadProblem } from "~/lib/uploads/upload.server.ts";
import { countBits, markSeconds } from "./seconds.ts";
import { parseChapters, validateWebVtt } from "./text-formats.ts";

export const VIDEO_KINDS = ["mp4", "webm"] as const;
export const CAPTION_MAX_BYTES = 2 * 1024 * 1024;
export const uploadMaxBytes = () => env().RECORDING_UPLOAD_MAX_MB * 1024 * 1024;

export type RecordingView = {
  id: string;
  source: "EGRESS" | "UPLOAD";
  fileName: string | null;
  contentType: string | null;
  durationSeconds: number | null;
  size: number | null;
  hasCaptions: boolean;
  captionsLang: string | null;
  chapters: { startSeconds: number; title: string }[];
  createdAt: string;
};

/** The webinar's recordings that can be played (complete, with their bytes in our storage). */
export async function playableRecordings(webinarId: string): Promise<RecordingView[]> {
  const rows = await db.recording.findMany({
    where: { webinarId, status: "COMPLETE", storageKey: { not: null } },
    orderBy: { createdAt: "asc" },
    include: { chapters: { orderBy: { startSeconds: "asc" }, select: { startSeconds: true, title: true } } },
  });
  return rows.map((row) => ({
    id: row.id,
    source: row.source,
    fileName: row.fileName,
    contentType: row.contentType,
    durationSeconds: row.durationSeconds,
    size: row.size === null ? null : Number(row.size),
    hasCaptions: row.captionsKey !== null,
    captionsLang: row.captionsLang,
    chapters: row.chapters,
    createdAt: row.createdAt.toISOString(),
  }));
}

/** Egress recordings hosts should know about: being made, or failed with the error. */
export function egressStates(webinarId: string) {
  return db.recording.findMany({
    where: { webinarId, source: "EGRESS", status: { not: "COMPLETE" } },
    orderBy: { createdAt: "desc" },
    select: { id: true, status: true, error: true, createdAt: true },
  });
}

/** A recording of this webinar (null when the id belongs to another webinar or none). */
export function recordingOf(webinarId: string, recordingId: string) {
  return db.recording.findFirst({ where: { id: recordingId, webinarId, status: "COMPLETE" } });
}

export type UploadOutcome = { ok: true; recordingId: string } | { ok: false; problem: UploadProblem; fields: Record<string, string> };

/** Streams a video upload into storage and records it; oversize or wrong type leave nothing behind. */
export async function uploadRecording(request: Request, webinarId: string, userId: string, meta: AuditMeta = {}): Promise<UploadOutcome> {
  const form = await readUploadToStorage(request, { storage: storage(), keyPrefix: "webinars/recordings", maxBytes: uploadMaxBytes(), kinds: VIDEO_KINDS, field: "video" });
  if (!form.ok) return form;
  if (!form.file) return { ok: false, problem: { status: 400, key: "uploads:errors.noFile" }, fields: form.fields };
  const duration = Number(form.fields.durationSeconds);
  const recording = await db.recording.create({
    data: {
      webinarId,
      source: "UPLOAD",
      status: "COMPLETE",
      storageKey: form.file.key,
      fileName: form.file.name,
      contentType: form.file.contentType,
      size: BigInt(form.file.size),
      durationSeconds: Number.isInteger(duration) && duration > 0 && duration < 24 * 3600 ? duration : null,
      createdById: userId,
    },
  });
  await recordAudit({ actorId: userId, action: "recording.upload", targetType: "recording", targetId: recording.id, summary: `Caricata la registrazione ${form.file.name} del webinar ${webinarId}`, ipAddress: meta.ipAddress });
  return { ok: true, recordingId: recording.id };
}

/** Deletes an uploaded recording and its files. */
export async function deleteRecording(recordingId: string, actorId: string, meta: AuditMeta = {}) {
  const row = await db.recording.delete({ where: { id: recordingId } });
  await recordAudit({ actorId, action: "recording.delete", targetType: "recording", targetId: recordingId, summary: `Eliminata la registrazione ${row.fileName ?? recordingId} del webinar ${row.webinarId}`, ipAddress: meta.ipAddress });
  for (const key of [row.storageKey, row.captionsKey]) if (key) await storage().delete(key);
}

export type CaptionsOutcome = { ok: true } | { ok: false; problem: UploadProblem | { status: 400; key: string; values?: Record<string, string | number> } };

/** Replaces the recording's captions with an uploaded WebVTT file (validated before it is kept). */
export async function uploadCaptions(request: Request, recordingId: string): Promise<CaptionsOutcome> {
  const form = await readUploadToMemory(request, { maxBytes: CAPTION_MAX_BYTES, kinds: ["vtt"], field: "captions" });
  if (!form.ok) return form;
  if (!form.file) return { ok: false, problem: { status: 400, key: "uploads:errors.noFile" } };
  const text = new TextDecoder("utf-8", { fatal: false }).decode(form.file.bytes);
  const problem = validateWebVtt(text);
  if (problem) return { ok: false, problem: { status: 400, ...problem } };
  const lang = /^[a-z]{2}$/.test(form.fields.lang ?? "") ? form.fields.lang : "it";
  const key = newStorageKey("webinars/captions");
  await storage().put(key, Readable.from([Buffer.from(form.file.bytes)]), { contentType: "text/vtt; charset=utf-8" });
  const previous = await db.recording.findUniqueOrThrow({ where: { id: recordingId }, select: { captionsKey: true } });
  await db.recording.update({ where: { id: recordingId }, data: { captionsKey: key, captionsLang: lang } });
  if (previous.captionsKey) await storage().delete(previous.captionsKey);
  return { ok: true };
}

/** Replaces the chapters from "mm:ss Title" lines; returns an error key for a bad line. */
export async function saveChapters(recordingId: string, source: string, durationSeconds: number | null) {
  const parsed = parseChapters(source, durationSeconds);
  if (!parsed.ok) return parsed;
  await db.$transaction([
    db.recordingChapter.deleteMany({ where: { recordingId } }),
    db.recordingChapter.createMany({ data: parsed.chapters.map((chapter) => ({ recordingId, ...chapter })) }),
  ]);
  return parsed;
}

// A heartbeat reports the span of video played since the previous one. Seconds are counted once
// each (a bitmap), so rewatching adds nothing; a span longer than the wall-clock time since the
// last heartbeat (at twice the speed, plus slack) is cut, so a forged request cannot claim an hour.
const MAX_SPAN_SECONDS = 60;
const MAX_RATE = 2;

export async function recordHeartbeat(recordingId: string, userId: string, from: number, to: number, now = new Date()) {
  const recording = await db.recording.findUnique({ where: { id: recordingId }, select: { durationSeconds: true } });
  if (!recording) return null;
  const limit = recording.durationSeconds ?? 24 * 3600;
  const existing = await db.recordingWatch.findUnique({ where: { recordingId_userId: { recordingId, userId } } });
  const elapsed = existing ? Math.max(0, (now.getTime() - existing.lastHeartbeatAt.getTime()) / 1000) : MAX_SPAN_SECONDS;
  const start = Math.max(0, Math.floor(from));
  const end = Math.min(limit, Math.floor(to), start + Math.min(MAX_SPAN_SECONDS, Math.ceil(elapsed * MAX_RATE) + 2));
  const seconds = markSeconds(existing ? new Uint8Array(existing.seconds) : new Uint8Array(0), start, end);
  const watchedSeconds = countBits(seconds);
  await db.recordingWatch.upsert({
    where: { recordingId_userId: { recordingId, userId } },
    create: { recordingId, userId, seconds, watchedSeconds, lastHeartbeatAt: now },
    update: { seconds, watchedSeconds, lastHeartbeatAt: now },
  });
  return watchedSeconds;
}

/** An uploaded video's duration, as the player read it, until something better is known. */
export async function setDurationIfUnknown(recordingId: string, seconds: number) {
  await db.recording.updateMany({ where: { id: recordingId, durationSeconds: null }, data: { durationSeconds: seconds } });
}
