// Registration with a waitlist. Seats are counted by Webinar.registeredCount, changed only inside
// the transaction that changes a registration, and taken with ONE conditional update
// (`registeredCount < capacity`), which both SQLite and PostgreSQL apply atomically: two people
// can never take the last seat, and a freed seat promotes exactly one waitlisted person (first
// come, first served: queuedAt, then id).
import { db } from "~/lib/db.server.ts";
import { DomainError } from "~/lib/domain-error.ts";
import { transactionSlots } from "~/lib/db/transaction-slots.server.ts";
import { kickWorker } from "~/lib/jobs/queue.server.ts";
import type { Prisma } from "~/generated/sqlite/client.ts";
import { notifyPerson } from "./notify.server.ts";

type Tx = Prisma.TransactionClient;

// A burst of registrations (a popular webinar just announced) queues for a transaction slot
// (transaction-slots.server.ts), then for a connection: other work may hold the pool a moment, so
// wait for it rather than fail after Prisma's default two seconds.
const BURST = { maxWait: 15_000, timeout: 20_000 };

/** Takes one seat if there is one; true when taken. */
async function takeSeat(tx: Tx, webinarId: string, capacity: number | null) {
  if (capacity === null) {
    await tx.webinar.update({ where: { id: webinarId }, data: { registeredCount: { increment: 1 } } });
    return true;
  }
  const { count } = await tx.webinar.updateMany({ where: { id: webinarId, registeredCount: { lt: capacity } }, data: { registeredCount: { increment: 1 } } });
  return count === 1;
}

async function releaseSeat(tx: Tx, webinarId: string) {
  await tx.webinar.updateMany({ where: { id: webinarId, registeredCount: { gt: 0 } }, data: { registeredCount: { decrement: 1 } } });
}

/** The person's place in the waitlist (1 = next), or null when they are not waiting. */
export async function waitlistPosition(webinarId: string, userId: string, client: Tx = db) {
  const mine = await client.webinarRegistration.findUnique({ where: { webinarId_userId: { webinarId, userId } }, select: { id: true, status: true, queuedAt: true } });
  if (!mine || mine.status !== "WAITLISTED") return null;
  const ahead = await client.webinarRegistration.count({
    where: { webinarId, status: "WAITLISTED", OR: [{ queuedAt: { lt: mine.queuedAt } }, { queuedAt: mine.queuedAt, id: { lt: mine.id } }] },
  });
  return ahead + 1;
}

/**
 * Moves people from the waitlist into the seats that are free, in order, each with a promotion
 * email. Returns how many were promoted.
 */
export async function promoteWaitlisted(tx: Tx, webinarId: string): Promise<number> {
  const webinar = await tx.webinar.findUniqueOrThrow({ where: { id: webinarId } });
  if (webinar.status !== "SCHEDULED" && webinar.status !== "LIVE") return 0;
  let promoted = 0;
  for (;;) {
    const next = await tx.webinarRegistration.findFirst({
      where: { webinarId, status: "WAITLISTED" },
      orderBy: [{ queuedAt: "asc" }, { id: "asc" }],
      select: { id: true, user: { select: { name: true, email: true, locale: true } } },
    });
    if (!next) break;
    if (!(await takeSeat(tx, webinarId, webinar.capacity))) break;
    const { count } = await tx.webinarRegistration.updateMany({ where: { id: next.id, status: "WAITLISTED" }, data: { status: "REGISTERED", promotedAt: new Date() } });
    if (count === 0) {
      // Someone else changed that row first (it cancelled, or another transaction promoted it): give the seat back and look again.
      await releaseSeat(tx, webinarId);
      continue;
    }
    promoted++;
    await notifyPerson(tx, webinar, next.user, "promoted");
  }
  return promoted;
}

export type RegisterResult = { status: "REGISTERED" | "WAITLISTED"; position: number | null };

/**
 * Registers the person (whose right to attend the caller has checked with the policy): a seat
 * if there is one, otherwise the waitlist. A confirmation email with the calendar invitation,
 * or a waitlist email. Registering again after cancelling is allowed (at the end of the queue).
 */
export async function register(webinarId: string, user: { id: string; name: string; email: string; locale: string }, question: string | undefined): Promise<RegisterResult> {
  const result = await transactionSlots.run(() => db.$transaction(async (tx) => {
    const webinar = await tx.webinar.findUniqueOrThrow({ where: { id: webinarId } });
    if (webinar.status !== "SCHEDULED" && webinar.status !== "LIVE") throw new DomainError("webinars:errors.closed", {}, { status: 409 });
    const existing = await tx.webinarRegistration.findUnique({ where: { webinarId_userId: { webinarId, userId: user.id } } });
    if (existing && existing.status !== "CANCELLED") throw new DomainError("webinars:errors.alreadyRegistered", {}, { status: 409 });
    // Nobody jumps the queue: with people waiting, a newcomer waits too.
    const waiting = await tx.webinarRegistration.count({ where: { webinarId, status: "WAITLISTED" } });
    const seated = waiting === 0 && (await takeSeat(tx, webinarId, webinar.capacity));
    const status = seated ? ("REGISTERED" as const) : ("WAITLISTED" as const);
    const data = { status, question: question ?? null, queuedAt: new Date(), promotedAt: null, cancelledAt: null, reminder24hAt: null, reminder1hAt: null };
    if (existing) await tx.webinarRegistration.update({ where: { id: existing.id }, data });
    else await tx.webinarRegistration.create({ data: { ...data, webinarId, userId: user.id } });
    const position = seated ? null : await waitlistPosition(webinarId, user.id, tx);
    await notifyPerson(tx, webinar, user, seated ? "registered" : "waitlisted", { position: position ?? undefined });
    return { status, position };
  }, BURST));
  kickWorker();
  return result;
}

/**
 * Cancels the person's registration (or their place in the waitlist). A freed seat goes to the
 * first person waiting, in the same transaction. The person gets METHOD:CANCEL for their calendar.
 */
export async function cancelRegistration(webinarId: string, user: { id: string; name: string; email: string; locale: string }) {
  await transactionSlots.run(() => db.$transaction(async (tx) => {
    const current = await tx.webinar.findUniqueOrThrow({ where: { id: webinarId }, select: { status: true } });
    // After the webinar (or its cancellation) the registration is history: it stays as it was.
    if (current.status !== "SCHEDULED" && current.status !== "LIVE") throw new DomainError("webinars:errors.closed", {}, { status: 409 });
    const registration = await tx.webinarRegistration.findUnique({ where: { webinarId_userId: { webinarId, userId: user.id } } });
    if (!registration || registration.status === "CANCELLED") throw new DomainError("webinars:errors.notRegistered", {}, { status: 409 });
    const { count } = await tx.webinarRegistration.updateMany({
      where: { id: registration.id, status: registration.status },
      data: { status: "CANCELLED", cancelledAt: new Date() },
    });
    if (count === 0) throw new DomainError("webinars:errors.notRegistered", {}, { status: 409 });
    const webinar = await tx.webinar.findUniqueOrThrow({ where: { id: webinarId } });
    if (registration.status === "REGISTERED") {
      await releaseSeat(tx, webinarId);
      await notifyPerson(tx, webinar, user, "unregistered");
      await promoteWaitlisted(tx, webinarId);
    }
  }, BURST));
  kickWorker();
}
