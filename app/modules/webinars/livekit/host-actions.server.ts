// What happens in a running room besides the media: an attendee raises or lowers a hand; a host
// promotes an attendee to speaker and back, mutes a published track, or removes a participant.
// Each is a call to LiveKit's RoomService; the caller's powers were checked by the route
// ("webinar.attend" for the hand, "webinar.host" for the rest). LiveKit replaces a participant's
// permission as a whole, so every field is sent on promote and demote.
import { ServerError, TrackSource } from "livekit-server-sdk";
import { DomainError } from "~/lib/domain-error.ts";
import { db } from "~/lib/db.server.ts";
import { errorFields, logger } from "~/lib/logger.server.ts";
import { HAND_ATTRIBUTE, ROLE_ATTRIBUTE } from "./attributes.ts";
import type { LiveKitConfig } from "./config.server.ts";
import { roomRole, roomService, ROOM_POWERS, type RoomWebinar } from "./room.server.ts";

export const NOT_IN_ROOM = "webinarRoom:errors.notInRoom";
export const LIVEKIT_UNAVAILABLE = "webinarRoom:errors.unavailable";
export const NOT_CONFIGURED = "webinarRoom:errors.notConfigured";
export const HOST_PROTECTED = "webinarRoom:errors.hostProtected";


/** LiveKit could not be reached or failed: the page says to try again. */
export class LiveKitUnavailable extends Error {
  constructor(cause: unknown) {
    super("LiveKit is unavailable", { cause });
    this.name = "LiveKitUnavailable";
  }
}

async function calling<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ServerError && (error.status === 404 || error.code === "not_found")) throw new DomainError(NOT_IN_ROOM, {}, { status: 409 });
    logger.warn("LiveKit RoomService call failed", { call: what, ...errorFields(error) });
    throw new LiveKitUnavailable(error);
  }
}

/** An attendee's own hand, up or down. */
export async function setHand(config: LiveKitConfig, webinar: Pick<RoomWebinar, "roomName">, identity: string, raised: boolean, now = Date.now()) {
  await calling("UpdateParticipant", () =>
    roomService(config).updateParticipant(webinar.roomName, identity, { attributes: { [HAND_ATTRIBUTE]: raised ? String(now) : "" } }),
  );
}

function permission(publishes: boolean) {
  return {
    canSubscribe: true,
    canPublish: publishes,
    canPublishData: true,
    canPublishSources: publishes ? [TrackSource.CAMERA, TrackSource.MICROPHONE, TrackSource.SCREEN_SHARE, TrackSource.SCREEN_SHARE_AUDIO] : [],
    hidden: false,
    recorder: false,
    canUpdateMetadata: false,
    agent: false,
    canSubscribeMetrics: false,
    canManageAgentSession: false,
  };
}

/**
 * Another host (or a tutor or admin, hosts of every webinar) is never demoted, muted against their
 * will or removed by a host: only attendees, speakers and support staff are.
 */
async function assertNotAHost(webinar: RoomWebinar, identity: string) {
  const target = await db.user.findUnique({ where: { id: identity }, select: { id: true, role: true, organizationId: true, isOrganizationManager: true } });
  if (!target) return;
  if (ROOM_POWERS[roomRole(target, webinar.item)].administers) {
    throw new DomainError(HOST_PROTECTED, {}, { status: 409 });
  }
}

/** Lets an attendee publish camera, microphone and screen; the hand goes down. */
export async function promote(config: LiveKitConfig, webinar: RoomWebinar, identity: string) {
  await assertNotAHost(webinar, identity);
  await calling("UpdateParticipant", () =>
    roomService(config).updateParticipant(webinar.roomName, identity, {
      permission: permission(true),
      attributes: { [ROLE_ATTRIBUTE]: "speaker", [HAND_ATTRIBUTE]: "" },
    }),
  );
}

/** Back to the audience: LiveKit unpublishes the participant's tracks. */
export async function demote(config: LiveKitConfig, webinar: RoomWebinar, identity: string) {
  await assertNotAHost(webinar, identity);
  await calling("UpdateParticipant", () =>
    roomService(config).updateParticipant(webinar.roomName, identity, {
      permission: permission(false),
      attributes: { [ROLE_ATTRIBUTE]: "attendee", [HAND_ATTRIBUTE]: "" },
    }),
  );
}

export async function muteTrack(config: LiveKitConfig, webinar: RoomWebinar, identity: string, trackSid: string) {
  await assertNotAHost(webinar, identity);
  await calling("MutePublishedTrack", () => roomService(config).mutePublishedTrack(webinar.roomName, identity, trackSid, true));
}

export async function removeParticipant(config: LiveKitConfig, webinar: RoomWebinar, identity: string) {
  await assertNotAHost(webinar, identity);
  await calling("RemoveParticipant", () => roomService(config).removeParticipant(webinar.roomName, identity));
}
