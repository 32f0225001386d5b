// The room page's loader and action, kept out of the route so the route stays thin: who may see the
// room (404 for drafts one may not edit, 403 with the reason for those who may not attend), the
// token for joining, and the raise-hand and host actions.
import { json } from "@remix-run/node";
import { z } from "zod";
import { DomainError, isDomainError } from "~/lib/domain-error.ts";
import { parseForm } from "~/lib/forms.ts";
import { notFound } from "~/lib/http.server.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { can, enforce } from "~/modules/access/policy.server.ts";
import { recordAudit, type AuditMeta } from "~/modules/audit/audit.server.ts";
import { requireUser } from "~/modules/auth/current-user.server.ts";
import type { SessionUser } from "~/modules/auth/session.server.ts";
import { liveKitConfig } from "./config.server.ts";
import { demote, LiveKitUnavailable, LIVEKIT_UNAVAILABLE, muteTrack, NOT_CONFIGURED, promote, removeParticipant, setHand } from "./host-actions.server.ts";
import { recordingState, startRecording, stopRecording } from "./recording-actions.server.ts";
import { enforceAttend } from "../access.server.ts";
import { attendDecision, ensureRoom, loadRoomWebinar, mintToken, roomAccess, ROOM_POWERS, roomWindow, type RoomWebinar } from "./room.server.ts";

/** The webinar of a room URL for a user who may attend it (or a thrown 404/403). */
export async function requireRoomWebinar(request: Request, slug: string | undefined): Promise<{ user: SessionUser; webinar: RoomWebinar }> {
  const user = await requireUser(request);
  const webinar = await loadRoomWebinar(slug);
  if (!webinar) throw notFound();
  // A draft is not there for anyone who may not edit it.
  if (webinar.status === "DRAFT" && !can(user, "webinar.edit", webinar.item).allowed) throw notFound();
  enforceAttend(webinar.item, await attendDecision(request, user, webinar));
  return { user, webinar };
}

/** What the room page shows. */
export async function roomPageData(request: Request, slug: string | undefined) {
  const { user, webinar } = await requireRoomWebinar(request, slug);
  const access = await roomAccess(user, webinar);
  const window = roomWindow(webinar);
  return {
    webinar: {
      slug: webinar.slug,
      title: webinar.title,
      status: webinar.status,
      startsAt: webinar.startsAt.toISOString(),
      endsAt: window.endsAt.toISOString(),
      materials: webinar.materials,
    },
    me: { id: user.id, name: user.name, role: access.role, ...ROOM_POWERS[access.role] },
    join: access.join,
    configured: liveKitConfig() !== null,
    // Everyone in the room sees that it is being recorded; only hosts see why a recording failed.
    recording: await recordingForPage(webinar.id, ROOM_POWERS[access.role].administers),
    locale: user.locale,
  };
}

async function recordingForPage(webinarId: string, host: boolean) {
  const state = await recordingState(webinarId);
  return { active: state.active, failed: host ? state.failed : null };
}

const identity = z.string({ message: "validation.required" }).regex(/^[A-Za-z0-9_-]{1,64}$/, "validation.invalid");
const intentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("join") }),
  z.object({ intent: z.literal("hand"), raised: z.enum(["1", "0"], { message: "validation.invalid" }) }),
  z.object({ intent: z.enum(["promote", "demote", "remove"]), identity }),
  z.object({ intent: z.enum(["record-start", "record-stop"]) }),
  z.object({ intent: z.literal("mute"), identity, trackSid: z.string({ message: "validation.required" }).regex(/^TR_[A-Za-z0-9]{1,64}$/, "validation.invalid") }),
], { message: "validation.invalid" });

const refused = (reason: string, status: number, values?: Record<string, string | number>) => json({ ok: false as const, reason, values }, { status, headers: { "Cache-Control": "no-store" } });

// The host's actions in the activity log (who did what to whom, in which webinar).
const HOST_AUDIT = {
  promote: { action: "webinar-room.promote", summary: "Data la parola a" },
  demote: { action: "webinar-room.demote", summary: "Tolta la parola a" },
  mute: { action: "webinar-room.mute", summary: "Disattivato il microfono di" },
  remove: { action: "webinar-room.remove", summary: "Fatto uscire dalla stanza" },
} as const;
const RECORD_AUDIT = {
  "record-start": { action: "webinar-room.record_start", summary: "Avviata la registrazione" },
  "record-stop": { action: "webinar-room.record_stop", summary: "Fermata la registrazione" },
} as const;

/** POST /webinars/<slug>/room: join (a token), hand up/down, and the host's actions. */
export async function roomAction(request: Request, slug: string | undefined, meta: AuditMeta = {}) {
  const { user, webinar } = await requireRoomWebinar(request, slug);
  const form = await readForm(request);
  const parsed = parseForm(form, intentSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const input = parsed.data;
  const hostIntent = input.intent !== "join" && input.intent !== "hand";
  // Joining and the hand need the room open to the person; host actions need "webinar.host".
  const access = hostIntent ? null : await roomAccess(user, webinar);
  if (hostIntent) enforce(can(user, "webinar.host", webinar.item));
  else if (access && !access.join.allowed) return refused(access.join.reason, 403, access.join.values);
  const config = liveKitConfig();
  if (!config) return refused(NOT_CONFIGURED, 409);
  let egressId: string | undefined;
  try {
    switch (input.intent) {
      case "join": {
        await ensureRoom(config, webinar);
        const token = await mintToken(config, user, webinar, access!.role);
        return json({ ok: true as const, intent: input.intent, ...token }, { headers: { "Cache-Control": "no-store" } });
      }
      case "hand":
        await setHand(config, webinar, user.id, input.raised === "1");
        break;
      case "promote":
        await promote(config, webinar, input.identity);
        break;
      case "demote":
        await demote(config, webinar, input.identity);
        break;
      case "mute":
        await muteTrack(config, webinar, input.identity, input.trackSid);
        break;
      case "remove":
        await removeParticipant(config, webinar, input.identity);
        break;
      case "record-start":
        ({ egressId } = await startRecording(config, webinar, user.id));
        break;
      case "record-stop":
        ({ egressId } = await stopRecording(config, webinar));
        break;
    }
  } catch (error) {
    if (error instanceof LiveKitUnavailable) return refused(LIVEKIT_UNAVAILABLE, 503);
    if (isDomainError(error)) return refused((error as DomainError).key, error.status, error.values);
    throw error;
  }
  if (input.intent === "record-start" || input.intent === "record-stop") {
    const entry = RECORD_AUDIT[input.intent];
    await recordAudit({
      actorId: user.id,
      action: entry.action,
      targetType: "Webinar",
      targetId: webinar.id,
      summary: `${entry.summary} (webinar «${webinar.title}»)`,
      details: { egressId },
      ipAddress: meta.ipAddress,
    });
  } else if (input.intent !== "hand" && "identity" in input) {
    const entry = HOST_AUDIT[input.intent];
    await recordAudit({
      actorId: user.id,
      action: entry.action,
      targetType: "Webinar",
      targetId: webinar.id,
      summary: `${entry.summary} ${input.identity} (webinar «${webinar.title}»)`,
      details: { identity: input.identity, ...(input.intent === "mute" ? { trackSid: input.trackSid } : {}) },
      ipAddress: meta.ipAddress,
    });
  }
  return json({ ok: true as const, intent: input.intent }, { headers: { "Cache-Control": "no-store" } });
}
