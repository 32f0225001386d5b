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
/** How many of the newest matches the searcher may read are ranked (SQLite). */
export const SEARCH_CANDIDATES = 1_000;
const MAX_TERMS = 8;

export type SearchHit = { postId: string; topicId: string; topicTitle: string; postNumber: number; snippet: string };

type Row = { id: string; topicId: string; postNumber: number | bigint; body: string; title: string };

function visibilitySql(actor: ActorForCommunity, reach: CommunityReach): Prisma.Sql | null {
  const spaces = visibleSpaces(actor, reach);
  if (!spaces) return null;
  if (spaces.all) return Prisma.sql`1 = 1`;
  if (!spaces.labIds.length) return Prisma.sql`c."visibility" = 'COMMUNITY' AND p."hiddenAt" IS NULL AND t."hiddenAt" IS NULL`;
  return Prisma.sql`(c."visibility" = 'COMMUNITY' OR (c."visibility" = 'LAB' AND c."labId" IN (${Prisma.join(spaces.labIds)}))) AND p."hiddenAt" IS NULL AND t."hiddenAt" IS NULL`;
}

export async function searchPosts(actor: ActorForCommunity, reach: CommunityReach, query: string): Promise<SearchHit[]> {
  const words = [...new Set(searchWordsOf(query))].slice(0, MAX_TERMS);
  const visible = visibilitySql(actor, reach);
  if (!words.length || !visible) return [];
  let rows: Row[];
  if (databaseKind() === "postgres") {
    rows = await db.$queryRaw<Row[]>`
      SELECT p."id", p."topicId", p."postNumber", p."body", t."title"
        FROM "CommunityPost" p
        JOIN "CommunityTopic" t ON t."id" = p."topicId"
        JOIN "CommunityCategory" c ON c."id" = t."categoryId",
             plainto_tsquery('italian', ${words.join(" ")}) q
       WHERE p."search_fts" @@ q AND ${visible}
       ORDER BY ts_rank(p."search_fts", q) DESC, p."createdAt" DESC
       LIMIT ${SEARCH_LIMIT}`;
  } else {
    rows = await sqliteSearch([...new Set(words.map(stemItalian))], visible);
  }
  const stems = new Set(words.map(stemItalian));
  return rows.map((row) => ({ postId: row.id, topicId: row.topicId, topicTitle: row.title, postNumber: Number(row.postNumber), snippet: snippet(row.body, stems) }));
}

type Candidate = { postRowid: number | bigint; searchText: string };

/**
 * SQLite: the newest SEARCH_CANDIDATES matches the searcher may read, ranked by BM25 (as FTS5's
 * bm25(), k1 = 1.2, b = 0.75) computed here from their searchText, then the best SEARCH_LIMIT
 * read in full. FTS5's own bm25() counts every match of every term first (its IDF): for a word in
 * most posts that is a scan of most of the index on each search (60-240 ms at 1,000,000 posts),
 * whereas the newest matches' rowids come from the end of the index in under a millisecond. The
 * document frequencies are counted once and held (DF_HOLD_MS); one word needs none (its IDF is the
 * same for every post).
 */
async function sqliteSearch(stems: string[], visible: Prisma.Sql): Promise<Row[]> {
  const match = stems.map((stem) => `"${stem}"`).join(" AND ");
  const candidates = await db.$queryRaw<Candidate[]>`
    SELECT p.rowid AS "postRowid", p."searchText"
      FROM (SELECT rowid AS "postRowid" FROM "CommunityPost_fts" WHERE "CommunityPost_fts" MATCH ${match} ORDER BY rowid DESC LIMIT ${SEARCH_CANDIDATES}) f
      JOIN "CommunityPost" p ON p.rowid = f."postRowid"
      JOIN "CommunityTopic" t ON t."id" = p."topicId"
      JOIN "CommunityCategory" c ON c."id" = t."categoryId"
     WHERE ${visible}`;
  if (!candidates.length) return [];
  const idf = stems.length > 1 ? await inverseFrequencies(stems) : [1];
  const best = rankBm25(candidates.map((c) => c.searchText), stems, idf)
    .slice(0, SEARCH_LIMIT)
    .map((index) => Number(candidates[index].postRowid));
  const rows = await db.$queryRaw<(Row & { postRowid: number | bigint })[]>`
    SELECT p.rowid AS "postRowid", p."id", p."topicId", p."postNumber", p."body", t."title"
      FROM "CommunityPost" p JOIN "CommunityTopic" t ON t."id" = p."topicId"
     WHERE p.rowid IN (${Prisma.join(best)})`;
  const byRowid = new Map(rows.map((row) => [Number(row.postRowid), row]));
  return best.map((rowid) => byRowid.get(rowid)).filter((row): row is Row & { postRowid: number } => Boolean(row));
}

/** Indexes of `texts` (space-separated stems) best first by BM25 over `stems` weighted by `idf`. */
export function rankBm25(texts: string[], stems: string[], idf: number[], k1 = 1.2, b = 0.75): number[] {
  const tokens = texts.map((text) => text.split(" "));
  const average = tokens.reduce((sum, t) => sum + t.length, 0) / tokens.length || 1;
  const scores = tokens.map((words) => {
    let score = 0;
    stems.forEach((stem, i) => {
      let tf = 0;
      for (const word of words) if (word === stem) tf++;
      score += (idf[i] ?? idf[0]) * ((tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * words.length) / average)));
    });
    return score;
  });
  // Ties: the newer post first (candidates come newest first).
  return scores.map((score, index) => ({ score, index })).sort((x, y) => y.score - x.score || x.index - y.index).map((x) => x.index);
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
