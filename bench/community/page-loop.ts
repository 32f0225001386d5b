// Runs the topic page's work (root community work + loader, as run.ts measures it) in a loop, for
// a CPU profile: node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/community/page-loop.ts [iterations]
// then node bench/profile-summary.mjs /tmp/prof/<file>.cpuprofile
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";

process.env.COOKIE_SECRET ??= randomBytes(32).toString("hex");
process.env.LOG_LEVEL ??= "warn";
process.env.DATABASE_URL ??= "file:/tmp/community-bench.db";
const ITERATIONS = Number(process.argv[2] ?? 2000);

const { db } = await import("../../app/lib/db.server.ts");
const { createSession, serializeSessionCookie } = await import("../../app/modules/auth/session.server.ts");
const { loader: topicLoader } = await import("../../app/routes/community.t.$topicId.tsx");
const { usesCommunity } = await import("../../app/modules/community/access.server.ts");
const { notificationBadge } = await import("../../app/modules/community/notifications.server.ts");
const { getUser } = await import("../../app/modules/auth/current-user.server.ts");

const DAY = 24 * 3600 * 1000;
const org = await db.organization.create({ data: { name: `Comune loop ${Date.now()}`, kind: "MUNICIPALITY" } });
await db.enrolment.create({ data: { organizationId: org.id, kit: "PLUS", status: "ACTIVE", startsAt: new Date(Date.now() - DAY), endsAt: new Date(Date.now() + 100 * DAY), seats: 10 } });
const user = await db.user.create({ data: { email: `loop-${Date.now()}@comune.example.it`, name: "Loop", organizationId: org.id } });
const cookie = serializeSessionCookie(await createSession(user.id, {})).split(";")[0];
const topics = (await db.communityTopic.findMany({ where: { postCount: { gte: 100 }, category: { visibility: "COMMUNITY" } }, select: { id: true, postCount: true }, take: 400 })).map((t) => ({ id: t.id, pages: Math.floor(t.postCount / 50) }));
const context = { clientIp: "127.0.0.1" } as never;
const t0 = performance.now();
for (let i = 0; i < ITERATIONS; i++) {
  const t = topics[Math.floor(Math.random() * topics.length)];
  const from = 1 + 50 * Math.floor(Math.random() * t.pages);
  const shared = new Request(`http://localhost:3000/community/t/${t.id}?from=${from}`, { headers: { cookie } });
  const sessionUser = await getUser(shared);
  if (await usesCommunity(shared, sessionUser)) await notificationBadge(sessionUser!.id);
  await (await topicLoader({ request: shared, params: { topicId: t.id }, context } as never)).text();
}
console.log(`${ITERATIONS} pages in ${(performance.now() - t0).toFixed(0)} ms: ${((performance.now() - t0) / ITERATIONS).toFixed(2)} ms each`);
await db.$disconnect();
process.exit(0);
