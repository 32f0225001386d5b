// Lab sessions (online or in person) and their attendance register. The tutor ticks who was
// present and confirms the register; from then on the present members' minutes (the session's
// duration) count in the training-hours ledger (app/modules/training/ledger.server.ts).
import { db } from "~/lib/db.server.ts";
import { romeLocalInstant } from "~/lib/dates.ts";
import { DomainError } from "~/lib/domain-error.ts";
import { env } from "~/lib/env.server.ts";
import { recordAudit, type AuditMeta } from "~/modules/audit/audit.server.ts";
import { labIdsOf } from "./access.server.ts";
import type { SessionInput } from "./forms.ts";

type Actor = { id: string };

export async function createSession(actor: Actor, labId: string, input: SessionInput, meta: AuditMeta = {}) {
  const startsAt = romeLocalInstant(input.day, input.time)!;
  return db.$transaction(async (tx) => {
    const session = await tx.labSession.create({
      data: {
        labId, title: input.title, kind: input.kind, startsAt, durationMinutes: input.durationMinutes,
        place: input.kind === "IN_PERSON" ? (input.place ?? null) : null,
        address: input.kind === "IN_PERSON" ? (input.address ?? null) : null,
      },
    });
    await recordAudit({ actorId: actor.id, action: "lab.session_create", targetType: "Lab", targetId: labId, summary: `Programmato l'incontro «${input.title}»`, ipAddress: meta.ipAddress }, tx);
    return session;
  });
}

export async function labSessions(labId: string) {
  return db.labSession.findMany({
    where: { labId },
    orderBy: { startsAt: "asc" },
    select: { id: true, title: true, kind: true, startsAt: true, durationMinutes: true, place: true, address: true, confirmedAt: true, _count: { select: { attendance: true } } },
  });
}

/** The session with the lab's members and who is marked present (for the register page). */
export async function sessionRegister(labId: string, sessionId: string) {
  const session = await db.labSession.findFirst({
    where: { id: sessionId, labId },
    select: { id: true, title: true, kind: true, startsAt: true, durationMinutes: true, place: true, address: true, confirmedAt: true, attendance: { select: { userId: true, minutes: true } } },
  });
  if (!session) return null;
  const members = await db.labMember.findMany({ where: { labId }, select: { user: { select: { id: true, name: true, organization: { select: { name: true } } } } }, orderBy: { user: { name: "asc" } } });
  const present = new Map(session.attendance.map((a) => [a.userId, a.minutes]));
  return {
    session,
    people: members.map(({ user }) => ({ id: user.id, name: user.name, organization: user.organization?.name ?? "", present: present.has(user.id), minutes: present.get(user.id) ?? null })),
  };
}

/**
 * Saves the register: exactly `presentIds` (members of the lab) are present, each credited the
 * session's duration, and the register is confirmed. A session that has not started yet cannot be
 * confirmed. Saving again corrects it (the ledger follows).
 */
export async function confirmRegister(actor: Actor, labId: string, sessionId: string, presentIds: string[], meta: AuditMeta = {}, now = new Date()) {
  const session = await db.labSession.findFirst({ where: { id: sessionId, labId }, select: { id: true, title: true, startsAt: true, durationMinutes: true } });
  if (!session) throw new DomainError("labs:errors.sessionNotFound", {}, { status: 404 });
  if (session.startsAt > now) throw new DomainError("labs:errors.sessionNotStarted", {}, { status: 409 });
  const members = new Set((await db.labMember.findMany({ where: { labId }, select: { userId: true } })).map((m) => m.userId));
  const present = [...new Set(presentIds)];
  if (present.some((id) => !members.has(id))) throw new DomainError("labs:errors.notAMember", {}, { status: 400 });
  await db.$transaction(async (tx) => {
    await tx.labAttendance.deleteMany({ where: { sessionId, userId: { notIn: present } } });
    for (const userId of present) {
      await tx.labAttendance.upsert({
        where: { sessionId_userId: { sessionId, userId } },
        create: { sessionId, userId, minutes: session.durationMinutes, markedAt: now },
        update: { minutes: session.durationMinutes },
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
