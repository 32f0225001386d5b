// The catalogue (/webinars) and the detail page (/webinars/<slug>): what each kind of viewer
// sees. Visitors: published webinars that are public or part of a kit (with the kits that
// include them). Members: the same plus those for their organization, each with the policy's
// answer (allowed, or the reason in its words). Staff: everything, drafts included. A webinar
// for invited organizations is shown only to the invited (and staff, and its own people).
import { db } from "~/lib/db.server.ts";
import { romeDayStart, romeMonthStart, isMonth, addMonthsToDay, romeMonth } from "~/lib/dates.ts";
import { renderMarkdown } from "~/lib/markdown/markdown.server.ts";
import type { Prisma } from "~/generated/sqlite/client.ts";
import { can, type Decision } from "~/modules/access/policy.server.ts";
import { WEBINAR_NOT_INVITED } from "~/modules/access/webinars.ts";
import type { SessionUser } from "~/modules/auth/session.server.ts";
import { KITS, type Kit } from "~/modules/kits/catalogue.ts";
import { attendItem, toWebinarItem } from "./access.server.ts";
import { waitlistPosition } from "./registration.server.ts";
import { replayItem } from "./recordings/access.server.ts";

export type CatalogueFilters = { month?: string; kit?: Kit; topic?: string };

export function parseFilters(url: URL): CatalogueFilters {
  const month = url.searchParams.get("month") ?? "";
  const kit = url.searchParams.get("kit") ?? "";
  const topic = (url.searchParams.get("topic") ?? "").trim().slice(0, 80);
  return {
    month: isMonth(month) ? month : undefined,
    kit: (KITS as readonly string[]).includes(kit) ? (kit as Kit) : undefined,
    topic: topic || undefined,
  };
}

const listSelect = {
  id: true,
  slug: true,
  title: true,
  status: true,
  startsAt: true,
  durationMinutes: true,
  capacity: true,
  registeredCount: true,
  audience: true,
  pathwayKit: true,
  topic: true,
  cancelReason: true,
  audienceKits: { select: { kit: true } },
  audienceOrganizations: { select: { organizationId: true } },
  roles: { select: { userId: true, role: true } },
  labId: true,
} as const;

type ListRow = Prisma.WebinarGetPayload<{ select: typeof listSelect }>;

const isStaffViewer = (user: SessionUser | null) => !!user && can(user, "webinars.schedule").allowed;

const toItem = (row: ListRow) => toWebinarItem(row);

/** The policy's answer for this viewer, or null for a visitor. */
async function decide(request: Request, user: SessionUser | null, row: ListRow): Promise<Decision | null> {
  if (!user) return null;
  return can(user, "webinar.attend", await attendItem(request, user, toItem(row)));
}

/** May this viewer see that the webinar exists? */
function visible(user: SessionUser | null, row: ListRow, decision: Decision | null) {
  if (isStaffViewer(user)) return true;
  if (row.status === "DRAFT") return false;
  if (row.audience === "ORGANIZATIONS") {
    if (!decision) return false;
    return decision.allowed || decision.reason !== WEBINAR_NOT_INVITED;
  }
  return true;
}

function summary(row: ListRow, decision: Decision | null) {
  return {
    slug: row.slug,
    title: row.title,
    status: row.status,
    startsAt: row.startsAt.toISOString(),
    durationMinutes: row.durationMinutes,
    seatsLeft: row.capacity === null ? null : Math.max(0, row.capacity - row.registeredCount),
    audience: row.audience,
    kits: row.audienceKits.map((entry) => entry.kit),
    topic: row.topic,
    decision,
  };
}

export type CatalogueEntry = ReturnType<typeof summary>;

export async function catalogue(request: Request, user: SessionUser | null, filters: CatalogueFilters, now = new Date()) {
  const where: Prisma.WebinarWhereInput = {};
  if (!isStaffViewer(user)) where.status = { not: "DRAFT" };
  if (!user) where.audience = { in: ["PUBLIC", "KITS"] };
  // An online lab session's room is reached from the lab's session page, never from the catalogue
  // (not even for the lab's people or staff: it is not a webinar one registers for).
  where.labId = null;
  if (filters.month) where.startsAt = { gte: romeMonthStart(filters.month), lt: romeDayStart(addMonthsToDay(`${filters.month}-01`, 1)) };
  if (filters.kit) where.OR = [{ pathwayKit: filters.kit }, { audienceKits: { some: { kit: filters.kit } } }];
  if (filters.topic) where.topic = filters.topic;
  const rows = await db.webinar.findMany({ where, select: listSelect, orderBy: [{ startsAt: "asc" }, { id: "asc" }], take: 500 });
  const upcoming: CatalogueEntry[] = [];
  const past: CatalogueEntry[] = [];
  for (const row of rows) {
    const decision = await decide(request, user, row);
    if (!visible(user, row, decision)) continue;
    const ends = row.startsAt.getTime() + row.durationMinutes * 60_000;
    const isPast = row.status === "ENDED" || (row.status !== "LIVE" && ends < now.getTime());
    (isPast ? past : upcoming).push(summary(row, decision));
  }
  past.reverse();
  const topics = await db.webinar.findMany({ where: { topic: { not: null }, status: { not: "DRAFT" }, labId: null }, select: { topic: true }, distinct: ["topic"], orderBy: { topic: "asc" } });
  // The months that have webinars, for the month filter (a select works in every browser; a
  // type=month field is plain text in Safari and Firefox).
  const starts = await db.webinar.findMany({ where: { status: { not: "DRAFT" }, labId: null }, select: { startsAt: true } });
  const months = [...new Set(starts.map((entry) => romeMonth(entry.startsAt)))].sort();
  return { upcoming, past: past.slice(0, 50), topics: topics.map((entry) => entry.topic as string), months };
}

/**
 * The detail page's data, or null when this viewer may not know the webinar exists (a draft for
 * non-staff, an invited-organizations webinar for the uninvited): the route answers 404.
 */
export async function webinarDetail(request: Request, user: SessionUser | null, slug: string) {
  const row = await db.webinar.findUnique({
    where: { slug },
    select: {
      ...listSelect,
      description: true,
      joinOpensMinutesBefore: true,
      selfRegistration: true,
      icsSequence: true,
      materials: { select: { id: true, title: true, fileName: true, size: true, contentType: true }, orderBy: { createdAt: "asc" } },
      roles: { select: { userId: true, role: true, user: { select: { name: true, jobTitle: true } } } },
    },
  });
  if (!row) return null;
  if (!user && row.audience === "ORGANIZATIONS") return null;
  const decision = await decide(request, user, row);
  if (!visible(user, row, decision)) return null;
  const registration = user
    ? await db.webinarRegistration.findUnique({ where: { webinarId_userId: { webinarId: row.id, userId: user.id } }, select: { status: true, question: true } })
    : null;
  const mine = registration && registration.status !== "CANCELLED" ? registration : null;
  const position = user && mine?.status === "WAITLISTED" ? await waitlistPosition(row.id, user.id) : null;
  const materialsDecision = user
    ? can(user, "webinar.materials", { ...(await attendItem(request, user, toItem(row))), registered: mine?.status === "REGISTERED" })
    : null;
  const follow = user ? await followUpLinks(request, user, row) : { report: false, recording: false };
  // A lab session's room: the page sends people to the session (nobody registers for the room).
  const labSession = row.labId ? await db.labSession.findUnique({ where: { webinarId: row.id }, select: { id: true, labId: true, lab: { select: { title: true } } } }) : null;
  // Per-webinar roles grouped by kind, for display (who decides what is the policy's business).
  const byKind: Record<string, { name: string; jobTitle: string | null }[]> = {};
  for (const entry of row.roles) (byKind[entry.role] ??= []).push({ name: entry.user.name, jobTitle: entry.user.jobTitle });
  const people = (kind: "HOST" | "SPEAKER" | "SUPPORT") => byKind[kind] ?? [];
  return {
    webinar: {
      ...summary(row, decision),
      id: row.id,
      descriptionHtml: renderMarkdown(row.description),
      joinOpensMinutesBefore: row.joinOpensMinutesBefore,
      selfRegistration: row.selfRegistration,
      cancelReason: row.cancelReason,
      capacity: row.capacity,
      pathwayKit: row.pathwayKit,
    },
    speakers: people("SPEAKER"),
    hosts: people("HOST"),
    materials: materialsDecision?.allowed ? row.materials : [],
    materialsHidden: row.materials.length > 0 && !materialsDecision?.allowed,
    registration: mine ? { status: mine.status, question: mine.question, position } : null,
    staff: isStaffViewer(user),
    links: follow,
    labSession: labSession ? { url: `/labs/${labSession.labId}/sessions/${labSession.id}`, labTitle: labSession.lab.title } : null,
  };
}

/** Whether the viewer gets links to the attendance report (hosts, staff) and the recording (those who may watch a finished one, or upload one). */
async function followUpLinks(request: Request, user: SessionUser, row: ListRow) {
  const item = toItem(row);
  const mayManage = can(user, "webinar.recording.manage", item).allowed;
  const recorded = (await db.recording.count({ where: { webinarId: row.id, status: "COMPLETE" } })) > 0;
  const mayWatch = recorded && can(user, "webinar.replay", await replayItem(request, user, item)).allowed;
  return { report: can(user, "webinar.report", item).allowed, recording: mayManage || mayWatch };
}

/** Whether the viewer may read this webinar's materials (for the download route). */
export async function mayReadMaterials(request: Request, user: SessionUser, webinarId: string) {
  const row = await db.webinar.findUnique({ where: { id: webinarId }, select: listSelect });
  if (!row) return false;
  const registration = await db.webinarRegistration.findUnique({ where: { webinarId_userId: { webinarId, userId: user.id } }, select: { status: true } });
  return can(user, "webinar.materials", { ...(await attendItem(request, user, toItem(row))), registered: registration?.status === "REGISTERED" }).allowed;
}

/** The webinar as an iCalendar source (download route), if the viewer may see it. */
export async function icsSource(request: Request, user: SessionUser | null, slug: string) {
  const detail = await webinarDetail(request, user, slug);
  if (!detail) return null;
  return db.webinar.findUnique({ where: { slug } });
}
