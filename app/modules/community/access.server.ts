// Request-side of the community's access rules (app/modules/access/community.ts): who the user is,
// what their enrolments give them (`reach`), and the loaders that turn ids into items the rules
// judge. Anything the user may not see is a 404, wherever its id comes from.
import { db } from "~/lib/db.server.ts";
import { fastRead, sql } from "~/lib/db/fast-read.server.ts";
import { notFound } from "~/lib/http.server.ts";
import type { Prisma } from "~/generated/sqlite/client.ts";
import { requireUser } from "~/modules/auth/current-user.server.ts";
import type { SessionUser } from "~/modules/auth/session.server.ts";
import { accessFor, canUse, enforce, loadAccess, type AccessUser } from "~/modules/access/policy.server.ts";
import { can, type Action } from "~/modules/access/policy.ts";
import { labIdsOf } from "~/modules/labs/access.server.ts";
import { visibleSpaces, type ActorForCommunity, type CommunityReach, type PostItem, type SpaceItem, type TopicItem } from "./access-types.ts";

export type { CommunityReach };
export type CommunityViewer = { user: SessionUser; reach: CommunityReach };


/** The reach of a user who is not the requester (the recipient of a mention or a digest). */
export async function reachOfUser(user: AccessUser): Promise<CommunityReach> {
  const access = await loadAccess(user);
  return { entitled: canUse(access, "community").allowed, labIds: await labIdsOf(user.id) };
}

/** The signed-in user who may use the community, with their reach; visitors go to sign in, others get a 403 that says why. */
export async function requireCommunity(request: Request): Promise<CommunityViewer> {
  const user = await requireUser(request);
  const access = await accessFor(request, user);
  const community = canUse(access, "community");
  // The labs the user belongs to (member or tutor): their LAB spaces, even without the community (INTERMEDIATE).
  const labIds = await labIdsOf(user.id);
  if (!labIds.length) enforce(community);
  const reach: CommunityReach = { entitled: community.allowed, labIds };
  enforce(can(user, "community.use", reach));
  return { user, reach };
}

/** May this signed-in user use the community (for the navigation)? */
export async function usesCommunity(request: Request, user: SessionUser | null): Promise<boolean> {
  if (!user) return false;
  return canUse(await accessFor(request, user), "community").allowed;
}

/** A Prisma filter over categories matching the visibility rule; null when nothing is visible. */
export function visibleCategoryWhere(user: ActorForCommunity, reach: CommunityReach): Prisma.CommunityCategoryWhereInput | null {
  const spaces = visibleSpaces(user, reach);
  if (!spaces) return null;
  if (spaces.all) return {};
  const or: Prisma.CommunityCategoryWhereInput[] = spaces.community ? [{ visibility: "COMMUNITY" }] : [];
  if (spaces.labIds.length) or.push({ visibility: "LAB", labId: { in: spaces.labIds } });
  return { OR: or };
}

/** Throws a 404 unless `can(user, action, item)` allows it (the community never says "exists, but not for you"). */
export function enforceVisible<A extends Action>(viewer: CommunityViewer, action: A, item: Parameters<typeof can<A>>[2]) {
  const decision = (can as (u: unknown, a: string, i: unknown) => { allowed: boolean; reason?: string })(viewer.user, action, item);
  if (!decision.allowed) {
    if (decision.reason === "community:errors.notFound") throw notFound("community:errors.notFound");
    enforce(decision as never);
  }
}

const categorySelect = { id: true, name: true, description: true, visibility: true, labId: true, position: true, topicCount: true } as const;

export async function loadCategory(viewer: CommunityViewer, id: string | null | undefined) {
  const category = id ? await db.communityCategory.findUnique({ where: { id }, select: categorySelect }) : null;
  if (!category) throw notFound("community:errors.notFound");
  const item: SpaceItem = { visibility: category.visibility, labId: category.labId, reach: viewer.reach };
  enforceVisible(viewer, "community.space.view", item);
  return { category, item };
}

export async function loadTopic(viewer: CommunityViewer, id: string | null | undefined) {
  const topic = id
    ? await db.communityTopic.findUnique({
        where: { id },
        select: {
          id: true, title: true, categoryId: true, authorId: true, pinnedAt: true, lockedAt: true, hiddenAt: true, postCount: true, lastPostAt: true, createdAt: true,
          category: { select: categorySelect },
        },
      })
    : null;
  if (!topic) throw notFound("community:errors.notFound");
  const item: TopicItem = { visibility: topic.category.visibility, labId: topic.category.labId, reach: viewer.reach, locked: Boolean(topic.lockedAt), hidden: Boolean(topic.hiddenAt) };
  enforceVisible(viewer, "community.topic.view", item);
  return { topic, item };
}

type TopicRow = {
  id: string; title: string; categoryId: string; authorId: string; pinnedAt: Date | null; lockedAt: Date | null; hiddenAt: Date | null; postCount: number;
  lastPostAt: Date; createdAt: Date; categoryName: string; categoryDescription: string; visibility: SpaceItem["visibility"]; labId: string | null;
  position: number; topicCount: number; lastReadPostNumber: number | null; watching: boolean | null;
};

/**
 * loadTopic for the topic page, with the reader's state in the topic, in one query (the page is
 * the forum's most read: one round trip instead of three), on the fast read path (decision 0029).
 */
export async function loadTopicForReader(viewer: CommunityViewer, id: string | null | undefined) {
  const rows = id
    ? await fastRead().all<TopicRow>(sql`
        SELECT t."id", t."title", t."categoryId", t."authorId", t."pinnedAt", t."lockedAt", t."hiddenAt", t."postCount", t."lastPostAt", t."createdAt",
               c."name" AS "categoryName", c."description" AS "categoryDescription", c."visibility", c."labId", c."position", c."topicCount",
               tu."lastReadPostNumber", tu."watching"
          FROM "CommunityTopic" t
          JOIN "CommunityCategory" c ON c."id" = t."categoryId"
          LEFT JOIN "CommunityTopicUser" tu ON tu."topicId" = t."id" AND tu."userId" = ${viewer.user.id}
         WHERE t."id" = ${id}`)
    : [];
  const row = rows[0];
  if (!row) throw notFound("community:errors.notFound");
  const topic = {
    id: row.id, title: row.title, categoryId: row.categoryId, authorId: row.authorId,
    pinnedAt: row.pinnedAt, lockedAt: row.lockedAt, hiddenAt: row.hiddenAt, postCount: row.postCount, lastPostAt: row.lastPostAt, createdAt: row.createdAt,
    category: { id: row.categoryId, name: row.categoryName, description: row.categoryDescription, visibility: row.visibility, labId: row.labId, position: row.position, topicCount: row.topicCount },
  };
  const item: TopicItem = { visibility: topic.category.visibility, labId: topic.category.labId, reach: viewer.reach, locked: Boolean(topic.lockedAt), hidden: Boolean(topic.hiddenAt) };
  enforceVisible(viewer, "community.topic.view", item);
  const state = { lastRead: row.lastReadPostNumber ?? 0, watching: row.watching ?? false };
  return { topic, item, state };
}

export async function loadPost(viewer: CommunityViewer, id: string | null | undefined) {
  const post = id
    ? await db.communityPost.findUnique({
        where: { id },
        select: {
          id: true, topicId: true, postNumber: true, authorId: true, body: true, hiddenAt: true, hiddenReason: true, editedAt: true, createdAt: true,
          author: { select: { id: true, name: true } },
          topic: { select: { id: true, title: true, lockedAt: true, hiddenAt: true, category: { select: { id: true, visibility: true, labId: true } } } },
        },
      })
    : null;
  if (!post) throw notFound("community:errors.notFound");
  const item: PostItem = {
    visibility: post.topic.category.visibility, labId: post.topic.category.labId, reach: viewer.reach,
    locked: Boolean(post.topic.lockedAt), hidden: Boolean(post.topic.hiddenAt), authorId: post.authorId, postHidden: Boolean(post.hiddenAt),
  };
  enforceVisible(viewer, "community.topic.view", item);
  return { post, item };
}
