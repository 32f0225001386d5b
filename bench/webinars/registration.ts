// Registration under load: N people register for one webinar at once (capacity C, the rest
// waitlisted), then K registered people cancel at once (each freed seat promotes one person).
// Checks the invariants and prints the times. Not run in CI.
//   SQLite (a scratch file):  npx tsx bench/webinars/registration.ts
//   PostgreSQL:               BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench_webinars npx tsx bench/webinars/registration.ts
// (the PostgreSQL database must exist and be empty; it is migrated first)
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const N = Number(process.env.BENCH_PEOPLE ?? 500);
const C = Number(process.env.BENCH_CAPACITY ?? 100);
const K = Number(process.env.BENCH_CANCEL ?? 100);
process.env.DATABASE_URL = process.env.BENCH_DATABASE_URL ?? `file:${path.join(mkdtempSync(path.join(tmpdir(), "bench-webinars-")), "bench.db")}`;
process.env.WORKER_ENABLED = "false";
process.env.MAIL_DIR = mkdtempSync(path.join(tmpdir(), "bench-mail-"));

const { migrate } = await import("../../app/lib/db/migrate.server.ts");
await migrate(process.env.DATABASE_URL);
const { db } = await import("../../app/lib/db.server.ts");
const { register, cancelRegistration } = await import("../../app/modules/webinars/registration.server.ts");

const webinar = await db.webinar.create({
  data: { slug: `bench-${Date.now()}`, title: "Bench", description: "-", status: "SCHEDULED", startsAt: new Date(Date.now() + 86_400_000), capacity: C, audience: "PUBLIC", roomName: `bench-${Date.now()}` },
});
const people = [];
for (let i = 0; i < N; i++) people.push(await db.user.create({ data: { email: `bench-${i}-${Date.now()}@example.it`, name: `Bench ${i}` } }));

const t0 = performance.now();
await Promise.all(people.map((person) => register(webinar.id, person, undefined)));
const registerMs = performance.now() - t0;
const seated = await db.webinarRegistration.findMany({ where: { webinarId: webinar.id, status: "REGISTERED" }, select: { userId: true } });
const leaving = people.filter((person) => seated.some((row) => row.userId === person.id)).slice(0, K);
const t1 = performance.now();
await Promise.all(leaving.map((person) => cancelRegistration(webinar.id, person)));
const cancelMs = performance.now() - t1;

const registered = await db.webinarRegistration.count({ where: { webinarId: webinar.id, status: "REGISTERED" } });
const promoted = await db.webinarRegistration.count({ where: { webinarId: webinar.id, promotedAt: { not: null } } });
const counter = (await db.webinar.findUniqueOrThrow({ where: { id: webinar.id } })).registeredCount;
const ok = registered === Math.min(C, N) && counter === registered && promoted === Math.min(K, N - C);
console.log(
  JSON.stringify({ database: process.env.DATABASE_URL.split(":")[0], people: N, capacity: C, cancellations: leaving.length, registerMs: Math.round(registerMs), registrationsPerSecond: Math.round((N / registerMs) * 1000), cancelMs: Math.round(cancelMs), cancellationsPerSecond: Math.round((leaving.length / cancelMs) * 1000), registered, counter, promoted, invariantsHold: ok }),
);
await db.$disconnect();
process.exit(ok ? 0 : 1);
