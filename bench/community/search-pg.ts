// PostgreSQL search at scale: the previous query shape (the newest 1,000 visible matches in one
// statement, the planner choosing between the GIN bitmap and a newest-first walk) against the
// current searchPosts (a bounded walk of the newest posts, then a bounded GIN read), alternating
// query by query on the same database, per frequency class of the seeded words.
// Usage: DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench_community npx tsx bench/community/search-pg.ts [iterations]
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";

process.env.COOKIE_SECRET ??= randomBytes(32).toString("hex");
process.env.LOG_LEVEL ??= "warn";
const ITERATIONS = Number(process.argv[2] ?? 200);
if (!process.env.DATABASE_URL?.startsWith("postgres")) throw new Error("DATABASE_URL must be the PostgreSQL database seeded by bench/community/seed.ts");

const { db } = await import("../../app/lib/db.server.ts");
const { searchPosts, SEARCH_CANDIDATES, SEARCH_LIMIT } = await import("../../app/modules/community/search.server.ts");

// Seeded words by class (Zipf ranks 1-80 are real words, then voce<n>); pairs as the forum's users type them.
const CLASSES: Record<string, string[]> = {
  frequent: ["comune", "servizi", "digitale", "progetti", "cittadini"],
  middling: ["trasparenza", "cloud", "scuola", "rifiuti", "energia", "contratto", "voce100"],
  rare: ["voce900", "voce2500", "voce4000"],
  "two words": ["cloud energia", "scuola bando", "comune voce900", "voce100 voce2500", "formazione pagamenti", "rifiuti contratto"],
};

// The query before decision 0026, as a member sees it (COMMUNITY categories, nothing hidden).
async function before(text: string) {
  return db.$queryRaw`
    SELECT x."id", x."topicId", x."postNumber", x."body", x."title"
      FROM (SELECT p."id", p."topicId", p."postNumber", p."body", t."title", p."search_fts"
              FROM "CommunityPost" p
              JOIN "CommunityTopic" t ON t."id" = p."topicId"
              JOIN "CommunityCategory" c ON c."id" = t."categoryId"
             WHERE p."search_fts" @@ plainto_tsquery('italian', ${text}) AND c."visibility" = 'COMMUNITY' AND p."hiddenAt" IS NULL AND t."hiddenAt" IS NULL
             ORDER BY p."id" DESC
             LIMIT ${SEARCH_CANDIDATES}) x
     ORDER BY ts_rank(x."search_fts", plainto_tsquery('italian', ${text})) DESC, x."id" DESC
     LIMIT ${SEARCH_LIMIT}`;
}
const member = { id: "bench", role: "MEMBER" } as never;
const after = (text: string) => searchPosts(member, { entitled: true, labIds: [] }, text);

const times = new Map<string, number[]>();
const record = (key: string, ms: number) => (times.get(key) ?? times.set(key, []).get(key)!).push(ms);
const all = Object.entries(CLASSES).flatMap(([cls, words]) => words.map((w) => [cls, w] as const));
for (let i = 0; i < 20; i++) for (const [, w] of all.slice(0, 5)) await Promise.all([before(w), after(w)]);
for (let i = 0; i < ITERATIONS; i++) {
  const [cls, text] = all[Math.floor(Math.random() * all.length)];
  for (const [name, run] of i % 2 ? ([["after", after], ["before", before]] as const) : ([["before", before], ["after", after]] as const)) {
    const t0 = performance.now();
    await run(text);
    const ms = performance.now() - t0;
    record(`${name}|${cls}`, ms);
    record(`${name}|all`, ms);
    record(`${name}|word:${text}`, ms);
  }
}
const pct = (list: number[], p: number) => list[Math.min(list.length - 1, Math.floor((p / 100) * list.length))].toFixed(1);
const { loadavg } = await import("node:os");
console.log(`${ITERATIONS} searches, each through both shapes alternately; load average ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
console.log("| class | before p50 / p95 / p99 | after p50 / p95 / p99 | n |");
console.log("| --- | --- | --- | --- |");
for (const cls of [...Object.keys(CLASSES), "all"]) {
  const b = (times.get(`before|${cls}`) ?? []).sort((x, y) => x - y);
  const a = (times.get(`after|${cls}`) ?? []).sort((x, y) => x - y);
  if (!a.length) continue;
  console.log(`| ${cls} | ${pct(b, 50)} / ${pct(b, 95)} / ${pct(b, 99)} ms | ${pct(a, 50)} / ${pct(a, 95)} / ${pct(a, 99)} ms | ${a.length} |`);
}
console.log("\n| words | before p50 | after p50 | n |\n| --- | --- | --- | --- |");
for (const [, text] of all) {
  const b = (times.get(`before|word:${text}`) ?? []).sort((x, y) => x - y);
  const a = (times.get(`after|word:${text}`) ?? []).sort((x, y) => x - y);
  if (a.length) console.log(`| ${text} | ${pct(b, 50)} ms | ${pct(a, 50)} ms | ${a.length} |`);
}
await db.$disconnect();
process.exit(0);
