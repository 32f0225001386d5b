// Benchmark fixture (run with tsx, DATABASE_URL set): a live public webinar and PEOPLE accounts
// with a session each; prints {"webinarId","slug","cookies":[...]} on the last line.
import { db } from "../../app/lib/db.server.ts";
import { createSession } from "../../app/modules/auth/session.server.ts";

const people = Number(process.env.PEOPLE ?? 50);
const slug = `bench-live-${Date.now()}`;
const webinar = await db.webinar.create({
  data: { slug, title: "Benchmark", description: "-", status: "LIVE", audience: "PUBLIC", startsAt: new Date(), roomName: `room-${slug}` },
});
const cookies: string[] = [];
for (let i = 0; i < people; i++) {
  const user = await db.user.create({ data: { email: `bench-${i}-${slug}@bench.example`, name: `Persona ${i}`, passwordHash: "-" } });
  cookies.push(`coop_session=${await createSession(user.id, { ipAddress: "127.0.0.1", userAgent: "bench" })}`);
}
await db.$disconnect();
console.log(JSON.stringify({ webinarId: webinar.id, slug, cookies }));
