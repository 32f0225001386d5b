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
    // As on SQLite, the newest SEARCH_CANDIDATES visible matches (newest by id: cuids begin with
    // their time) are ranked, not every match: ranking all of a frequent word's matches took
    // 1.3 s p50 at 1,000,000 posts.
    rows = await db.$queryRaw<Row[]>`
      SELECT x."id", x."topicId", x."postNumber", x."body", x."title"
        FROM (SELECT p."id", p."topicId", p."postNumber", p."body", t."title", p."search_fts"
                FROM "CommunityPost" p
                JOIN "CommunityTopic" t ON t."id" = p."topicId"
                JOIN "CommunityCategory" c ON c."id" = t."categoryId"
               WHERE p."search_fts" @@ plainto_tsquery('italian', ${words.join(" ")}) AND ${visible}
               ORDER BY p."id" DESC
               LIMIT ${SEARCH_CANDIDATES}) x
       ORDER BY ts_rank(x."search_fts", plainto_tsquery('italian', ${words.join(" ")})) DESC, x."id" DESC
       LIMIT ${SEARCH_LIMIT}`;
  } else {
    rows = await sqliteSearch([...new Set(words.map(stemItalian))], visible);
  }
  const stems = new Set(words.map(stemItalian));
  return rows.map((row) => ({ postId: row.id, topicId: row.topicId, topicTitle: row.title, postNumber: Number(row.postNumber), snippet: snippet(row.body, stems) }));
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
