// Full-text search over the forum's posts, only what the searcher may see (the same visibility
// rule as the pages, as SQL), ranked, with highlighted snippets.
// SQLite: FTS5 over the stems in CommunityPost.searchText (stemmer.ts on both sides) ranked by bm25.
// PostgreSQL: the generated `search_fts` tsvector (italian configuration) ranked by ts_rank.
import { db, databaseKind } from "~/lib/db.server.ts";
import { Prisma } from "~/generated/sqlite/client.ts";
import { visibleSpaces, type ActorForCommunity, type CommunityReach } from "./access-types.ts";
import { searchWordsOf, stemItalian, wordsOf } from "./stemmer.ts";

export const SEARCH_LIMIT = 20;
/** How many of the newest matches are ranked (SQLite). */
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
    const match = words.map((w) => `"${stemItalian(w)}"`).join(" AND ");
    // Ranked among the newest SEARCH_CANDIDATES matches: FTS5 walks the matches newest first
    // (rowid order) and scores only those, so a word found in half the forum costs the same as a
    // rare one. Rare words (fewer matches than that) are ranked over all their matches. Only the
    // best 10 x SEARCH_LIMIT are then joined to their topics and filtered by visibility.
    rows = await db.$queryRaw<Row[]>`
      SELECT p."id", p."topicId", p."postNumber", p."body", t."title"
        FROM (SELECT "postRowid", rank FROM (SELECT rowid AS "postRowid", rank FROM "CommunityPost_fts" WHERE "CommunityPost_fts" MATCH ${match} ORDER BY rowid DESC LIMIT ${SEARCH_CANDIDATES})
               ORDER BY rank LIMIT ${SEARCH_LIMIT * 10}) f
        JOIN "CommunityPost" p ON p.rowid = f."postRowid"
        JOIN "CommunityTopic" t ON t."id" = p."topicId"
        JOIN "CommunityCategory" c ON c."id" = t."categoryId"
       WHERE ${visible}
       ORDER BY f.rank
       LIMIT ${SEARCH_LIMIT}`;
  }
  const stems = new Set(words.map(stemItalian));
  return rows.map((row) => ({ postId: row.id, topicId: row.topicId, topicTitle: row.title, postNumber: Number(row.postNumber), snippet: snippet(row.body, stems) }));
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
