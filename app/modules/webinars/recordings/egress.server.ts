// Recording state from LiveKit Egress (egress_started / egress_updated / egress_ended webhooks,
// or a ListEgress answer). The webhook handler (live helper's route) passes `event.egressInfo`
// here; this module owns what a Recording becomes. Webhooks repeat and arrive out of order, so:
//  - a finished recording (COMPLETE, FAILED, ABORTED) never changes again;
//  - an update older than the one applied (EgressInfo.updatedAt, nanoseconds) is ignored;
//  - a state never goes backwards (STARTING < ACTIVE < finished).
// One recording per webinar is being made at a time, across every instance: an egress recording
// holds Recording.activeWebinarId (unique) while STARTING or ACTIVE. A host's start first reserves
// that slot (reserveRecording: an insert the unique index lets only one instance make), then asks
// LiveKit; the egress answer or its first webhook claims the reservation.
// Times in EgressInfo are NANOseconds since the epoch (bigint in the SDK, decimal strings in JSON).
import type { RecordingStatus } from "~/generated/sqlite/enums.ts";
import { db } from "~/lib/db.server.ts";
import { isUniqueViolation } from "~/lib/prisma-errors.ts";
import { isValidStorageKey } from "~/lib/storage/storage.server.ts";

type Int64 = bigint | number | string | null | undefined;

/** The fields of livekit's EgressInfo this module reads (protobuf-es object or its JSON form). */
export type EgressInfoLike = {
  egressId: string;
  roomName?: string;
  /** EgressStatus: the SDK's numeric enum or its name ("EGRESS_COMPLETE"). */
  status?: number | string;
  startedAt?: Int64;
  endedAt?: Int64;
  updatedAt?: Int64;
  error?: string;
  fileResults?: { filename?: string; location?: string; duration?: Int64; size?: Int64 }[];
  /** Older SDKs: a single file result. */
  file?: { filename?: string; location?: string; duration?: Int64; size?: Int64 };
};

// livekit_egress.proto EgressStatus
const STATUS_NAMES = ["EGRESS_STARTING", "EGRESS_ACTIVE", "EGRESS_ENDING", "EGRESS_COMPLETE", "EGRESS_FAILED", "EGRESS_ABORTED", "EGRESS_LIMIT_REACHED"];

/** Our state for an egress status; ENDING is still ACTIVE, LIMIT_REACHED still wrote a file (COMPLETE). */
export function recordingStatusOf(status: number | string | undefined): RecordingStatus {
  const name = typeof status === "number" ? STATUS_NAMES[status] : status;
  switch (name) {
    case "EGRESS_ACTIVE":
    case "EGRESS_ENDING":
      return "ACTIVE";
    case "EGRESS_COMPLETE":
    case "EGRESS_LIMIT_REACHED":
      return "COMPLETE";
    case "EGRESS_FAILED":
      return "FAILED";
    case "EGRESS_ABORTED":
      return "ABORTED";
    default:
      return "STARTING";
  }
}

const RANK: Record<RecordingStatus, number> = { STARTING: 0, ACTIVE: 1, COMPLETE: 2, FAILED: 2, ABORTED: 2 };
export const isFinished = (status: RecordingStatus) => RANK[status] === 2;

/** An int64 from the SDK (bigint), JSON (string) or a plain number; null when absent or zero. */
export function toBigInt(value: Int64): bigint | null {
  if (value === null || value === undefined || value === "") return null;
  try {
    const big = typeof value === "bigint" ? value : BigInt(typeof value === "number" ? Math.trunc(value) : value);
    return big > 0n ? big : null;
  } catch {
    return null;
  }
}

/** Nanoseconds since the epoch as a Date (null when absent). */
export function nanosToDate(value: Int64): Date | null {
  const ns = toBigInt(value);
  return ns === null ? null : new Date(Number(ns / 1_000_000n));
}

/** A duration in nanoseconds as whole seconds (rounded). */
export function nanosToSeconds(value: Int64): number | null {
  const ns = toBigInt(value);
  return ns === null ? null : Number((ns + 500_000_000n) / 1_000_000_000n);
}

/**
 * A file name Egress reports is our storage key only when it is one we hand out: under
 * "webinars/recordings/", with the ".mp4" Egress appends to the path it was given.
 */
export function isRecordingKey(filename: string | undefined): filename is string {
  return !!filename && filename.startsWith("webinars/recordings/") && isValidStorageKey(filename);
}

export type EgressOutcome = "created" | "updated" | "ignored" | "unknown-room";

/**
 * Applies one EgressInfo to its Recording (created on the first news of an egress for a known
 * room, in case the webhook beats the StartEgress answer). Returns what happened.
 */
export async function recordEgressUpdate(info: EgressInfoLike, options: { createdById?: string | null; reservationId?: string } = {}): Promise<EgressOutcome> {
  if (!info.egressId) return "ignored";
  const status = recordingStatusOf(info.status);
  const updatedAt = toBigInt(info.updatedAt);
  const file = info.fileResults?.[0] ?? info.file;
  const data = {
    status,
    startedAt: nanosToDate(info.startedAt) ?? undefined,
    endedAt: nanosToDate(info.endedAt) ?? undefined,
    egressUpdatedAt: updatedAt ?? undefined,
    error: info.error ? info.error.slice(0, 2000) : undefined,
    ...(status === "COMPLETE" && file
      ? {
          location: file.location || file.filename || null,
          storageKey: isRecordingKey(file.filename) ? file.filename : null,
          fileName: file.filename ? (file.filename.split("/").pop() ?? null) : null,
          contentType: "video/mp4",
          durationSeconds: nanosToSeconds(file.duration),
          size: toBigInt(file.size),
        }
      : {}),
  };

  // A finished recording frees the webinar's slot for the next one.
  const slot = isFinished(status) ? { activeWebinarId: null } : {};
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        const existing = await tx.recording.findUnique({ where: { egressId: info.egressId }, select: { id: true, status: true, egressUpdatedAt: true } });
        if (!existing) {
          const webinar = info.roomName ? await tx.webinar.findUnique({ where: { roomName: info.roomName }, select: { id: true } }) : null;
          if (!webinar) return "unknown-room";
          // The reservation a host's start made (this start's, or, for a webhook that beat LiveKit's answer, the webinar's).
          const reservation = await tx.recording.findFirst({
            where: { webinarId: webinar.id, source: "EGRESS", egressId: null, activeWebinarId: webinar.id, ...(options.reservationId ? { id: options.reservationId } : {}) },
            select: { id: true },
          });
          if (reservation) {
            await tx.recording.update({ where: { id: reservation.id }, data: { ...data, ...slot, egressId: info.egressId } });
            return "updated";
          }
          // An egress nobody reserved (started outside the app): it takes the slot when it is free.
          const active = !isFinished(status) && attempt === 0 ? { activeWebinarId: webinar.id } : {};
          await tx.recording.create({ data: { ...data, ...active, webinarId: webinar.id, source: "EGRESS", egressId: info.egressId, createdById: options.createdById ?? null } });
          return "created";
        }
        if (isFinished(existing.status)) return "ignored";
        if (RANK[status] < RANK[existing.status]) return "ignored";
        if (updatedAt !== null && existing.egressUpdatedAt !== null && updatedAt <= existing.egressUpdatedAt && RANK[status] === RANK[existing.status]) return "ignored";
        // Conditional on the state read, so two concurrent deliveries cannot both apply.
        const { count } = await tx.recording.updateMany({ where: { id: existing.id, status: existing.status }, data: { ...data, ...slot } });
        return count ? "updated" : "ignored";
      });
    } catch (error) {
      // The slot was taken, or the same egress was created by a concurrent delivery: read again.
      if (attempt < 2 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

/** A reservation older than this with no egress id was left by a start that never finished (a crash). */
export const STALE_RESERVATION_MS = 2 * 60_000;

/**
 * Reserves the webinar's recording slot before asking LiveKit: a STARTING egress Recording holding
 * activeWebinarId. Null when another recording holds it (on any instance): the unique index refuses
 * the second insert. A reservation left behind by a crashed start is released first.
 */
export async function reserveRecording(webinarId: string, createdById: string | null, now = new Date()) {
  await db.recording.updateMany({
    where: { activeWebinarId: webinarId, egressId: null, createdAt: { lt: new Date(now.getTime() - STALE_RESERVATION_MS) } },
    data: { activeWebinarId: null, status: "ABORTED", error: "Start not completed" },
  });
  try {
    return await db.recording.create({ data: { webinarId, source: "EGRESS", status: "STARTING", activeWebinarId: webinarId, createdById }, select: { id: true } });
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

/** Gives the slot back when LiveKit refused the start (the reservation leaves no trace). */
export async function releaseReservation(id: string) {
  await db.recording.deleteMany({ where: { id, egressId: null } });
}

/** The recording being made for a webinar, if any (the one holding its slot, else any not finished). */
export function activeRecording(webinarId: string) {
  return db.recording.findFirst({
    where: { webinarId, source: "EGRESS", status: { in: ["STARTING", "ACTIVE"] } },
    orderBy: [{ activeWebinarId: { sort: "asc", nulls: "last" } }, { createdAt: "desc" }],
    select: { id: true, egressId: true, status: true },
  });
}
