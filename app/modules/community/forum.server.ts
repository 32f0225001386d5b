// The forum: categories, topics, posts, reading state and watching. Visibility is decided by
// app/modules/access/community.ts (through access.server.ts); this file only reads and writes.
//
// Counters (topic.postCount/lastPostAt, category.topicCount) are changed by the same transaction
// as the post, with `x = x + 1` updates: the topic row's UPDATE also hands out the post number,
// so concurrent replies get distinct, gap-free numbers (the row is locked until commit).
import { db } from "~/lib/db.server.ts";
import { fastRead, sql } from "~/lib/db/fast-read.server.ts";
import { Prisma } from "~/generated/sqlite/client.ts";
import { renderMarkdown } from "~/lib/markdown/markdown.server.ts";
import type { SessionUser } from "~/modules/auth/session.server.ts";
import { recordAudit, type AuditMeta } from "~/modules/audit/audit.server.ts";
import { visibleCategoryWhere, type CommunityViewer } from "./access.server.ts";
import { seesSpace, type SpaceItem } from "./access-types.ts";
import { isStaff } from "./roles.ts";
import { searchTextOf } from "./stemmer.ts";
import { checkPostingLimit } from "./limits.server.ts";

export const TOPICS_PER_PAGE = 30;

/**
 * The renderer's version: raise it when a change of the markdown renderer (a sanitizer fix, a new
 * kind of link) must reach the posts already written; the job community.rebake (rebakePosts)
 * then writes their HTML again in the background, newest renderer first read as it goes.
 */
export const COOK_VERSION = 1;

/** The post's HTML, rendered once when written (mentions stay text: nothing per reader is baked in), with the renderer's version. */
export function cook(body: string) {
  return { cooked: renderMarkdown(body), cookedVersion: COOK_VERSION };
}
export const POSTS_PER_PAGE = 50;

// ---- categories -----------------------------------------------------------------------------------

type CategoryRow = { id: string; name: string; description: string; visibility: SpaceItem["visibility"]; labId: string | null; topicCount: number };

export async function listCategories(viewer: CommunityViewer) {
  if (!visibleCategoryWhere(viewer.user, viewer.reach)) return [];
  // On the fast read path (decision 0029), every category (a forum has tens), filtered by the
  // policy's own rule for one space.
  const all = await fastRead().all<CategoryRow>(sql`
    SELECT "id", "name", "description", "visibility", "labId", "topicCount" FROM "CommunityCategory" ORDER BY "position", "name"`);
  const categories = all.filter((category) => seesSpace(viewer.user, { visibility: category.visibility, labId: category.labId, reach: viewer.reach }));
  const unread = await unreadByCategory(viewer.user.id, categories.map((c) => c.id));
  return categories.map((category) => ({ ...category, unread: unread.get(category.id) ?? 0 }));
}

/**
 * Topics with something the person has not read, per category: topics active since they first
 * came to the community (older ones are not "new" to a newcomer, as in Discourse) whose newest
 * post number is above the last one they read.
 */
export async function unreadByCategory(userId: string, categoryIds: string[]): Promise<Map<string, number>> {
  const result = new Map<string, number>();
  if (!categoryIds.length) return result;
  const since = await fastRead().one<{ createdAt: Date }>(sql`SELECT "createdAt" FROM "CommunityProfile" WHERE "userId" = ${userId}`);
  const from = since?.createdAt ?? new Date();
  // One aggregate query (a range of the categoryId+lastPostAt index per category), on the fast read path (0029).
  const rows = await fastRead().all<{ categoryId: string; n: number }>(sql`
    SELECT t."categoryId" AS "categoryId", COUNT(*) AS n
      FROM "CommunityTopic" t
      LEFT JOIN "CommunityTopicUser" tu ON tu."topicId" = t."id" AND tu."userId" = ${userId}
     WHERE t."categoryId" IN (${categoryIds}) AND t."hiddenAt" IS NULL AND t."lastPostAt" >= ${from}
       AND COALESCE(tu."lastReadPostNumber", 0) < t."postCount"
     GROUP BY t."categoryId"`);
  for (const row of rows) result.set(row.categoryId, row.n);
  return result;
}

export type CategoryInput = { name: string; description: string; visibility: "COMMUNITY" | "STAFF" | "LAB"; labId: string | null; position: number };

export async function createCategory(actor: SessionUser, input: CategoryInput, meta: AuditMeta = {}) {
  return db.$transaction(async (tx) => {
    const category = await tx.communityCategory.create({ data: input });
    await recordAudit({ actorId: actor.id, action: "community.category_create", targetType: "CommunityCategory", targetId: category.id, summary: `Creata la categoria «${input.name}» (${input.visibility})`, ipAddress: meta.ipAddress }, tx);
    return category;
  });
}

export async function updateCategory(actor: SessionUser, id: string, input: CategoryInput, meta: AuditMeta = {}) {
  return db.$transaction(async (tx) => {
    const category = await tx.communityCategory.update({ where: { id }, data: input });
    await recordAudit({ actorId: actor.id, action: "community.category_update", targetType: "CommunityCategory", targetId: id, summary: `Modificata la categoria «${input.name}» (${input.visibility})`, ipAddress: meta.ipAddress }, tx);
    return category;
  });
}

export async function allCategoriesForAdmin() {
  return db.communityCategory.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }] });
}

// ---- topics ----------------------------------------------------------------------------------------

/** A cursor for the keyset pagination of a category's topics: "<lastPostAt ms>_<id>". */
function parseTopicCursor(value: string | null): { at: Date; id: string } | null {
  const match = value ? /^(\d{1,15})_([a-z0-9]{1,40})$/.exec(value) : null;
  return match ? { at: new Date(Number(match[1])), id: match[2] } : null;
}

export async function listTopics(viewer: CommunityViewer, categoryId: string, cursorValue: string | null) {
  const cursor = parseTopicCursor(cursorValue);
  const moderator = isStaff(viewer.user);
  const base: Prisma.CommunityTopicWhereInput = { categoryId, ...(moderator ? {} : { hiddenAt: null }) };
  const select = {
    id: true, title: true, pinnedAt: true, lockedAt: true, hiddenAt: true, postCount: true, lastPostAt: true, createdAt: true,
    author: { select: { name: true } },
    readers: { where: { userId: viewer.user.id }, select: { lastReadPostNumber: true, watching: true } },
  } as const;
  const pinned = cursor ? [] : await db.communityTopic.findMany({ where: { ...base, pinnedAt: { not: null } }, orderBy: { pinnedAt: "desc" }, select });
  const rest = await db.communityTopic.findMany({
    where: {
      ...base,
      pinnedAt: null,
      ...(cursor ? { OR: [{ lastPostAt: { lt: cursor.at } }, { lastPostAt: cursor.at, id: { lt: cursor.id } }] } : {}),
    },
    orderBy: [{ lastPostAt: "desc" }, { id: "desc" }],
    take: TOPICS_PER_PAGE + 1,
    select,
  });
  const more = rest.length > TOPICS_PER_PAGE;
  const page = rest.slice(0, TOPICS_PER_PAGE);
  const last = page[page.length - 1];
  const topics = [...pinned, ...page].map(({ readers, author, ...topic }) => ({
    ...topic,
    authorName: author.name,
    lastRead: readers[0]?.lastReadPostNumber ?? 0,
    watching: readers[0]?.watching ?? false,
  }));
  return { topics, nextCursor: more && last ? `${last.lastPostAt.getTime()}_${last.id}` : null };
}

export async function createTopic(viewer: CommunityViewer, categoryId: string, input: { title: string; body: string }, now = new Date()) {
  await checkPostingLimit(viewer.user.id, "topic", now);
  const topic = await db.$transaction(async (tx) => {
    const topic = await tx.communityTopic.create({
      data: { categoryId, title: input.title, authorId: viewer.user.id, postCount: 1, lastPostAt: now, createdAt: now },
    });
    const post = await tx.communityPost.create({
      data: { topicId: topic.id, postNumber: 1, authorId: viewer.user.id, body: input.body, ...cook(input.body), searchText: searchTextOf(`${input.title}\n${input.body}`), createdAt: now },
    });
    await tx.communityCategory.update({ where: { id: categoryId }, data: { topicCount: { increment: 1 } } });
    await tx.communityTopicUser.create({ data: { userId: viewer.user.id, topicId: topic.id, lastReadPostNumber: 1, watching: true } });
    return { ...topic, firstPostId: post.id };
  });
  return topic;
}

export async function reply(viewer: CommunityViewer, topicId: string, body: string, now = new Date()) {
  await checkPostingLimit(viewer.user.id, "post", now);
  return db.$transaction(async (tx) => {
    // The UPDATE takes the topic row (PostgreSQL) or the write lock (SQLite) first: the number it
    // returns is this post's, and no concurrent reply can read the same one.
    const { postCount } = await tx.communityTopic.update({
      where: { id: topicId },
      data: { postCount: { increment: 1 }, lastPostAt: now },
      select: { postCount: true },
    });
    const post = await tx.communityPost.create({
      data: { topicId, postNumber: postCount, authorId: viewer.user.id, body, ...cook(body), searchText: searchTextOf(body), createdAt: now },
    });
    await tx.communityTopicUser.upsert({
      where: { userId_topicId: { userId: viewer.user.id, topicId } },
      create: { userId: viewer.user.id, topicId, lastReadPostNumber: postCount, watching: true },
      update: { lastReadPostNumber: postCount },
    });
    return post;
  });
}

// ---- a topic's posts --------------------------------------------------------------------------------

export type PostView = {
  id: string;
  postNumber: number;
  authorId: string;
  authorName: string;
  html: string;
  /** The markdown, for quoting (empty when hidden from this reader). */
  hiddenReason: string | null;
  hidden: boolean;
  edited: boolean;
  /**
   * Milliseconds since the epoch, not a Date: the page's JSON serializes 50 of them, and a Date
   * takes JSON.stringify off its fast path (toJSON per post), a third of its time (issue 11).
   */
  createdAt: number;
};

/**
 * One page of a topic: the posts numbered `from` onwards (keyset on the post number, which is
 * gap-free), at most POSTS_PER_PAGE. Hidden posts keep their place; their text is shown to
 * moderators only.
 */
export async function topicPosts(viewer: CommunityViewer, topicId: string, from: number, perPage = POSTS_PER_PAGE): Promise<PostView[]> {
  const moderator = isStaff(viewer.user);
  // One query with the authors' names (Prisma would make it two), on the fast read path (0029); the
  // markdown only when the post has no HTML yet, since it is not shown.
  const rows = await fastRead().all<PostRow>(sql`
    SELECT p."id", p."postNumber", p."authorId", CASE WHEN p."cooked" = '' THEN p."body" ELSE NULL END AS "body", p."cooked",
           p."hiddenAt", p."hiddenReason", p."editedAt", p."createdAt", u."name" AS "authorName"
      FROM "CommunityPost" p
      JOIN "User" u ON u."id" = p."authorId"
     WHERE p."topicId" = ${topicId} AND p."postNumber" >= ${from}
     ORDER BY p."postNumber"
     LIMIT ${perPage}`);
  // A post written without its HTML (older rows, bulk imports) is cooked on its first reading and kept.
  const cookedNow = new Map<string, string>();
  for (const row of rows) {
    if (row.cooked) continue;
    const { cooked, cookedVersion } = cook(row.body ?? "");
    cookedNow.set(row.id, cooked);
    await db.$executeRaw`UPDATE "CommunityPost" SET "cooked" = ${cooked}, "cookedVersion" = ${cookedVersion} WHERE "id" = ${row.id} AND "cooked" = ''`;
  }
  return rows.map((row) => {
    const hidden = row.hiddenAt !== null;
    return {
      id: row.id,
      postNumber: row.postNumber,
      authorId: row.authorId,
      authorName: row.authorName,
      html: hidden && !moderator ? "" : row.cooked || (cookedNow.get(row.id) ?? ""),
      hidden,
      hiddenReason: row.hiddenReason,
      edited: row.editedAt !== null,
      createdAt: row.createdAt.getTime(),
    };
  });
}
type PostRow = {
  id: string; postNumber: number; authorId: string; body: string | null; cooked: string; hiddenAt: Date | null; hiddenReason: string | null;
  editedAt: Date | null; createdAt: Date; authorName: string;
};

/** Records that the person has read up to `postNumber` (never moves backwards): one statement, a write only when it moves forward. */
export async function markRead(userId: string, topicId: string, postNumber: number, now = new Date()) {
  await db.$executeRaw`
    INSERT INTO "CommunityTopicUser" ("userId", "topicId", "lastReadPostNumber", "watching", "updatedAt")
    VALUES (${userId}, ${topicId}, ${postNumber}, false, ${now})
    ON CONFLICT ("userId", "topicId") DO UPDATE SET "lastReadPostNumber" = excluded."lastReadPostNumber", "updatedAt" = excluded."updatedAt"
     WHERE "CommunityTopicUser"."lastReadPostNumber" < excluded."lastReadPostNumber"`;
}

export async function setTopicWatching(userId: string, topicId: string, watching: boolean) {
  await db.communityTopicUser.upsert({ where: { userId_topicId: { userId, topicId } }, create: { userId, topicId, watching }, update: { watching } });
}

export async function setCategoryWatching(userId: string, categoryId: string, watching: boolean) {
  if (watching) {
    await db.communityCategoryWatch.upsert({ where: { userId_categoryId: { userId, categoryId } }, create: { userId, categoryId }, update: {} });
  } else {
    await db.communityCategoryWatch.deleteMany({ where: { userId, categoryId } });
  }
}

export async function watchesCategory(userId: string, categoryId: string) {
  return Boolean(await db.communityCategoryWatch.findUnique({ where: { userId_categoryId: { userId, categoryId } } }));
}

// ---- editing ----------------------------------------------------------------------------------------

/** Saves a new text; the previous one goes into the history (moderators read it). */
export async function editPost(viewer: CommunityViewer, post: { id: string; body: string; postNumber: number; topicId: string }, body: string, meta: AuditMeta = {}) {
  if (body === post.body) return;
  await db.$transaction(async (tx) => {
    await tx.communityPostRevision.create({ data: { postId: post.id, body: post.body, editorId: viewer.user.id } });
    let searchText = searchTextOf(body);
    if (post.postNumber === 1) {
      const topic = await tx.communityTopic.findUniqueOrThrow({ where: { id: post.topicId }, select: { title: true } });
      searchText = searchTextOf(`${topic.title}\n${body}`);
    }
    await tx.communityPost.update({ where: { id: post.id }, data: { body, ...cook(body), searchText, editedAt: new Date() } });
    if (viewer.user.id !== (await tx.communityPost.findUniqueOrThrow({ where: { id: post.id }, select: { authorId: true } })).authorId) {
      await recordAudit({ actorId: viewer.user.id, action: "community.post_edit", targetType: "CommunityPost", targetId: post.id, summary: `Modificato il messaggio n. ${post.postNumber} di un'altra persona`, ipAddress: meta.ipAddress }, tx);
    }
  });
}

export async function postHistory(postId: string) {
  return db.communityPostRevision.findMany({ where: { postId }, orderBy: { createdAt: "desc" }, select: { id: true, body: true, createdAt: true, editorId: true } });
}

/** The first post number with something unread, for "jump to the first unread". */
export function firstUnread(lastRead: number, postCount: number): number | null {
  return lastRead < postCount ? lastRead + 1 : null;
}



// ---- rebaking ----------------------------------------------------------------------------------------

export const REBAKE_JOB = "community.rebake";

/**
 * Writes again the HTML of posts cooked by an older renderer (cookedVersion < COOK_VERSION), in
 * batches, until none is left or `deadline` passes; returns how many were rewritten. Pages show
 * the older HTML until then (as Discourse does), never a post without any. A post edited meanwhile
 * already has the current version and is left alone. When nothing is stale this is one index probe.
 */
export async function rebakePosts(deadline = Date.now() + 60_000, batch = 200): Promise<number> {
  let done = 0;
  while (Date.now() < deadline) {
    const stale = await db.$queryRaw<{ id: string; body: string }[]>`
      SELECT "id", "body" FROM "CommunityPost" WHERE "cookedVersion" < ${COOK_VERSION} LIMIT ${batch}`;
    if (!stale.length) break;
    for (const post of stale) {
      const { cooked, cookedVersion } = cook(post.body);
      done += await db.$executeRaw`UPDATE "CommunityPost" SET "cooked" = ${cooked}, "cookedVersion" = ${cookedVersion} WHERE "id" = ${post.id} AND "cookedVersion" < ${cookedVersion}`;
    }
  }
  return done;
}
