// Times the weekly digest for a province: 180 organizations (BASIC, INTERMEDIATE, PLUS), 3,600
// members, 30 coming webinars with mixed audiences, 3 open surveys, 5 new blog posts; every member
// has something to read, so 3,600 emails are queued. Then the same run again (a retry: nothing
// is sent twice, it must be quick). In-process, on a fresh database migrated by the app's migrator.
// Usage: DATABASE_URL=file:/tmp/digest-bench.db npx tsx bench/digest/run.ts
//        DATABASE_URL=postgresql://postgres@127.0.0.1:5432/digest_bench npx tsx bench/digest/run.ts (empty database)
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";

process.env.COOKIE_SECRET ??= randomBytes(32).toString("hex");
process.env.LOG_LEVEL ??= "warn";
const url = process.env.DATABASE_URL ?? "file:/tmp/digest-bench.db";
process.env.DATABASE_URL = url;

const { isPostgresUrl } = await import("../../app/lib/env.server.ts");
const { migrate, sqliteFilePath } = await import("../../app/lib/db/migrate.server.ts");
if (!isPostgresUrl(url)) for (const suffix of ["", "-wal", "-shm"]) rmSync(sqliteFilePath(url) + suffix, { force: true });
await migrate(url);
const { db } = await import("../../app/lib/db.server.ts");
const { sendDigests } = await import("../../app/modules/digest/digest.server.ts");

const DAY = 24 * 3600_000;
const now = new Date();
const KITS = ["BASIC", "INTERMEDIATE", "PLUS"] as const;

const organizations = Array.from({ length: 180 }, (_, i) => ({ id: `org${i}`, name: `Comune ${i}`, kind: "MUNICIPALITY" as const }));
await db.organization.createMany({ data: organizations });
await db.enrolment.createMany({
  data: organizations.map((org, i) => ({ organizationId: org.id, kit: KITS[i % 3], status: "ACTIVE" as const, startsAt: new Date(now.getTime() - 30 * DAY), endsAt: new Date(now.getTime() + 300 * DAY), seats: 30 })),
});
const users = organizations.flatMap((org, i) => Array.from({ length: 20 }, (_, j) => ({ id: `u${i}-${j}`, email: `persona${i}-${j}@comune.example.it`, name: `Persona ${i}-${j}`, organizationId: org.id, locale: j % 5 === 0 ? "en" : "it" })));
for (let i = 0; i < users.length; i += 500) await db.user.createMany({ data: users.slice(i, i + 500) });
for (let w = 0; w < 30; w++) {
  const kits = w % 3 === 0 ? ["PLUS"] : w % 3 === 1 ? ["BASIC", "INTERMEDIATE", "PLUS"] : [];
  await db.webinar.create({
    data: {
      slug: `w${w}`, title: `Webinar ${w}`, description: "", status: "SCHEDULED", startsAt: new Date(now.getTime() + (1 + (w % 13)) * DAY), roomName: `room${w}`,
      audience: w % 3 === 2 ? "ORGANIZATIONS" : "KITS",
      ...(kits.length ? { audienceKits: { create: kits.map((kit) => ({ kit: kit as (typeof KITS)[number] })) } } : { audienceOrganizations: { create: [{ organizationId: `org${w}` }] } }),
    },
  });
}
for (let s = 0; s < 3; s++) {
  await db.survey.create({ data: { title: `Questionario ${s}`, kind: "GENERAL", status: "OPEN", launchedAt: new Date(now.getTime() - DAY), audience: "KITS", audienceKits: { create: [{ kit: KITS[s] }] } } });
}
for (let p = 0; p < 5; p++) await db.blogPost.create({ data: { slug: `post${p}`, title: `Articolo ${p}`, body: "Testo", status: "PUBLISHED", publishedAt: new Date(now.getTime() - p * DAY) } });

const load = () => loadavg().map((l) => l.toFixed(2)).join(" ");
console.log(`${isPostgresUrl(url) ? "PostgreSQL" : "SQLite"}: ${users.length} people; load average before: ${load()}`);
let t0 = performance.now();
const sent = await sendDigests("WEEKLY", now);
const first = performance.now() - t0;
console.log(`first run: ${sent} emails queued in ${(first / 1000).toFixed(1)} s (${((first / Math.max(sent, 1))).toFixed(2)} ms per person); load average: ${load()}`);
t0 = performance.now();
const again = await sendDigests("WEEKLY", now);
console.log(`second run (a retry): ${again} emails in ${((performance.now() - t0) / 1000).toFixed(2)} s; outbox rows: ${await db.outboxEmail.count()}; load average: ${load()}`);
await db.$disconnect();
