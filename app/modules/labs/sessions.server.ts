// Lab sessions (online or in person) and their attendance register. The tutor ticks who was
// present and confirms the register; from then on the present members' minutes (the session's
// duration) count in the training-hours ledger (app/modules/training/ledger.server.ts).
import { db } from "~/lib/db.server.ts";
import { romeLocalInstant } from "~/lib/dates.ts";
import { DomainError } from "~/lib/domain-error.ts";
import { env } from "~/lib/env.server.ts";
import { recordAudit, type AuditMeta } from "~/modules/audit/audit.server.ts";
import { creditWebinarSelect, webinarCredits } from "~/modules/webinars/attendance/credits.server.ts";
import { wholeMinutes } from "~/modules/webinars/attendance/intervals.ts";
import { cancelLabWebinar, createLabWebinar, labRoomsChanged, updateLabWebinar } from "~/modules/webinars/webinars.server.ts";
import { labIdsOf } from "./access.server.ts";
import type { SessionInput } from "./forms.ts";

type Actor = { id: string };

const sessionColumns = (input: SessionInput) => ({
  title: input.title,
  kind: input.kind,
  startsAt: romeLocalInstant(input.day, input.time)!,
  durationMinutes: input.durationMinutes,
  place: input.kind === "IN_PERSON" ? (input.place ?? null) : null,
  address: input.kind === "IN_PERSON" ? (input.address ?? null) : null,
});

/** Why a lab room was closed (shown on the webinar's page to its hosts). */
const ROOM_CLOSED_REASON = "Incontro del laboratorio annullato o spostato in presenza";

/**
 * A new session. An ONLINE one gets its room (a lab-restricted webinar, the lab's tutors as hosts)
 * in the same transaction, linked both ways (`Webinar.labId`, `LabSession.webinarId`).
 */
export async function createSession(actor: Actor, labId: string, input: SessionInput, meta: AuditMeta = {}) {
  const columns = sessionColumns(input);
  return db.$transaction(async (tx) => {
    const webinarId = columns.kind === "ONLINE" ? (await createLabWebinar(tx, labId, roomFields(columns), actor.id)).id : null;
    const session = await tx.labSession.create({ data: { labId, ...columns, webinarId } });
    await recordAudit({ actorId: actor.id, action: "lab.session_create", targetType: "Lab", targetId: labId, summary: `Programmato l'incontro «${input.title}»`, ipAddress: meta.ipAddress }, tx);
    return session;
  });
}

const roomFields = (columns: { title: string; startsAt: Date; durationMinutes: number }) => ({ title: columns.title, startsAt: columns.startsAt, durationMinutes: columns.durationMinutes });

/** The session as its edit form shows it, or null. */
export async function sessionForEdit(labId: string, sessionId: string) {
  return db.labSession.findFirst({ where: { id: sessionId, labId }, select: { id: true, title: true, kind: true, startsAt: true, durationMinutes: true, place: true, address: true } });
}

/**
 * Saves the session's fields; its room follows: moved or renamed with it, opened when the session
 * goes online, cancelled when it goes in person (the attendance the room recorded stays with the
 * cancelled webinar; the register already confirmed stays as it is).
 */
export async function updateSession(actor: Actor, labId: string, sessionId: string, input: SessionInput, meta: AuditMeta = {}) {
  const columns = sessionColumns(input);
  const session = await db.$transaction(async (tx) => {
    const before = await tx.labSession.findFirst({ where: { id: sessionId, labId }, select: { webinarId: true } });
    if (!before) throw new DomainError("labs:errors.sessionNotFound", {}, { status: 404 });
    const room = before.webinarId ? await tx.webinar.findUnique({ where: { id: before.webinarId }, select: { id: true, status: true } }) : null;
    let webinarId = room && room.status !== "CANCELLED" ? room.id : null;
    if (columns.kind === "ONLINE") {
      if (webinarId) await updateLabWebinar(tx, webinarId, roomFields(columns));
      else webinarId = (await createLabWebinar(tx, labId, roomFields(columns), actor.id)).id;
    } else if (webinarId) {
      await cancelLabWebinar(tx, webinarId, ROOM_CLOSED_REASON);
      webinarId = null;
    }
    const session = await tx.labSession.update({ where: { id: sessionId }, data: { ...columns, webinarId } });
    await recordAudit({ actorId: actor.id, action: "lab.session_update", targetType: "Lab", targetId: labId, summary: `Modificato l'incontro «${input.title}»`, ipAddress: meta.ipAddress }, tx);
    return session;
  });
  await labRoomsChanged(labId);
  return session;
}

/** Deletes the session (and its register: those hours leave the ledger); its room is cancelled. */
export async function deleteSession(actor: Actor, labId: string, sessionId: string, meta: AuditMeta = {}) {
  await db.$transaction(async (tx) => {
    const session = await tx.labSession.findFirst({ where: { id: sessionId, labId }, select: { title: true, webinarId: true } });
    if (!session) throw new DomainError("labs:errors.sessionNotFound", {}, { status: 404 });
    if (session.webinarId) await cancelLabWebinar(tx, session.webinarId, ROOM_CLOSED_REASON);
    await tx.labSession.delete({ where: { id: sessionId } });
    await recordAudit({ actorId: actor.id, action: "lab.session_delete", targetType: "Lab", targetId: labId, summary: `Annullato l'incontro «${session.title}»`, ipAddress: meta.ipAddress }, tx);
  });
  await labRoomsChanged(labId);
}

export async function labSessions(labId: string) {
  return db.labSession.findMany({
    where: { labId },
    orderBy: { startsAt: "asc" },
    select: { id: true, title: true, kind: true, startsAt: true, durationMinutes: true, place: true, address: true, confirmedAt: true, _count: { select: { attendance: true } } },
  });
}

/**
 * What the room recorded for an online session (LiveKit webhooks): per member, the minutes
 * connected inside the live window (capped at the duration) and whether they reach the room's
 * threshold (75 % of the duration by default, the same share as a webinar certificate). Empty for
 * an in-person session or a room nobody entered.
 */
async function onlinePresence(webinarId: string | null, memberIds: string[], now = new Date()) {
  const result = new Map<string, { minutes: number; reached: boolean }>();
  if (!webinarId || !memberIds.length) return result;
  const webinar = await db.webinar.findUnique({ where: { id: webinarId }, select: creditWebinarSelect });
  if (!webinar) return result;
  for (const [userId, credit] of await webinarCredits({ ...webinar, replayCountsForCertificate: false }, memberIds, now)) {
    if (credit.liveSeconds > 0) result.set(userId, { minutes: wholeMinutes(credit.creditedSeconds), reached: credit.reachesThreshold });
  }
  return result;
}

/**
 * The session with the lab's members and who is marked present (for the register page). For an
 * online session each person also carries the minutes the room recorded, and until the register
 * is confirmed those who reached the threshold come ticked (`present`): the tutor confirms.
 */
export async function sessionRegister(labId: string, sessionId: string, now = new Date()) {
  const session = await db.labSession.findFirst({
    where: { id: sessionId, labId },
    select: {
      id: true, title: true, kind: true, startsAt: true, durationMinutes: true, place: true, address: true, confirmedAt: true, webinarId: true,
      attendance: { select: { userId: true, minutes: true } },
    },
  });
  if (!session) return null;
  const members = await db.labMember.findMany({ where: { labId }, select: { user: { select: { id: true, name: true, organization: { select: { name: true } } } } }, orderBy: { user: { name: "asc" } } });
  const present = new Map(session.attendance.map((a) => [a.userId, a.minutes]));
  const online = session.kind === "ONLINE" ? await onlinePresence(session.webinarId, members.map((m) => m.user.id), now) : new Map<string, { minutes: number; reached: boolean }>();
  const room = session.kind === "ONLINE" && session.webinarId ? await db.webinar.findUnique({ where: { id: session.webinarId }, select: { slug: true, status: true } }) : null;
  return {
    session,
    room: room && room.status !== "CANCELLED" ? { slug: room.slug } : null,
    people: members.map(({ user }) => ({
      id: user.id,
      name: user.name,
      organization: user.organization?.name ?? "",
      present: session.confirmedAt ? present.has(user.id) : (online.get(user.id)?.reached ?? false),
      minutes: present.get(user.id) ?? null,
      onlineMinutes: online.get(user.id)?.minutes ?? null,
    })),
  };
}

/**
 * Saves the register: exactly `presentIds` (members of the lab) are present, and the register is
 * confirmed. Each is credited the session's duration; at an online session, the minutes the room
 * recorded for them when it recorded any (a person the tutor vouches for whom the room never saw,
 * say someone who followed from a colleague's screen, gets the duration). A session that has not
 * started yet cannot be confirmed. Saving again corrects it (the ledger follows).
 */
export async function confirmRegister(actor: Actor, labId: string, sessionId: string, presentIds: string[], meta: AuditMeta = {}, now = new Date()) {
  const session = await db.labSession.findFirst({ where: { id: sessionId, labId }, select: { id: true, title: true, kind: true, startsAt: true, durationMinutes: true, webinarId: true } });
  if (!session) throw new DomainError("labs:errors.sessionNotFound", {}, { status: 404 });
  if (session.startsAt > now) throw new DomainError("labs:errors.sessionNotStarted", {}, { status: 409 });
  const members = new Set((await db.labMember.findMany({ where: { labId }, select: { userId: true } })).map((m) => m.userId));
  const present = [...new Set(presentIds)];
  if (present.some((id) => !members.has(id))) throw new DomainError("labs:errors.notAMember", {}, { status: 400 });
  const online = session.kind === "ONLINE" ? await onlinePresence(session.webinarId, present, now) : new Map<string, { minutes: number }>();
  const minutesOf = (userId: string) => online.get(userId)?.minutes ?? session.durationMinutes;
  await db.$transaction(async (tx) => {
    await tx.labAttendance.deleteMany({ where: { sessionId, userId: { notIn: present } } });
    for (const userId of present) {
      await tx.labAttendance.upsert({
        where: { sessionId_userId: { sessionId, userId } },
        create: { sessionId, userId, minutes: minutesOf(userId), markedAt: now },
        update: { minutes: minutesOf(userId) },
      });
    }
    await tx.labSession.update({ where: { id: sessionId }, data: { confirmedAt: now, confirmedById: actor.id } });
    await recordAudit({ actorId: actor.id, action: "lab.register_confirm", targetType: "Lab", targetId: labId, summary: `Registro dell'incontro «${session.title}»: ${present.length} presenti`, ipAddress: meta.ipAddress }, tx);
  });
}

export type CalendarEntry = { uid: string; title: string; startsAt: Date; endsAt: Date; location: string; url: string };

/**
 * The lab sessions of the labs `userId` belongs to (member or tutor) starting in [from, to), for
 * the personal calendar and the digest. Members whose kit no longer grants the lab get none.
 */
export async function labSessionsForUser(userId: string, from: Date, to: Date): Promise<CalendarEntry[]> {
  const labIds = await labIdsOf(userId);
  if (!labIds.length) return [];
  const sessions = await db.labSession.findMany({
    where: { labId: { in: labIds }, startsAt: { gte: from, lt: to } },
    orderBy: { startsAt: "asc" },
    select: { id: true, labId: true, title: true, kind: true, startsAt: true, durationMinutes: true, place: true, address: true, lab: { select: { title: true } } },
  });
  const base = env().APP_URL.replace(/\/$/, "");
  return sessions.map((s) => ({
    uid: `lab-session-${s.id}@coop`,
    title: `${s.lab.title}: ${s.title}`,
    startsAt: s.startsAt,
    endsAt: new Date(s.startsAt.getTime() + s.durationMinutes * 60_000),
    location: s.kind === "IN_PERSON" ? [s.place, s.address].filter(Boolean).join(", ") : `${base}/labs/${s.labId}`,
    url: `${base}/labs/${s.labId}/sessions/${s.id}`,
  }));
}
