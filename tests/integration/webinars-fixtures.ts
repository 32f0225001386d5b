// Shared builders for the webinar tests: organizations with a running or ended kit, members
// signed in, and webinars created straight in the database.
import { randomBytes } from "node:crypto";
import { db } from "~/lib/db.server.ts";
import { createUser, sessionCookieFor } from "../helpers/fixtures.ts";

const DAY = 24 * 3600 * 1000;

export async function organizationWithKit(kit: "BASIC" | "PLUS" | null, options: { ended?: boolean } = {}) {
  const organization = await db.organization.create({ data: { name: `Comune ${randomBytes(3).toString("hex")}`, kind: "MUNICIPALITY" } });
  if (kit) {
    const now = Date.now();
    await db.enrolment.create({
      data: {
        organizationId: organization.id,
        kit,
        status: options.ended ? "EXPIRED" : "ACTIVE",
        startsAt: new Date(now - (options.ended ? 200 : 10) * DAY),
        endsAt: new Date(now + (options.ended ? -20 : 100) * DAY),
        seats: 50,
      },
    });
  }
  return organization;
}

export async function member(organizationId: string | null, overrides: { role?: "TUTOR" | "ADMIN" | "MEMBER"; name?: string } = {}) {
  const user = await createUser({ organizationId, ...overrides });
  return { user, cookie: await sessionCookieFor(user.id) };
}

export async function webinar(overrides: Partial<Parameters<typeof db.webinar.create>[0]["data"]> & { kits?: ("BASIC" | "PLUS" | "INTERMEDIATE")[] } = {}) {
  const { kits, ...data } = overrides;
  const suffix = randomBytes(4).toString("hex");
  return db.webinar.create({
    data: {
      slug: `webinar-${suffix}`,
      title: `Webinar ${suffix}`,
      description: "Una **descrizione**.",
      status: "SCHEDULED",
      startsAt: new Date(Math.floor((Date.now() + 10 * DAY) / 60_000) * 60_000),
      audience: kits ? "KITS" : "PUBLIC",
      roomName: `room-${suffix}`,
      ...data,
      ...(kits ? { audienceKits: { create: kits.map((kit) => ({ kit })) } } : {}),
    },
  });
}
