// Webinar fixtures for the recordings, attendance, certificate and ledger tests (the webinars
// seed is written elsewhere; these tests make their own).
import { randomBytes } from "node:crypto";
import { db } from "~/lib/db.server.ts";

export const T0 = new Date(Date.UTC(2026, 10, 20, 9, 0, 0)); // 20 Nov 2026, 10:00 in Rome
export const at = (minutes: number, seconds = 0) => new Date(T0.getTime() + minutes * 60_000 + seconds * 1000);

export async function createWebinar(overrides: Partial<Parameters<typeof db.webinar.create>[0]["data"]> = {}) {
  const suffix = randomBytes(4).toString("hex");
  return db.webinar.create({
    data: {
      slug: `webinar-${suffix}`,
      title: `Webinar di prova ${suffix}`,
      description: "Descrizione",
      status: "ENDED",
      startsAt: T0,
      durationMinutes: 90,
      audience: "PUBLIC",
      roomName: `room-${suffix}`,
      liveStartedAt: T0,
      liveEndedAt: at(90),
      ...overrides,
    },
  });
}

let sid = 0;
/** One LiveKit connection of `userId` from minute `from` to minute `to` (null: never left). */
export function attend(webinarId: string, userId: string, from: number, to: number | null) {
  sid += 1;
  return db.webinarAttendance.create({ data: { webinarId, userId, participantSid: `PA_${sid}_${randomBytes(3).toString("hex")}`, joinedAt: at(from), leftAt: to === null ? null : at(to) } });
}

export function register(webinarId: string, userId: string) {
  return db.webinarRegistration.create({ data: { webinarId, userId, status: "REGISTERED" } });
}
