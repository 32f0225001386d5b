// Who may enter a webinar's LiveKit room, when, and with which powers; the tokens that carry them.
// The webinar rules (app/modules/access/webinars.ts) decide who may attend; this file adds the time
// window (the room opens joinOpensMinutesBefore the start and closes at the end, earlier for those
// who run the webinar), seats (a webinar with a capacity admits registered attendees only) and the
// per-webinar role that becomes LiveKit grants: attendees watch and listen, speakers and hosts
// publish, hosts administer the room.
import { AccessToken, RoomServiceClient, TrackSource, type VideoGrant } from "livekit-server-sdk";
import { formatDateTime } from "~/lib/dates.ts";
import { db } from "~/lib/db.server.ts";
import { allow, can, deny, type ActorUser, type Decision } from "~/modules/access/policy.ts";
import type { WebinarItem } from "~/modules/access/webinars.ts";
import type { SessionUser } from "~/modules/auth/session.server.ts";
import { attendItem, webinarItem } from "../access.server.ts";
import { ROLE_ATTRIBUTE } from "./attributes.ts";
import type { LiveKitConfig } from "./config.server.ts";

export type RoomRole = "host" | "speaker" | "support" | "attendee";

/** What each room role may do with the media (the policy decided the role). */
export const ROOM_POWERS: Record<RoomRole, { publishes: boolean; administers: boolean; entersEarly: boolean; needsSeat: boolean }> = {
  host: { publishes: true, administers: true, entersEarly: true, needsSeat: false },
  speaker: { publishes: true, administers: false, entersEarly: true, needsSeat: false },
  support: { publishes: false, administers: false, entersEarly: true, needsSeat: false },
  attendee: { publishes: false, administers: false, entersEarly: false, needsSeat: true },
};

/** Seconds a token admits its first connection (LiveKit renews it for a connected participant). */
export const TOKEN_TTL_SECONDS = 10 * 60;
/** Those who run the webinar may enter this long before the start, to set up. */
export const STAFF_EARLY_MINUTES = 120;

export const NOT_YET_OPEN = "webinarRoom:reasons.notYetOpen";
export const ROOM_CLOSED = "webinarRoom:reasons.closed";
export const NOT_REGISTERED = "webinarRoom:reasons.notRegistered";

const roomSelect = {
  id: true,
  slug: true,
  title: true,
  status: true,
  startsAt: true,
  durationMinutes: true,
  joinOpensMinutesBefore: true,
  capacity: true,
  roomName: true,
  materials: { select: { id: true, title: true, fileName: true, size: true }, orderBy: { createdAt: "asc" } },
} as const;

export type RoomWebinar = NonNullable<Awaited<ReturnType<typeof findRoomWebinar>>> & { item: WebinarItem };

function findRoomWebinar(slug: string) {
  return db.webinar.findUnique({ where: { slug }, select: roomSelect });
}

/** The webinar behind /webinars/<slug>/room, with what the rules need; null when there is none. */
export async function loadRoomWebinar(slug: string | undefined): Promise<RoomWebinar | null> {
  if (!slug || slug.length > 200) return null;
  const [webinar, item] = await Promise.all([findRoomWebinar(slug), webinarItem({ slug })]);
  return webinar && item ? { ...webinar, item } : null;
}

/** The most the person may do in the room (tutors and admins are hosts of every webinar). */
export function roomRole(user: ActorUser, item: WebinarItem): RoomRole {
  if (can(user, "webinar.host", item).allowed) return "host";
  if (can(user, "webinar.speak", item).allowed) return "speaker";
  if (can(user, "webinar.support", item).allowed) return "support";
  return "attendee";
}

export function roomWindow(webinar: Pick<RoomWebinar, "startsAt" | "durationMinutes" | "joinOpensMinutesBefore">) {
  const start = webinar.startsAt.getTime();
  return {
    opensAt: new Date(start - webinar.joinOpensMinutesBefore * 60_000),
    staffOpensAt: new Date(start - Math.max(STAFF_EARLY_MINUTES, webinar.joinOpensMinutesBefore) * 60_000),
    endsAt: new Date(start + webinar.durationMinutes * 60_000),
  };
}

export type RoomAccess = {
  role: RoomRole;
  /** May the person enter the media room now (and if not, why). */
  join: Decision;
  opensAt: Date;
  endsAt: Date;
};

/**
 * What the signed-in user may do in the room. Throws nothing: callers first enforce
 * "webinar.attend" (attendRoom), then read `join` for the media.
 */
export async function roomAccess(user: SessionUser, webinar: RoomWebinar, now = new Date()): Promise<RoomAccess> {
  const role = roomRole(user, webinar.item);
  const window = roomWindow(webinar);
  const base = { role, opensAt: window.opensAt, endsAt: window.endsAt };
  if (webinar.status !== "SCHEDULED" && webinar.status !== "LIVE") return { ...base, join: deny(ROOM_CLOSED) };
  // A webinar running late stays open while LiveKit reports the room live.
  const over = now.getTime() > window.endsAt.getTime() && webinar.status !== "LIVE";
  if (over) return { ...base, join: deny(ROOM_CLOSED) };
  const powers = ROOM_POWERS[role];
  const opensAt = powers.entersEarly ? window.staffOpensAt : window.opensAt;
  if (now.getTime() < opensAt.getTime()) {
    return { ...base, join: deny(NOT_YET_OPEN, { opensAt: formatDateTime(opensAt, user.locale ?? "it") }) };
  }
  if (powers.needsSeat && webinar.capacity !== null) {
    const registration = await db.webinarRegistration.findUnique({ where: { webinarId_userId: { webinarId: webinar.id, userId: user.id } }, select: { status: true } });
    if (registration?.status !== "REGISTERED") return { ...base, join: deny(NOT_REGISTERED) };
  }
  return { ...base, join: allow };
}

/** "webinar.attend" for the room's loader and actions: the decision with the viewer's enrolments. */
export async function attendDecision(request: Request, user: SessionUser, webinar: RoomWebinar): Promise<Decision> {
  return can(user, "webinar.attend", await attendItem(request, user, webinar.item));
}

const PUBLISH_SOURCES = [TrackSource.CAMERA, TrackSource.MICROPHONE, TrackSource.SCREEN_SHARE, TrackSource.SCREEN_SHARE_AUDIO];

/** LiveKit grants for a role: only speakers and hosts publish; everyone may send data (reactions, hand). */
export function grantsFor(role: RoomRole, roomName: string): VideoGrant {
  const { publishes, administers } = ROOM_POWERS[role];
  return {
    roomJoin: true,
    room: roomName,
    canSubscribe: true,
    canPublish: publishes,
    canPublishSources: publishes ? PUBLISH_SOURCES : [],
    canPublishData: true,
    canUpdateOwnMetadata: false,
    roomAdmin: administers,
    hidden: false,
  };
}

export type RoomToken = { url: string; token: string; identity: string; role: RoomRole; expiresInSeconds: number };

/** A short-lived token for this person: identity = user id, their name, the role in metadata and attributes. */
export async function mintToken(config: LiveKitConfig, user: Pick<SessionUser, "id" | "name">, webinar: Pick<RoomWebinar, "id" | "roomName">, role: RoomRole): Promise<RoomToken> {
  const token = new AccessToken(config.apiKey, config.apiSecret, {
    identity: user.id,
    name: user.name,
    ttl: TOKEN_TTL_SECONDS,
    metadata: JSON.stringify({ role, webinarId: webinar.id }),
    attributes: { [ROLE_ATTRIBUTE]: role },
  });
  token.addGrant(grantsFor(role, webinar.roomName));
  return { url: config.url, token: await token.toJwt(), identity: user.id, role, expiresInSeconds: TOKEN_TTL_SECONDS };
}

export function roomService(config: LiveKitConfig) {
  return new RoomServiceClient(config.apiUrl, config.apiKey, config.apiSecret, { requestTimeout: 10 });
}

/**
 * Creates the room with the webinar's settings (LiveKit answers with the existing room when it is
 * already there, so calling it on every join is safe): kept 10 minutes before anyone joins and 5
 * after the last one leaves, so a dropped connection can come back to the same room.
 */
export async function ensureRoom(config: LiveKitConfig, webinar: Pick<RoomWebinar, "id" | "roomName" | "capacity">) {
  return roomService(config).createRoom({
    name: webinar.roomName,
    emptyTimeout: 10 * 60,
    departureTimeout: 5 * 60,
    // Seats plus room for those who run it; unlimited (0) without a capacity.
    maxParticipants: webinar.capacity ? webinar.capacity + 20 : 0,
    metadata: JSON.stringify({ webinarId: webinar.id }),
  });
}
