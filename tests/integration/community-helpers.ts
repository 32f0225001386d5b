// Fixtures for the community tests: organizations with a kit, members old enough for the
// ordinary posting limits, staff, and categories of each visibility.
import { db } from "~/lib/db.server.ts";
import { createUser, sessionCookieFor } from "../helpers/fixtures.ts";

const DAY = 24 * 3600 * 1000;

export async function enrolledOrganization(kit: "BASIC" | "PLUS") {
  const organization = await db.organization.create({ data: { name: `Comune ${kit} ${Math.random().toString(36).slice(2, 8)}`, kind: "MUNICIPALITY" } });
  await db.enrolment.create({ data: { organizationId: organization.id, kit, status: "ACTIVE", startsAt: new Date(Date.now() - 10 * DAY), endsAt: new Date(Date.now() + 100 * DAY), seats: 50 } });
  return organization;
}

/** A signed-in account (created two days ago, so the ordinary posting limits apply). */
export async function person(overrides: Parameters<typeof createUser>[0] = {}) {
  const user = await createUser({ createdAt: new Date(Date.now() - 2 * DAY), ...overrides });
  return { ...user, cookie: await sessionCookieFor(user.id) };
}

export async function category(name: string, visibility: "COMMUNITY" | "STAFF" | "LAB" = "COMMUNITY", labId: string | null = null) {
  return db.communityCategory.create({ data: { name, visibility, labId } });
}

/** Moves a person's last post and topic back in time, so the next post is not refused as too fast. */
export async function ageLastPosts(userId: string) {
  const past = new Date(Date.now() - 3600_000);
  await db.communityPost.updateMany({ where: { authorId: userId }, data: { createdAt: past } });
  await db.communityTopic.updateMany({ where: { authorId: userId }, data: { createdAt: past } });
}
