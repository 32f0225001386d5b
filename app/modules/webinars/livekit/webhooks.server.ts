// LiveKit webhooks: signed deliveries (the Authorization header is a JWT signed with the API key
// pair whose sha256 claim is the body's hash, checked by WebhookReceiver) that move a webinar live
// and ended and record attendance intervals. LiveKit may repeat a delivery or deliver out of order:
// each event id is stored with the effects in one transaction (a repeat changes nothing), and every
// effect compares the event's own time with what is stored, so a late or early event cannot undo
// a newer one. Events for rooms that are not a webinar's are acknowledged and ignored.
import { WebhookReceiver, type WebhookEvent } from "livekit-server-sdk";
import { db } from "~/lib/db.server.ts";
import { webinarChanged } from "../live/held.server.ts";
import { errorFields, logger } from "~/lib/logger.server.ts";
import { isUniqueViolation } from "~/lib/prisma-errors.ts";
import { liveKitConfig } from "./config.server.ts";
import { recordEgressUpdate } from "~/modules/webinars/recordings/egress.server.ts";

/** Largest webhook body read (a real one is 1-3 KB). */
export const WEBHOOK_MAX_BYTES = 64 * 1024;

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];
type Outcome = "handled" | "duplicate" | "ignored";

const plain = (status: number, text: string) => new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/** The body as text, refusing (413) anything over the cap before or while reading it. */
async function readCapped(request: Request): Promise<string | Response> {
  const declared = request.headers.get("content-length");
  if (declared !== null && (!/^\d+$/.test(declared) || Number(declared) > WEBHOOK_MAX_BYTES)) return plain(413, "too large");
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > WEBHOOK_MAX_BYTES) return plain(413, "too large");
      chunks.push(value);
    }
  } catch {
    return plain(400, "unreadable");
  } finally {
    reader.releaseLock();
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** POST /webhooks/livekit. 401 (nothing stored) unless the signature is LiveKit's; 200 otherwise. */
export async function receiveWebhook(request: Request): Promise<Response> {
  const config = liveKitConfig();
  const authorization = request.headers.get("authorization");
  // Nothing can be verified without the key pair, and nothing unsigned is read further.
  if (!config || !authorization) return plain(401, "unauthorized");
  const body = await readCapped(request);
  if (body instanceof Response) return body;
  let event: WebhookEvent;
  try {
    event = await new WebhookReceiver(config.apiKey, config.apiSecret).receive(body, authorization);
  } catch (error) {
    logger.warn("LiveKit webhook refused", errorFields(error));
    return plain(401, "unauthorized");
  }
  const outcome = await handleWebhookEvent(event);
  return plain(200, outcome);
}

const seconds = (value: bigint | undefined) => (value && value > 0n ? new Date(Number(value) * 1000) : null);

/** When the participant joined, from the event (milliseconds when LiveKit sends them). */
function joinedAtOf(event: WebhookEvent, fallback: Date) {
  const participant = event.participant;
  if (participant?.joinedAtMs && participant.joinedAtMs > 0n) return new Date(Number(participant.joinedAtMs));
  return seconds(participant?.joinedAt) ?? fallback;
}

/** Applies one verified event; exported for tests and for replays. */
export async function handleWebhookEvent(event: WebhookEvent): Promise<Outcome> {
  // Recordings: egress news carries its own room name and is applied in order whatever order it
  // arrives in (recordings/egress.server.ts), so a repeat is harmless without the event-id log.
  if (event.event.startsWith("egress_")) {
    if (!event.egressInfo) return "ignored";
    const outcome = await recordEgressUpdate(event.egressInfo);
    return outcome === "created" || outcome === "updated" ? "handled" : "ignored";
  }
  const roomName = event.room?.name;
  if (!roomName) return "ignored";
  const webinar = await db.webinar.findUnique({ where: { roomName }, select: { id: true } });
  if (!webinar) return "ignored";
  const at = seconds(event.createdAt) ?? new Date();
  try {
    const outcome = await db.$transaction(async (tx) => {
      if (event.id) await tx.liveKitWebhookEvent.create({ data: { id: event.id, event: event.event, roomName, createdAt: at } });
      switch (event.event) {
        case "room_started":
          await roomStarted(tx, webinar.id, at);
          break;
        case "room_finished":
          await roomFinished(tx, webinar.id, at);
          break;
        case "participant_joined":
          await participantJoined(tx, webinar.id, event, at);
          break;
        case "participant_left":
        case "participant_connection_aborted":
          await participantLeft(tx, webinar.id, event, at);
          break;
        default:
          break;
      }
      return "handled" as const;
    });
    // The room starting or finishing moves the webinar's status: the live page holds it a moment.
    if (event.event === "room_started" || event.event === "room_finished") await webinarChanged(webinar.id);
    return outcome;
  } catch (error) {
    if (isUniqueViolation(error)) return "duplicate";
    throw error;
  }
}

async function loadTimes(tx: Tx, webinarId: string) {
  return tx.webinar.findUniqueOrThrow({
    where: { id: webinarId },
    select: { status: true, startsAt: true, joinOpensMinutesBefore: true, liveStartedAt: true, liveEndedAt: true },
  });
}

/**
 * The room came up. From the moment the room opens to attendees the webinar is LIVE (a room started
 * earlier is a rehearsal by its hosts). An event older than the recorded end belongs to an earlier
 * session of the room and changes nothing; a newer one reopens an ended webinar.
 */
async function roomStarted(tx: Tx, webinarId: string, at: Date) {
  const webinar = await loadTimes(tx, webinarId);
  if (webinar.status !== "SCHEDULED" && webinar.status !== "LIVE" && webinar.status !== "ENDED") return;
  if (at.getTime() < webinar.startsAt.getTime() - webinar.joinOpensMinutesBefore * 60_000) return;
  if (webinar.liveEndedAt && at.getTime() <= webinar.liveEndedAt.getTime()) return;
  const startedAt = webinar.liveStartedAt && webinar.liveStartedAt.getTime() <= at.getTime() ? webinar.liveStartedAt : at;
  await tx.webinar.update({ where: { id: webinarId }, data: { status: "LIVE", liveStartedAt: startedAt, liveEndedAt: null } });
}

/**
 * The room closed (everyone left and its empty timeout passed). Intervals still open end now. After
 * the scheduled start the webinar has ENDED; before it, the room was a rehearsal and the webinar is
 * SCHEDULED again. A room_finished older than a newer start changes nothing but the intervals.
 */
async function roomFinished(tx: Tx, webinarId: string, at: Date) {
  await tx.webinarAttendance.updateMany({ where: { webinarId, leftAt: null, joinedAt: { lte: at } }, data: { leftAt: at } });
  const webinar = await loadTimes(tx, webinarId);
  if (webinar.status !== "LIVE" && webinar.status !== "SCHEDULED") return;
  if (webinar.liveStartedAt && webinar.liveStartedAt.getTime() > at.getTime()) return;
  if (at.getTime() < webinar.startsAt.getTime()) {
    if (webinar.status === "LIVE") await tx.webinar.update({ where: { id: webinarId }, data: { status: "SCHEDULED", liveStartedAt: null } });
    return;
  }
  await tx.webinar.update({ where: { id: webinarId }, data: { status: "ENDED", liveEndedAt: at, liveStartedAt: webinar.liveStartedAt ?? at } });
}

/** The account behind a LiveKit identity (the user id), or null for anything else (recorders, agents). */
async function accountOf(tx: Tx, identity: string | undefined) {
  if (!identity) return null;
  const user = await tx.user.findUnique({ where: { id: identity }, select: { id: true } });
  return user?.id ?? null;
}

async function participantJoined(tx: Tx, webinarId: string, event: WebhookEvent, at: Date) {
  const sid = event.participant?.sid;
  const userId = await accountOf(tx, event.participant?.identity);
  if (!sid || !userId) return;
  // A left that arrived first already holds the interval: the join only fills in a missing start.
  await tx.webinarAttendance.upsert({
    where: { webinarId_participantSid: { webinarId, participantSid: sid } },
    create: { webinarId, userId, participantSid: sid, joinedAt: joinedAtOf(event, at) },
    update: {},
  });
}

async function participantLeft(tx: Tx, webinarId: string, event: WebhookEvent, at: Date) {
  const sid = event.participant?.sid;
  const userId = await accountOf(tx, event.participant?.identity);
  if (!sid || !userId) return;
  const existing = await tx.webinarAttendance.findUnique({ where: { webinarId_participantSid: { webinarId, participantSid: sid } }, select: { id: true, joinedAt: true, leftAt: true } });
  if (!existing) {
    // Before its participant_joined: the event itself says when the connection began.
    const joinedAt = joinedAtOf(event, at);
    await tx.webinarAttendance.create({ data: { webinarId, userId, participantSid: sid, joinedAt: joinedAt.getTime() <= at.getTime() ? joinedAt : at, leftAt: at } });
    return;
  }
  // The earliest end wins: a room_finished handled first closed it later than it really ended.
  if (!existing.leftAt || existing.leftAt.getTime() > at.getTime()) {
    await tx.webinarAttendance.update({ where: { id: existing.id }, data: { leftAt: at.getTime() < existing.joinedAt.getTime() ? existing.joinedAt : at } });
  }
}
