// The live interaction page's access: who may read (attendees while the webinar is scheduled or
// live, the archive afterwards), who may write (only while it runs), who moderates and who answers
// technical assistance. Every loader, action and stream of the live page starts here.
import { db } from "~/lib/db.server.ts";
import { forbidden, notFound } from "~/lib/http.server.ts";
import { can } from "~/modules/access/policy.server.ts";
import type { WebinarItem } from "~/modules/access/webinars.ts";
import { getUser, requireUser } from "~/modules/auth/current-user.server.ts";
import type { SessionUser } from "~/modules/auth/session.server.ts";
import { attendItem, enforceAttend, toWebinarItem, webinarItemSelect } from "../access.server.ts";
import { heldMembers, heldWebinars, memberKey, watchChanges } from "./held.server.ts";
import type { SettingsView } from "./limits.ts";

export const roomStream = (webinarId: string) => `webinar:${webinarId}:room`;
export const staffStream = (webinarId: string) => `webinar:${webinarId}:staff`;
export const personStream = (webinarId: string, userId: string) => `webinar:${webinarId}:person:${userId}`;

export type Room = {
  user: SessionUser;
  item: WebinarItem;
  webinar: { id: string; slug: string; title: string; status: WebinarItem["status"]; startsAt: Date; liveStartedAt: Date | null };
  /** Scheduled or live: people may write. Otherwise the page is the read-only archive. */
  open: boolean;
  mayModerate: boolean;
  maySupport: boolean;
  mayHost: boolean;
  /** Hosts, speakers and support staff: see who asked, pending questions and poll results. */
  staff: boolean;
  muted: boolean;
  /** The person has their row in the room (it is written with their first message). */
  member: boolean;
};

/** Refusals of the live features, with an i18n key the page shows next to the form. */
export class LiveRefusal extends Error {
  constructor(
    readonly reason: string,
    readonly status: 400 | 403 | 404 | 409 | 429 = 400,
    readonly values: Record<string, string | number> = {},
  ) {
    super(reason);
  }
}

type RoomWebinar = { item: WebinarItem; webinar: Room["webinar"] };
type MemberRow = { muted: boolean; removed: boolean } | null;

/** The webinar as the rules see it and as the page names it, in one query. */
async function readWebinar(where: { id: string } | { slug: string }): Promise<RoomWebinar | null> {
  const row = await db.webinar.findUnique({
    where,
    select: { ...webinarItemSelect, slug: true, title: true, startsAt: true, liveStartedAt: true },
  });
  if (!row) return null;
  const { id, slug, title, status, startsAt, liveStartedAt } = row;
  return { item: toWebinarItem(row), webinar: { id, slug, title, status, startsAt, liveStartedAt } };
}

async function readMember(webinarId: string, userId: string): Promise<MemberRow> {
  // Raw: on every chat message and vote, and Prisma's query compiler costs several times the query.
  const [row] = await db.$queryRaw<{ mutedAt: unknown; removedAt: unknown }[]>`
    SELECT "mutedAt", "removedAt" FROM "WebinarLiveMember" WHERE "webinarId" = ${webinarId} AND "userId" = ${userId}`;
  return row ? { muted: row.mutedAt !== null, removed: row.removedAt !== null } : null;
}

/** Where the room's facts come from: the database, or the copies held a few seconds (held.server.ts). */
type Source = { webinar: (where: { id: string } | { slug: string }) => Promise<RoomWebinar | null>; member: (webinarId: string, userId: string) => Promise<MemberRow> };
const fresh: Source = { webinar: readWebinar, member: readMember };
const held: Source = {
  webinar: (where) => {
    watchChanges();
    const key = "id" in where ? `id:${where.id}` : `slug:${where.slug}`;
    return heldWebinars.get(key, () => readWebinar(where), (value) => value !== null) as Promise<RoomWebinar | null>;
  },
  member: (webinarId, userId) => {
    watchChanges();
    return heldMembers.get(memberKey(webinarId, userId), () => readMember(webinarId, userId)) as Promise<MemberRow>;
  },
};

async function roomFor(request: Request, user: SessionUser, found: RoomWebinar | null, source: Source): Promise<Room> {
  if (!found) throw notFound();
  const { item, webinar } = found;
  const attend = await attendItem(request, user, item);
  const live = can(user, "webinar.attend", attend);
  const archive = can(user, "webinar.archive", attend);
  if (!live.allowed && !archive.allowed) {
    // A draft is not announced to anyone who may not run it.
    if (item.status === "DRAFT") throw notFound();
    enforceAttend(item, live);
  }
  const mayModerate = can(user, "webinar.moderate", item).allowed;
  const member = await source.member(item.id, user.id);
  if (member?.removed && !mayModerate) throw forbidden("webinarLive:removedFromRoom");
  return {
    user,
    item,
    webinar,
    open: item.status === "SCHEDULED" || item.status === "LIVE",
    mayModerate,
    maySupport: can(user, "webinar.support", item).allowed,
    mayHost: can(user, "webinar.host", item).allowed,
    staff: mayModerate || can(user, "webinar.speak", item).allowed,
    muted: Boolean(member?.muted),
    member: member !== null,
  };
}

/**
 * The room of `/webinars/<slug>/live` for the signed-in user (redirect to sign in, 404, 403).
 * `held`: from the copies held a few seconds (the chat's and votes' hot path; see held.server.ts).
 */
export async function loadRoom(request: Request, slug: string, options: { held?: boolean } = {}): Promise<Room> {
  const user = await requireUser(request);
  const source = options.held ? held : fresh;
  return roomFor(request, user, await source.webinar({ slug }), source);
}

/** For streams: by webinar id, refusing visitors with a 403 (an EventSource cannot follow a sign-in redirect). */
export async function loadRoomById(request: Request, webinarId: string | null): Promise<Room> {
  const user = await getUser(request);
  if (!user) throw forbidden();
  if (!webinarId) throw notFound();
  return roomFor(request, user, await readWebinar({ id: webinarId }), fresh);
}

/** Writing needs a running webinar. */
export function assertOpen(room: Room) {
  if (!room.open) throw new LiveRefusal("webinarLive:errors.closed", 409);
}

export async function roomSettings(webinarId: string): Promise<SettingsView & { questionsImportedAt: Date | null }> {
  // Raw: read on every chat message (see readMember).
  const [row] = await db.$queryRaw<{ chatEnabled: boolean | number | bigint; slowModeSeconds: number | bigint; qaPremoderated: boolean | number | bigint; questionsImportedAt: unknown }[]>`
    SELECT "chatEnabled", "slowModeSeconds", "qaPremoderated", "questionsImportedAt" FROM "WebinarLiveSettings" WHERE "webinarId" = ${webinarId}`;
  const importedAt = row?.questionsImportedAt;
  return {
    chatEnabled: row ? Boolean(Number(row.chatEnabled)) : true,
    slowModeSeconds: row ? Number(row.slowModeSeconds) : 0,
    qaPremoderated: row ? Boolean(Number(row.qaPremoderated)) : false,
    questionsImportedAt: importedAt === null || importedAt === undefined ? null : importedAt instanceof Date ? importedAt : new Date(importedAt as string),
  };
}
