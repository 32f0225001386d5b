// Seeds a forum of POSTS posts in TOPICS topics (default 1,000,000 in 50,000) into a fresh
// database, in raw SQL batches (not Prisma one row at a time), for bench/community/run.ts.
// Usage: DATABASE_URL=file:/tmp/forum.db npx tsx bench/community/seed.ts [posts] [topics]
//        DATABASE_URL=postgresql://postgres@127.0.0.1:5432/forum_bench npx tsx bench/community/seed.ts
// The database must be empty or absent; it is migrated first with the app's migrator.
import { isPostgresUrl } from "../../app/lib/env.server.ts";
import { migrate } from "../../app/lib/db/migrate.server.ts";
import { bulkWriter } from "../bulk-writer.ts";
import { searchTextOf } from "../../app/modules/community/stemmer.ts";

const POSTS = Number(process.argv[2] ?? 1_000_000);
const TOPICS = Number(process.argv[3] ?? 50_000);
const CATEGORIES = 10; // the last one staff-only
const USERS = 2_000;
const url = process.env.DATABASE_URL ?? "file:/tmp/community-bench.db";

const VOCABULARY = (
  "comune comuni servizio servizi digitale digitali cittadini cittadino progetto progetti formazione dipendenti piano triennale " +
  "transizione interoperabilità pagamenti anagrafe protocollo trasparenza dati aperti sicurezza informatica cloud migrazione " +
  "sportello appuntamenti modulistica accessibilità sito istituzionale bando finanziamento rendicontazione scadenza delibera " +
  "giunta consiglio ufficio tecnico tributi cimiteriali scuola mensa trasporto biblioteca cultura turismo ambiente rifiuti " +
  "raccolta differenziata energia illuminazione manutenzione strade lavori pubblici appalto gara fornitore contratto"
).split(" ");

// A fixed pseudo-random sequence, so every run seeds the same text.
let state = 42;
const random = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
// Words follow Zipf's law over 5,000 words (the real ones first, then made-up "voce<n>"), as in
// real text: a few words are everywhere, most are rare.
const WORDS = [...VOCABULARY, ...Array.from({ length: 5_000 - VOCABULARY.length }, (_, i) => `voce${i}`)];
const cumulative: number[] = [];
WORDS.reduce((sum, _, rank) => (cumulative.push(sum + 1 / (rank + 1)), sum + 1 / (rank + 1)), 0);
const pick = () => {
  const target = random() * cumulative[cumulative.length - 1];
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return WORDS[lo];
};
function text(words: number) {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(pick());
  return `${out.join(" ")}.`;
}

// One topic in a hundred is long (LONG posts: the topic page shows 50 at a time); the others share
// the rest evenly, so the total is exactly POSTS.
const LONG = 500;
const longTopics = Math.floor(TOPICS / 100);

const counts: number[] = Array.from({ length: TOPICS }, (_, t) => (t % 100 === 0 && t / 100 < longTopics ? LONG : 0));
{
  let left = POSTS - longTopics * LONG;
  let shortLeft = TOPICS - longTopics;
  for (let t = 0; t < TOPICS; t++) {
    if (counts[t]) continue;
    counts[t] = Math.round(left / shortLeft);
    left -= counts[t];
    shortLeft--;
  }
}

const topicId = (t: number) => `bt${t.toString(36).padStart(6, "0")}`;
const userId = (u: number) => `bu${u.toString(36).padStart(5, "0")}`;
const categoryId = (c: number) => `bc${c}`;
const base = Date.now() - 365 * 24 * 3600 * 1000;

// Loading is faster without the full-text trigger: the index is rebuilt in one pass at the end.
let ftsTrigger = "";
const writer = () =>
  bulkWriter(url, {
    beforeLoad(db) {
      ftsTrigger = (db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'CommunityPost_fts_ai'`).get() as { sql: string }).sql;
      db.exec(`DROP TRIGGER "CommunityPost_fts_ai"`);
    },
    afterLoad(db) {
      const at = Date.now();
      db.exec(`INSERT INTO "CommunityPost_fts"("CommunityPost_fts") VALUES ('rebuild')`);
      db.exec(ftsTrigger);
      console.log(`full-text index rebuilt in ${((Date.now() - at) / 1000).toFixed(1)} s`);
    },
  });

// Dates as the app stores them: Prisma's SQLite adapter writes "2026-12-01T00:24:46.644+00:00".
const sqliteDate = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");
const when = (ms: number) => (isPostgresUrl(url) ? new Date(ms) : sqliteDate(ms));

const started = Date.now();
await migrate(url);
const w = await writer();
const BATCH = isPostgresUrl(url) ? 1_000 : 200;

async function batched<T>(count: number, make: (i: number) => T[], sql: string) {
  let rows: T[][] = [];
  for (let i = 0; i < count; i++) {
    rows.push(make(i));
    if (rows.length === BATCH) {
      await w.run(sql, rows as unknown[][]);
      rows = [];
    }
  }
  await w.run(sql, rows as unknown[][]);
}

const now = when(Date.now());
await batched(USERS, (u) => [userId(u), `bench-${u}@comune.example.it`, `Persona ${u}`, "MEMBER", "it", now, now], `INSERT INTO "User" ("id","email","name","role","locale","createdAt","updatedAt")`);
await batched(CATEGORIES, (c) => [categoryId(c), `Categoria ${c}`, "", c === CATEGORIES - 1 ? "STAFF" : "COMMUNITY", c, Math.ceil(TOPICS / CATEGORIES), now, now], `INSERT INTO "CommunityCategory" ("id","name","description","visibility","position","topicCount","createdAt","updatedAt")`);
const topicLast = (t: number) => base + t * 600_000 + counts[t] * 1_000;
await batched(
  TOPICS,
  (t) => [topicId(t), categoryId(t % CATEGORIES), `${pick()} ${pick()} ${pick()} (${t})`, userId(t % USERS), counts[t], when(topicLast(t)), when(base + t * 600_000)],
  `INSERT INTO "CommunityTopic" ("id","categoryId","title","authorId","postCount","lastPostAt","createdAt")`,
);
console.log(`users, categories, topics: ${((Date.now() - started) / 1000).toFixed(1)} s`);
const pg_ = isPostgresUrl(url);
// post i belongs to topic t, number n
const owner = new Int32Array(POSTS);
const numberOf = new Int32Array(POSTS);
for (let t = 0, i = 0; t < TOPICS; t++) {
  for (let n = 1; n <= counts[t]; n++, i++) {
    owner[i] = t;
    numberOf[i] = n;
  }
}
await batched(
  POSTS,
  (i) => {
    const t = owner[i];
    const n = numberOf[i];
    const body = text(20 + (i % 40));
    // "cooked" as the app's renderer writes a one-paragraph post
    const row: unknown[] = [`bp${i.toString(36).padStart(7, "0")}`, topicId(t), n, userId((t + n) % USERS), body, `<p>${body}</p>\n`, when(base + t * 600_000 + n * 1_000)];
    if (!pg_) row.push(searchTextOf(body));
    if (i > 0 && i % 100_000 === 0) console.log(`${i} posts: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return row;
  },
  pg_ ? `INSERT INTO "CommunityPost" ("id","topicId","postNumber","authorId","body","cooked","createdAt")` : `INSERT INTO "CommunityPost" ("id","topicId","postNumber","authorId","body","cooked","createdAt","searchText")`,
);
await w.done();
console.log(`seeded ${POSTS} posts in ${TOPICS} topics in ${((Date.now() - started) / 1000).toFixed(1)} s`);
