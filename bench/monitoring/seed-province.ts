// Seeds a province-sized data set for the monitoring benchmark (bench/monitoring/run.ts), in raw
// SQL batches: 14 valley communities and 166 municipalities (180 organizations, each municipality
// in a community), 3,600 people (20 per organization, the first its manager), enrolments (the
// communities' cover their municipalities; some municipalities have their own), and a year of
// activity before ANCHOR: two webinars a week with registrations, attendance intervals (some
// people reconnect), a recording each with watches, a forum of 3,000 topics and 30,000 posts, and
// a survey a month with invitations and submissions. Deterministic: a fixed pseudo-random
// sequence and fixed dates, so every run seeds the same rows.
// Usage: DATABASE_URL=file:/tmp/monitoring-bench.db npx tsx bench/monitoring/seed-province.ts
//        DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench_monitoring npx tsx bench/monitoring/seed-province.ts
// The database must be empty or absent; it is migrated first with the app's migrator.
// ANCHOR (default 2026-12-01T00:00:00Z): the end of the seeded year; enrolments end relative to it.
import { isPostgresUrl } from "../../app/lib/env.server.ts";
import { migrate } from "../../app/lib/db/migrate.server.ts";
import { bulkWriter } from "../bulk-writer.ts";

const url = process.env.DATABASE_URL ?? "file:/tmp/monitoring-bench.db";
const ANCHOR = Date.parse(process.env.ANCHOR ?? "2026-12-01T00:00:00Z");
const DAY = 24 * 3600_000;
const COMMUNITIES = 14;
const MUNICIPALITIES = 166;
const PER_ORG = 20;
const WEBINARS = 104;
const TOPICS = 3_000;
const POSTS = 30_000;
const SURVEYS = 12;
const KITS = ["BASIC", "INTERMEDIATE", "PLUS"] as const;
const postgres = isPostgresUrl(url);

let state = 20261202;
const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));

// Dates as the app stores them: Prisma's SQLite adapter writes "2026-12-01T00:24:46.644+00:00".
const when = (ms: number) => (postgres ? new Date(ms) : new Date(ms).toISOString().replace("Z", "+00:00"));
// better-sqlite3 binds no booleans: SQLite stores them as 0 and 1.
const bool = (value: boolean) => (postgres ? value : value ? 1 : 0);

const writer = () => bulkWriter(url);

const started = Date.now();
await migrate(url);
const w = await writer();
const BATCH = postgres ? 1_000 : 150;
async function insert(sql: string, all: unknown[][]) {
  for (let i = 0; i < all.length; i += BATCH) await w.run(sql, all.slice(i, i + BATCH));
}

const stamp = when(ANCHOR);
const orgId = (o: number) => `po${String(o).padStart(3, "0")}`;
const userId = (u: number) => `pu${String(u).padStart(5, "0")}`;

// ---- organizations, people, enrolments ----
const organizations: unknown[][] = [];
for (let c = 0; c < COMMUNITIES; c++) organizations.push([orgId(c), `Comunità di valle ${c + 1}`, "VALLEY_COMMUNITY", null, stamp, stamp]);
for (let m = 0; m < MUNICIPALITIES; m++) organizations.push([orgId(COMMUNITIES + m), `Comune ${String(m + 1).padStart(3, "0")}`, "MUNICIPALITY", orgId(m % COMMUNITIES), stamp, stamp]);
await insert(`INSERT INTO "Organization" ("id","name","kind","parentId","createdAt","updatedAt")`, organizations);
const ORGS = COMMUNITIES + MUNICIPALITIES;
const PEOPLE = ORGS * PER_ORG;
const orgOf = (u: number) => Math.floor(u / PER_ORG);
const people: unknown[][] = [];
for (let u = 0; u < PEOPLE; u++) people.push([userId(u), `persona${u}@comune.example.it`, `Persona ${u}`, "MEMBER", "it", orgId(orgOf(u)), bool(u % PER_ORG === 0), stamp, stamp]);
people.push(["padmin", "admin@provincia.example.it", "Amministrazione", "ADMIN", "it", null, bool(false), stamp, stamp]);
people.push(["ptutor", "tutor@provincia.example.it", "Tutor", "TUTOR", "it", null, bool(false), stamp, stamp]);
await insert(`INSERT INTO "User" ("id","email","name","role","locale","organizationId","isOrganizationManager","createdAt","updatedAt")`, people);
const enrolments: unknown[][] = [];
for (let c = 0; c < COMMUNITIES; c++) {
  // Ends spread over the next 200 days (some within 30, 60 and 90 days).
  enrolments.push([`pe${c}`, orgId(c), KITS[c % 3], "ACTIVE", when(ANCHOR - 300 * DAY), when(ANCHOR + (c * 15 + 5) * DAY), 400, stamp, stamp]);
}
for (let m = 0; m < MUNICIPALITIES; m += 8) {
  enrolments.push([`pm${m}`, orgId(COMMUNITIES + m), KITS[(m / 8) % 3], "ACTIVE", when(ANCHOR - 200 * DAY), when(ANCHOR + int(10, 300) * DAY), 20, stamp, stamp]);
  enrolments.push([`px${m}`, orgId(COMMUNITIES + m), "BASIC", "EXPIRED", when(ANCHOR - 600 * DAY), when(ANCHOR - 201 * DAY), 20, stamp, stamp]);
}
await insert(`INSERT INTO "Enrolment" ("id","organizationId","kit","status","startsAt","endsAt","seats","createdAt","updatedAt")`, enrolments);

// ---- webinars: registrations, attendance, recordings and watches ----
const webinars: unknown[][] = [];
const registrations: unknown[][] = [];
const attendance: unknown[][] = [];
const recordings: unknown[][] = [];
const watches: unknown[][] = [];
const empty = Buffer.alloc(0);
for (let i = 0; i < WEBINARS; i++) {
  const start = ANCHOR - 365 * DAY + Math.floor((i * 365 * DAY) / WEBINARS) + 9 * 3600_000;
  const id = `pw${i}`;
  webinars.push([id, `provincia-${i}`, `Webinar ${i + 1}`, "Descrizione", "ENDED", when(start), 90, "PUBLIC", `room-provincia-${i}`, when(start), when(start + 90 * 60_000), stamp, stamp]);
  recordings.push([`pr${i}`, id, "UPLOAD", "COMPLETE", 5400, stamp, stamp]);
  const chosen = new Set<number>();
  const size = int(120, 180);
  while (chosen.size < size) chosen.add(int(0, PEOPLE - 1));
  for (const u of chosen) {
    registrations.push([`${id}-r${u}`, id, userId(u), "REGISTERED", when(start - 5 * DAY), when(start - 5 * DAY), when(start - 5 * DAY)]);
    const roll = random();
    if (roll < 0.7) {
      const minutes = int(20, 90);
      attendance.push([`${id}-a${u}`, id, userId(u), `PA_${id}_${u}`, when(start), when(start + minutes * 60_000)]);
      if (roll < 0.1) attendance.push([`${id}-b${u}`, id, userId(u), `PB_${id}_${u}`, when(start + minutes * 60_000 + 60_000), when(start + 90 * 60_000)]);
    } else if (roll < 0.9) {
      watches.push([`pr${i}`, userId(u), empty, int(300, 5400), when(start + int(1, 30) * DAY)]);
    }
  }
}
await insert(`INSERT INTO "Webinar" ("id","slug","title","description","status","startsAt","durationMinutes","audience","roomName","liveStartedAt","liveEndedAt","createdAt","updatedAt")`, webinars);
await insert(`INSERT INTO "WebinarRegistration" ("id","webinarId","userId","status","queuedAt","createdAt","updatedAt")`, registrations);
await insert(`INSERT INTO "WebinarAttendance" ("id","webinarId","userId","participantSid","joinedAt","leftAt")`, attendance);
await insert(`INSERT INTO "Recording" ("id","webinarId","source","status","durationSeconds","createdAt","updatedAt")`, recordings);
await insert(`INSERT INTO "RecordingWatch" ("recordingId","userId","seconds","watchedSeconds","lastHeartbeatAt")`, watches);
console.log(`webinars: ${registrations.length} registrations, ${attendance.length} intervals, ${watches.length} watches (${((Date.now() - started) / 1000).toFixed(1)} s)`);

// ---- forum ----
await insert(`INSERT INTO "CommunityCategory" ("id","name","description","visibility","position","topicCount","createdAt","updatedAt")`, [0, 1, 2, 3, 4].map((c) => [`pc${c}`, `Categoria ${c + 1}`, "", "COMMUNITY", c, TOPICS / 5, stamp, stamp]));
const topics: unknown[][] = [];
const posts: unknown[][] = [];
const perTopic = POSTS / TOPICS;
for (let t = 0; t < TOPICS; t++) {
  const created = ANCHOR - 365 * DAY + Math.floor((t * 365 * DAY) / TOPICS);
  const author = int(0, PEOPLE - 1);
  topics.push([`pt${t}`, `pc${t % 5}`, `Discussione ${t + 1}`, userId(author), perTopic, when(created + perTopic * 3600_000), when(created)]);
  for (let n = 1; n <= perTopic; n++) {
    const body = `Messaggio ${n} della discussione ${t + 1}.`;
    posts.push([`pp${t}-${n}`, `pt${t}`, n, userId(n === 1 ? author : int(0, PEOPLE - 1)), body, `<p>${body}</p>\n`, when(created + (n - 1) * 3600_000)]);
  }
}
await insert(`INSERT INTO "CommunityTopic" ("id","categoryId","title","authorId","postCount","lastPostAt","createdAt")`, topics);
await insert(`INSERT INTO "CommunityPost" ("id","topicId","postNumber","authorId","body","cooked","createdAt")`, posts);

// ---- surveys ----
const surveys: unknown[][] = [];
const participations: unknown[][] = [];
for (let s = 0; s < SURVEYS; s++) {
  const launched = ANCHOR - 365 * DAY + s * 30 * DAY;
  surveys.push([`ps${s}`, `Questionario ${s + 1}`, "", "GENERAL", bool(true), "CLOSED", "KITS", 1, when(launched), stamp, stamp]);
  // A third of the organizations are asked each month.
  for (let u = 0; u < PEOPLE; u++) {
    if (orgOf(u) % 3 !== s % 3) continue;
    participations.push([`ps${s}-${u}`, `ps${s}`, userId(u), random() < 0.45 ? "SUBMITTED" : "IN_PROGRESS", when(launched)]);
  }
}
await insert(`INSERT INTO "Survey" ("id","title","description","kind","anonymous","status","audience","version","launchedAt","createdAt","updatedAt")`, surveys);
await insert(`INSERT INTO "SurveyParticipation" ("id","surveyId","userId","status","invitedAt")`, participations);
await w.done();
console.log(`seeded ${ORGS} organizations, ${PEOPLE} people, ${WEBINARS} webinars, ${POSTS} posts, ${participations.length} survey invitations in ${((Date.now() - started) / 1000).toFixed(1)} s`);
