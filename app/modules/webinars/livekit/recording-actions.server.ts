// A host starts and stops the recording of a live room through LiveKit Egress (a composite of the
// room in the "speaker" layout, one MP4 file). The answers of StartRoomCompositeEgress and
// StopEgress go through recordEgressUpdate like the egress webhooks, so the Recording exists at once
// (STARTING) and the webhooks then carry it to COMPLETE, FAILED or ABORTED. One recording at a time,
// across instances: the start reserves the webinar's slot in the database first (reserveRecording,
// a unique index), so a second start anywhere is refused while one is STARTING or ACTIVE. The
// caller's "webinar.host" was checked by the route.
import { EgressClient, EgressStatus, EncodedFileOutput, EncodedFileType, S3Upload, ServerError } from "livekit-server-sdk";
import { db } from "~/lib/db.server.ts";
import { DomainError } from "~/lib/domain-error.ts";
import { env, type Env } from "~/lib/env.server.ts";
import { errorFields, logger } from "~/lib/logger.server.ts";
import { newStorageKey } from "~/lib/storage/storage.server.ts";
import { activeRecording, recordEgressUpdate, releaseReservation, reserveRecording } from "../recordings/egress.server.ts";
import type { LiveKitConfig } from "./config.server.ts";
import { LiveKitUnavailable } from "./host-actions.server.ts";
import type { RoomWebinar } from "./room.server.ts";

export const RECORDING_ALREADY_ACTIVE = "webinarRoom:errors.recordingActive";
export const NO_ACTIVE_RECORDING = "webinarRoom:errors.noRecording";
export const RECORDINGS_PREFIX = "webinars/recordings";

export function egressClient(config: LiveKitConfig) {
  return new EgressClient(config.apiUrl, config.apiKey, config.apiSecret, { requestTimeout: 10 });
}

/**
 * Where Egress writes the file: a storage key without extension (the replay streams it by that
 * key), uploaded to the app's bucket when storage is S3; with local storage Egress writes to the
 * path on its own machine (or to the storage configured on the Egress service).
 */
export function fileOutputFor(config: Pick<Env, "STORAGE_BACKEND" | "S3_BUCKET" | "S3_REGION" | "S3_ENDPOINT" | "S3_FORCE_PATH_STYLE" | "S3_ACCESS_KEY_ID" | "S3_SECRET_ACCESS_KEY">, key: string) {
  const s3 =
    config.STORAGE_BACKEND === "s3" && config.S3_BUCKET
      ? new S3Upload({
          bucket: config.S3_BUCKET,
          region: config.S3_REGION,
          endpoint: config.S3_ENDPOINT ?? "",
          forcePathStyle: config.S3_FORCE_PATH_STYLE,
          accessKey: config.S3_ACCESS_KEY_ID ?? "",
          secret: config.S3_SECRET_ACCESS_KEY ?? "",
        })
      : undefined;
  return new EncodedFileOutput({ fileType: EncodedFileType.MP4, filepath: key, output: s3 ? { case: "s3", value: s3 } : { case: undefined } });
}

async function callingEgress<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    logger.warn("LiveKit Egress call failed", { call: what, ...errorFields(error), ...(error instanceof ServerError ? { status: error.status } : {}) });
    throw new LiveKitUnavailable(error);
  }
}

/** Starts the room's recording; refused (409) while another is being made, on any instance. */
export async function startRecording(config: LiveKitConfig, webinar: Pick<RoomWebinar, "id" | "roomName">, createdById: string) {
  const reservation = await reserveRecording(webinar.id, createdById);
  if (!reservation) throw new DomainError(RECORDING_ALREADY_ACTIVE, {}, { status: 409 });
  const key = newStorageKey(RECORDINGS_PREFIX);
  let info;
  try {
    info = await callingEgress("StartRoomCompositeEgress", () =>
      egressClient(config).startRoomCompositeEgress(webinar.roomName, { file: fileOutputFor(env(), key) }, { layout: "speaker" }),
    );
  } catch (error) {
    await releaseReservation(reservation.id);
    throw error;
  }
  // LiveKit's answer names the room; fall back to ours should it not.
  await recordEgressUpdate({ ...info, roomName: info.roomName || webinar.roomName }, { createdById, reservationId: reservation.id });
  return { egressId: info.egressId, storageKey: key };
}

/** Stops the recording being made (409 when there is none). */
export async function stopRecording(config: LiveKitConfig, webinar: Pick<RoomWebinar, "id" | "roomName">) {
  const active = await activeRecording(webinar.id);
  if (!active?.egressId) throw new DomainError(NO_ACTIVE_RECORDING, {}, { status: 409 });
  const egressId = active.egressId;
  const client = egressClient(config);
  let info;
  try {
    info = await client.stopEgress(egressId);
  } catch (error) {
    // LiveKit refuses to stop an egress that already ended (or that it no longer knows): the webhook
    // saying so was lost. Ask LiveKit for its state instead, so the room is not stuck "recording".
    if (!(error instanceof ServerError)) return callingEgress("StopEgress", () => Promise.reject(error));
    const [known] = await callingEgress("ListEgress", () => client.listEgress({ egressId }));
    if (!known) {
      await recordEgressUpdate({ egressId, status: "EGRESS_ABORTED", error: "Egress not found on LiveKit", updatedAt: BigInt(Date.now()) * 1_000_000n });
      return { egressId };
    }
    if (known.status <= EgressStatus.EGRESS_ACTIVE) return callingEgress("StopEgress", () => Promise.reject(error));
    info = known;
  }
  await recordEgressUpdate({ ...info, egressId: info.egressId || egressId, roomName: info.roomName || webinar.roomName });
  return { egressId };
}

/** What the room shows about recording: the one being made, and the last one that failed (for hosts). */
export async function recordingState(webinarId: string) {
  const [active, last] = await Promise.all([
    activeRecording(webinarId),
    db.recording.findFirst({ where: { webinarId, source: "EGRESS" }, orderBy: { createdAt: "desc" }, select: { status: true, error: true, endedAt: true, createdAt: true } }),
  ]);
  return {
    active: active ? { status: active.status } : null,
    failed: !active && last?.status === "FAILED" ? { error: last.error ?? "", at: (last.endedAt ?? last.createdAt).toISOString() } : null,
  };
}
