// Full-text search over the forum's posts, only what the searcher may see (the same visibility
// rule as the pages, as SQL), ranked, with highlighted snippets.
// SQLite: FTS5 over the stems in CommunityPost.searchText (stemmer.ts on both sides) ranked by bm25.
// PostgreSQL: the `search_fts` tsvector (italian configuration; the first post's holds its topic's title,
// weighted above the body, kept by a trigger: migration 20261202000200_community_speed) ranked by ts_rank.
import { db, databaseKind } from "~/lib/db.server.ts";
import { Prisma } from "~/generated/sqlite/client.ts";
import { visibleSpaces, type ActorForCommunity, type CommunityReach } from "./access-types.ts";
import { searchWordsOf, stemItalian, wordsOf } from "./stemmer.ts";

export const SEARCH_LIMIT = 20;
/** How many of the newest matches the searcher may read are ranked. */
export const SEARCH_CANDIDATES = 1_000;
/** PostgreSQL: how many of the newest posts are walked, newest first, before the full-text index is asked. */
export const RECENT_WINDOW = 10_000;
/** PostgreSQL: this many matches among them mean the words are common: the walk goes on through at most MORE_WINDOW posts. */
export const DENSE_MATCHES = 250;
export const MORE_WINDOW = 40_000;
/** PostgreSQL: otherwise at most this many further matches are read through the full-text index. */
export const OLDER_MATCHES = 1_000;
const MAX_TERMS = 8;

export type SearchHit = { postId: string; topicId: string; topicTitle: string; postNumber: number; snippet: string };

type Row = { id: string; topicId: string; postNumber: number | bigint; body: string; title: string };

function visibilitySql(actor: ActorForCommunity, reach: CommunityReach): Prisma.Sql | null {
  const spaces = visibleSpaces(actor, reach);
  if (!spaces) return null;
  if (spaces.all) return Prisma.sql`1 = 1`;
  if (!spaces.labIds.length) return Prisma.sql`c."visibility" = 'COMMUNITY' AND p."hiddenAt" IS NULL AND t."hiddenAt" IS NULL`;
  const inLabs = Prisma.sql`(c."visibility" = 'LAB' AND c."labId" IN (${Prisma.join(spaces.labIds)}))`;
  // A lab member whose kit lacks the community (INTERMEDIATE) searches their labs' spaces only.
  if (!spaces.community) return Prisma.sql`${inLabs} AND p."hiddenAt" IS NULL AND t."hiddenAt" IS NULL`;
  return Prisma.sql`(c."visibility" = 'COMMUNITY' OR ${inLabs}) AND p."hiddenAt" IS NULL AND t."hiddenAt" IS NULL`;
}

export async function searchPosts(actor: ActorForCommunity, reach: CommunityReach, query: string): Promise<SearchHit[]> {
  const words = [...new Set(searchWordsOf(query))].slice(0, MAX_TERMS);
  const visible = visibilitySql(actor, reach);
  if (!words.length || !visible) return [];
  let rows: Row[];
  if (databaseKind() === "postgres") {
    rows = await postgresSearch(words.join(" "), visible);
  } else {
    rows = await sqliteSearch([...new Set(words.map(stemItalian))], visible);
  }
  const stems = new Set(words.map(stemItalian));
  return rows.map((row) => ({ postId: row.id, topicId: row.topicId, topicTitle: row.title, postNumber: Number(row.postNumber), snippet: snippet(row.body, stems) }));
}

/**
 * PostgreSQL: the newest SEARCH_CANDIDATES visible matches ranked by ts_rank, in bounded steps
 * (decision 0026). Newest by id: cuids begin with their time. GIN gives matches in no order, so
 * "the newest N matches" costs either every match's row (a bitmap scan: slow for a word in
 * thousands of posts) or a walk of the newest posts until N match (slow when few do); the planner
 * chose by its estimates, and words in 0.3-10 % of posts took 50-300 ms at 1,000,000 posts.
 * Here the first step measures how common the words are among the newest posts and the rest
 * follows from it:
 *   1. walk the newest RECENT_WINDOW posts, stopping at SEARCH_CANDIDATES matches (a frequent
 *      word stops early; the newest rows sit together on disk, so each row is cheap);
 *   2. if at least DENSE_MATCHES of them matched, the words are common: walk on through at most
 *      MORE_WINDOW older posts, stopping at SEARCH_CANDIDATES matches;
 *   3. otherwise they are uncommon: at most OLDER_MATCHES more matches through the GIN index
 *      (a rare word: all of them; a middling one: those found first, with the recent ones kept).
 * Each step has a fixed bound whatever the words. The visibility rule filters every step exactly.
 */
async function postgresSearch(text: string, visible: Prisma.Sql): Promise<Row[]> {
  const query = Prisma.sql`plainto_tsquery('italian', ${text})`;
  // Each step ranks its rows and carries what the snippets need, so no candidate's row is read twice.
  const columns = Prisma.sql`p."id", p."topicId", p."postNumber", p."body", ts_rank(p."search_fts", ${query}) AS "rank"`;
  // The visibility rule per row, as an index lookup of its topic and category: OFFSET 0 keeps the
  // planner from turning it into a hash join over every topic (a scan of all of them per search).
  const seen = Prisma.sql`JOIN LATERAL (SELECT 1 FROM "CommunityTopic" t JOIN "CommunityCategory" c ON c."id" = t."categoryId" WHERE t."id" = p."topicId" AND ${visible} OFFSET 0) v ON true`;
  const walked = Prisma.sql`"id", "topicId", "postNumber", "body", "hiddenAt", "search_fts"`;
  return db.$queryRaw<Row[]>`
    WITH recent AS MATERIALIZED (
      SELECT ${columns}
        FROM (SELECT ${walked} FROM "CommunityPost" ORDER BY "id" DESC LIMIT ${RECENT_WINDOW}) p ${seen}
       WHERE p."search_fts" @@ ${query}
       ORDER BY p."id" DESC
       LIMIT ${SEARCH_CANDIDATES}),
    found AS (SELECT count(*) AS "n", min("id") AS "last" FROM recent),
    more AS MATERIALIZED (
      SELECT ${columns}
        FROM (SELECT ${walked} FROM "CommunityPost" WHERE "id" < (SELECT "last" FROM found) ORDER BY "id" DESC LIMIT ${MORE_WINDOW}) p ${seen}
       WHERE (SELECT "n" FROM found) BETWEEN ${DENSE_MATCHES} AND ${SEARCH_CANDIDATES - 1} AND p."search_fts" @@ ${query}
       ORDER BY p."id" DESC
       LIMIT ${SEARCH_CANDIDATES}),
    older AS MATERIALIZED (
      SELECT ${columns}
        FROM "CommunityPost" p ${seen}
       WHERE (SELECT "n" FROM found) < ${DENSE_MATCHES} AND p."search_fts" @@ ${query}
         AND p."id" NOT IN (SELECT "id" FROM recent)
       LIMIT ${OLDER_MATCHES}),
    ranked AS (
      SELECT * FROM (SELECT * FROM recent UNION ALL SELECT * FROM more UNION ALL SELECT * FROM older ORDER BY "id" DESC LIMIT ${SEARCH_CANDIDATES}) x
       ORDER BY "rank" DESC, "id" DESC
       LIMIT ${SEARCH_LIMIT})
    SELECT r."id", r."topicId", r."postNumber", r."body", t."title"
      FROM ranked r JOIN "CommunityTopic" t ON t."id" = r."topicId"
     ORDER BY r."rank" DESC, r."id" DESC`;
}

/**
 * SQLite: the newest SEARCH_CANDIDATES matches the searcher may read, ranked by BM25 (as FTS5's
 * bm25(): k1 = 1.2, b = 0.75, lengths in stems, the average over the candidates) computed in the
 * query from their searchText; only the best SEARCH_LIMIT leave the database. FTS5's own bm25()
 * counts every match of every term first (its IDF): for a word in most posts that is a scan of
 * most of the index on each search (60-240 ms at 1,000,000 posts), whereas the newest matches'
 * rowids come from the end of the index in under a millisecond. The document frequencies are
 * counted once and held (DF_HOLD_MS); one word needs none (its IDF is the same for every post).
 */
async function sqliteSearch(stems: string[], visible: Prisma.Sql): Promise<Row[]> {
  const match = stems.map((stem) => `"${stem}"`).join(" AND ");
  const idf = stems.length > 1 ? await inverseFrequencies(stems) : [1];
  const K1 = 1.2;
  const B = 0.75;
  // Occurrences of a stem in the text with doubled spaces (so that neighbours both count).
  const score = Prisma.join(
    stems.map((stem, i) => {
      const tf = Prisma.sql`((length(c."s") - length(replace(c."s", ${` ${stem} `}, ''))) / (${stem.length + 2} * 1.0))`;
      return Prisma.sql`${idf[i]} * ${tf} * ${K1 + 1} / (${tf} + ${K1} * (${1 - B} + ${B} * c."len" / c."avgLen"))`;
    }),
    " + ",
  );
  return db.$queryRaw<Row[]>`
    SELECT c."id", c."topicId", c."postNumber", c."body", c."title"
      FROM (SELECT m.*, avg(m."len") OVER () AS "avgLen"
              FROM (SELECT p.rowid AS "postRowid", p."id", p."topicId", p."postNumber", p."body", t."title",
                           ' ' || replace(p."searchText", ' ', '  ') || ' ' AS "s",
                           length(p."searchText") - length(replace(p."searchText", ' ', '')) + 1 AS "len"
                      FROM "CommunityPost_fts" f
                      JOIN "CommunityPost" p ON p.rowid = f.rowid
                      JOIN "CommunityTopic" t ON t."id" = p."topicId"
                      JOIN "CommunityCategory" c ON c."id" = t."categoryId"
                     WHERE "CommunityPost_fts" MATCH ${match} AND ${visible}
                     -- FTS5 walks its matches newest first and the joins follow: no sort, it stops at the limit.
                     ORDER BY f.rowid DESC
                     LIMIT ${SEARCH_CANDIDATES}) m) c
     ORDER BY ${score} DESC, c."postRowid" DESC
     LIMIT ${SEARCH_LIMIT}`;
}

const DF_HOLD_MS = 10 * 60_000;
const documentFrequencies = new Map<string, { df: number; at: number }>();
let postTotal: { n: number; at: number } | null = null;

/** FTS5's IDF, ln((N - df + 0.5) / (df + 0.5)) floored at 1e-6, from counts held for DF_HOLD_MS. */
async function inverseFrequencies(stems: string[], now = Date.now()): Promise<number[]> {
  if (!postTotal || now - postTotal.at > DF_HOLD_MS) {
    const [{ n }] = await db.$queryRaw<{ n: number | bigint }[]>`SELECT COUNT(*) AS n FROM "CommunityPost"`;
    postTotal = { n: Number(n), at: now };
  }
  const total = postTotal.n;
  const result: number[] = [];
  for (const stem of stems) {
    let held = documentFrequencies.get(stem);
    if (!held || now - held.at > DF_HOLD_MS) {
      const [{ n }] = await db.$queryRaw<{ n: number | bigint }[]>`SELECT COUNT(*) AS n FROM "CommunityPost_fts" WHERE "CommunityPost_fts" MATCH ${`"${stem}"`}`;
      if (documentFrequencies.size >= 5_000) documentFrequencies.clear();
      held = { df: Number(n), at: now };
      documentFrequencies.set(stem, held);
    }
    result.push(Math.max(1e-6, Math.log((total - held.df + 0.5) / (held.df + 0.5))));
  }
  return result;
}

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/**
 * About 30 words of the post's text around the first match, as safe HTML: everything escaped,
 * words whose stem matches the query in <mark>.
 */
export function snippet(body: string, stems: Set<string>, size = 30): string {
  const plain = body.replace(/\[\/?quote[^\]]*\]/g, " ").replace(/[*_`#>~[\]()!|]/g, " ").replace(/\s+/g, " ").trim();
  const tokens = plain.split(" ");
  const matches = (token: string) => (wordsOf(token).some((w) => stems.has(stemItalian(w))) ? true : false);
  const first = Math.max(0, tokens.findIndex(matches));
  const start = Math.max(0, first - Math.floor(size / 3));
  const part = tokens.slice(start, start + size);
  const html = part.map((token) => (matches(token) ? `<mark>${escapeHtml(token)}</mark>` : escapeHtml(token))).join(" ");
  return `${start > 0 ? "… " : ""}${html}${start + size < tokens.length ? " …" : ""}`;
}
