// The live interaction page's access: who may read (attendees while the webinar is scheduled or
// live, the archive afterwards), who may write (only while it runs), who moderates and who answers
// technical assistance. Every loader, action and stream of the live page starts here.
import { db } from "~/lib/db.server.ts";
import { forbidden, notFound } from "~/lib/http.server.ts";
import { can } from "~/modules/access/policy.server.ts";
import type { WebinarItem } from "~/modules/access/webinars.ts";
import { getUser, requireUser } from "~/modules/auth/current-user.server.ts";
import type { SessionUser } from "~/modules/auth/session.server.ts";
import { attendItem, enforceAttend, webinarItem } from "../access.server.ts";
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

async function roomFor(request: Request, user: SessionUser, item: WebinarItem | null): Promise<Room> {
  if (!item) throw notFound();
  const attend = await attendItem(request, user, item);
  const live = can(user, "webinar.attend", attend);
  const archive = can(user, "webinar.archive", attend);
  if (!live.allowed && !archive.allowed) {
    // A draft is not announced to anyone who may not run it.
    if (item.status === "DRAFT") throw notFound();
    enforceAttend(item, live);
  }
  const mayModerate = can(user, "webinar.moderate", item).allowed;
  // findFirst, not findUnique: Prisma merges the findUnique calls of one tick into one query, and
  // the SSE helper re-checks every open stream at once (2,000 readers made a query past SQLite's
  // parameter limit, which failed every re-check and ended every stream).
  const member = await db.webinarLiveMember.findFirst({ where: { webinarId: item.id, userId: user.id } });
  if (member?.removedAt && !mayModerate) throw forbidden("webinarLive:removedFromRoom");
  const webinar = await db.webinar.findUniqueOrThrow({
    where: { id: item.id },
    select: { id: true, slug: true, title: true, status: true, startsAt: true, liveStartedAt: true },
  });
  return {
    user,
    item,
    webinar,
    open: item.status === "SCHEDULED" || item.status === "LIVE",
    mayModerate,
    maySupport: can(user, "webinar.support", item).allowed,
    mayHost: can(user, "webinar.host", item).allowed,
    staff: mayModerate || can(user, "webinar.speak", item).allowed,
    muted: Boolean(member?.mutedAt),
    member: member !== null,
  };
}

/** The room of `/webinars/<slug>/live` for the signed-in user (redirect to sign in, 404, 403). */
export async function loadRoom(request: Request, slug: string): Promise<Room> {
  const user = await requireUser(request);
  return roomFor(request, user, await webinarItem({ slug }));
}

/** For streams: by webinar id, refusing visitors with a 403 (an EventSource cannot follow a sign-in redirect). */
export async function loadRoomById(request: Request, webinarId: string | null): Promise<Room> {
  const user = await getUser(request);
  if (!user) throw forbidden();
  if (!webinarId) throw notFound();
  return roomFor(request, user, await webinarItem({ id: webinarId }));
}

/** Writing needs a running webinar. */
export function assertOpen(room: Room) {
  if (!room.open) throw new LiveRefusal("webinarLive:errors.closed", 409);
}

export async function roomSettings(webinarId: string): Promise<SettingsView & { questionsImportedAt: Date | null }> {
  const row = await db.webinarLiveSettings.findUnique({ where: { webinarId } });
  return {
    chatEnabled: row?.chatEnabled ?? true,
    slowModeSeconds: row?.slowModeSeconds ?? 0,
    qaPremoderated: row?.qaPremoderated ?? false,
    questionsImportedAt: row?.questionsImportedAt ?? null,
  };
}
