// Times each step of the topic page (and the root loader's per-page work) on a database seeded by
// bench/community/seed.ts, to see where the milliseconds go.
// Usage: DATABASE_URL=file:/tmp/community-bench.db npx tsx bench/community/profile.ts [iterations]
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";

process.env.COOKIE_SECRET ??= randomBytes(32).toString("hex");
process.env.LOG_LEVEL ??= "warn";
const url = process.env.DATABASE_URL ?? "file:/tmp/community-bench.db";
process.env.DATABASE_URL = url;
const ITERATIONS = Number(process.argv[2] ?? 200);

const { db } = await import("../../app/lib/db.server.ts");
const { createSession, serializeSessionCookie } = await import("../../app/modules/auth/session.server.ts");
const { getUser } = await import("../../app/modules/auth/current-user.server.ts");
const { loadAccess } = await import("../../app/modules/access/entitlements.server.ts");
const community = await import("../../app/modules/community/access.server.ts");
const forum = await import("../../app/modules/community/forum.server.ts");
const { loader: topicLoader } = await import("../../app/routes/community.t.$topicId.tsx");

const DAY = 24 * 3600 * 1000;
const org = await db.organization.create({ data: { name: `Comune profilo ${Date.now()}`, kind: "MUNICIPALITY" } });
await db.enrolment.create({ data: { organizationId: org.id, kit: "PLUS", status: "ACTIVE", startsAt: new Date(Date.now() - DAY), endsAt: new Date(Date.now() + 100 * DAY), seats: 10 } });
const user = await db.user.create({ data: { email: `profile-${Date.now()}@comune.example.it`, name: "Profilo", organizationId: org.id } });
const token = await createSession(user.id, {});
const cookie = serializeSessionCookie(token).split(";")[0];
const topics = (await db.communityTopic.findMany({ where: { postCount: { gte: 100 }, category: { visibility: "COMMUNITY" } }, select: { id: true, postCount: true }, take: 400 })).map((t) => ({ id: t.id, pages: Math.floor(t.postCount / 50) }));
const pick = () => {
  const t = topics[Math.floor(Math.random() * topics.length)];
  return { id: t.id, from: 1 + 50 * Math.floor(Math.random() * t.pages) };
};
const request = (path: string) => new Request(`http://localhost:3000${path}`, { headers: { cookie } });

const steps = new Map<string, number[]>();
async function timed<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const value = await fn();
  const list = steps.get(name) ?? [];
  list.push(performance.now() - t0);
  steps.set(name, list);
  return value;
}
const context = { clientIp: "127.0.0.1" } as never;
for (let i = 0; i < ITERATIONS + 20; i++) {
  if (i === 20) steps.clear();
  const { id, from } = pick();
  const sessionUser = await timed("session lookup", () => getUser(request("/")));
  await timed("entitlements (loadAccess)", () => loadAccess(sessionUser));
  const viewer = await timed("requireCommunity (fresh request)", () => community.requireCommunity(request("/community")));
  await timed("loadTopic", () => community.loadTopic(viewer, id));
  if ("loadTopicForReader" in community) await timed("loadTopicForReader (topic + reading state, one query)", () => (community as unknown as { loadTopicForReader: typeof community.loadTopic }).loadTopicForReader(viewer, id));
  if ("topicState" in forum) await timed("topicState", () => (forum as unknown as { topicState: (u: string, t: string) => Promise<unknown> }).topicState(viewer.user.id, id));
  const posts = await timed("topicPosts (50 with authors)", () => forum.topicPosts(viewer, id, from));
  await timed("markRead", () => forum.markRead(viewer.user.id, id, posts[posts.length - 1]?.postNumber ?? 0));
  // The root loader's per-page work for the menu (app/root.tsx cannot be imported here: it imports CSS).
  await timed("root: community menu entry (fresh request)", async () => {
    const r = request(`/community/t/${id}`);
    return community.usesCommunity(r, await getUser(r));
  });
  await timed("topic loader (whole)", async () => (await topicLoader({ request: request(`/community/t/${id}?from=${from}`), params: { topicId: id }, context } as never)).text());
  await timed("menu entry + topic loader, one request", async () => {
    const shared = request(`/community/t/${id}?from=${from}`);
    await Promise.all([getUser(shared).then((u) => community.usesCommunity(shared, u)), topicLoader({ request: shared, params: { topicId: id }, context } as never)]);
  });
}
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
console.log(`${ITERATIONS} iterations`);
console.log("| step | p50 | p95 | p99 |");
console.log("| --- | --- | --- | --- |");
for (const [name, list] of steps) {
  list.sort((a, b) => a - b);
  console.log(`| ${name} | ${pct(list, 50).toFixed(2)} ms | ${pct(list, 95).toFixed(2)} ms | ${pct(list, 99).toFixed(2)} ms |`);
}
await db.$disconnect();
process.exit(0);
