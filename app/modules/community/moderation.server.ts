// Moderation by tutors and admins: pin, lock, hide/unhide and move topics, hide/unhide posts,
// and the review queue of members' flags. A post flagged by FLAGS_TO_HIDE different people is
// hidden until a moderator reviews it (Discourse's rule). Every step is in the audit log.
import { db } from "~/lib/db.server.ts";
import type { SessionUser } from "~/modules/auth/session.server.ts";
import { recordAudit, type AuditMeta } from "~/modules/audit/audit.server.ts";
import { visibleCategoryWhere, type CommunityViewer } from "./access.server.ts";

export const FLAGS_TO_HIDE = 3;

export type TopicModeration = "pin" | "unpin" | "lock" | "unlock" | "hide" | "unhide";

const CODES = {
  pin: "community.topic_pin",
  unpin: "community.topic_unpin",
  lock: "community.topic_lock",
  unlock: "community.topic_unlock",
  hide: "community.topic_hide",
  unhide: "community.topic_unhide",
} as const satisfies Record<TopicModeration, string>;

const SUMMARIES: Record<TopicModeration, string> = {
  pin: "Messa in evidenza la discussione",
  unpin: "Tolta dall'evidenza la discussione",
  lock: "Chiusa la discussione",
  unlock: "Riaperta la discussione",
  hide: "Nascosta la discussione",
  unhide: "Resa di nuovo visibile la discussione",
};

export async function moderateTopic(actor: SessionUser, topic: { id: string; title: string; categoryId: string }, step: TopicModeration, meta: AuditMeta = {}) {
  const now = new Date();
  const data =
    step === "pin" ? { pinnedAt: now } : step === "unpin" ? { pinnedAt: null } : step === "lock" ? { lockedAt: now } : step === "unlock" ? { lockedAt: null } : step === "hide" ? { hiddenAt: now } : { hiddenAt: null };
  await db.$transaction(async (tx) => {
    await tx.communityTopic.update({ where: { id: topic.id }, data });
    await recordAudit({ actorId: actor.id, action: CODES[step], targetType: "CommunityTopic", targetId: topic.id, summary: `${SUMMARIES[step]} «${topic.title}»`, ipAddress: meta.ipAddress }, tx);
  });
}

/** Moves a topic to another category the moderator sees; the categories' counters follow. */
export async function moveTopic(viewer: CommunityViewer, topic: { id: string; title: string; categoryId: string }, targetId: string, meta: AuditMeta = {}) {
  const where = visibleCategoryWhere(viewer.user, viewer.reach);
  const target = where ? await db.communityCategory.findFirst({ where: { AND: [where, { id: targetId }] }, select: { id: true, name: true } }) : null;
  if (!target) return false;
  if (target.id === topic.categoryId) return true;
  await db.$transaction(async (tx) => {
    await tx.communityTopic.update({ where: { id: topic.id }, data: { categoryId: target.id } });
    await tx.communityCategory.update({ where: { id: topic.categoryId }, data: { topicCount: { decrement: 1 } } });
    await tx.communityCategory.update({ where: { id: target.id }, data: { topicCount: { increment: 1 } } });
    await recordAudit({ actorId: viewer.user.id, action: "community.topic_move", targetType: "CommunityTopic", targetId: topic.id, summary: `Spostata la discussione «${topic.title}» nella categoria «${target.name}»`, ipAddress: meta.ipAddress }, tx);
  });
  return true;
}

export async function setPostHidden(actor: SessionUser, post: { id: string; postNumber: number }, hidden: boolean, meta: AuditMeta = {}) {
  await db.$transaction(async (tx) => {
    await tx.communityPost.update({ where: { id: post.id }, data: hidden ? { hiddenAt: new Date(), hiddenReason: "moderator" } : { hiddenAt: null, hiddenReason: null } });
    if (!hidden) await tx.communityFlag.updateMany({ where: { postId: post.id, resolvedAt: null }, data: { resolvedAt: new Date(), resolution: "dismissed" } });
    await recordAudit(
      { actorId: actor.id, action: hidden ? "community.post_hide" : "community.post_unhide", targetType: "CommunityPost", targetId: post.id, summary: `${hidden ? "Nascosto" : "Reso visibile"} il messaggio n. ${post.postNumber}`, ipAddress: meta.ipAddress },
      tx,
    );
  });
}

/**
 * A member's flag. The third different person's open flag hides the post until reviewed.
 * Returns false when this person had flagged the post already.
 */
export async function flagPost(user: SessionUser, post: { id: string }, reason: string) {
  try {
    await db.communityFlag.create({ data: { postId: post.id, userId: user.id, reason } });
  } catch {
    return false;
  }
  const open = await db.communityFlag.count({ where: { postId: post.id, resolvedAt: null } });
  if (open >= FLAGS_TO_HIDE) {
    await db.communityPost.updateMany({ where: { id: post.id, hiddenAt: null }, data: { hiddenAt: new Date(), hiddenReason: "flags" } });
  }
  return true;
}

/** The review queue: posts with open flags, most flagged first. */
export async function reviewQueue() {
  const flags = await db.communityFlag.findMany({
    where: { resolvedAt: null },
    orderBy: { createdAt: "asc" },
    take: 500,
    select: { id: true, reason: true, createdAt: true, postId: true, user: { select: { name: true } } },
  });
  const postIds = [...new Set(flags.map((f) => f.postId))];
  const posts = await db.communityPost.findMany({
    where: { id: { in: postIds } },
    select: { id: true, postNumber: true, body: true, hiddenAt: true, hiddenReason: true, author: { select: { name: true } }, topic: { select: { id: true, title: true } } },
  });
  return posts
    .map((post) => ({ ...post, flags: flags.filter((f) => f.postId === post.id).map((f) => ({ id: f.id, reason: f.reason, by: f.user.name, at: f.createdAt })) }))
    .sort((a, b) => b.flags.length - a.flags.length);
}

/** A moderator's decision on a flagged post: keep it hidden ("agree") or show it again ("dismiss"). */
export async function reviewPost(actor: SessionUser, postId: string, decision: "agree" | "dismiss", meta: AuditMeta = {}) {
  const post = await db.communityPost.findUnique({ where: { id: postId }, select: { id: true, postNumber: true } });
  if (!post) return false;
  await db.$transaction(async (tx) => {
    await tx.communityFlag.updateMany({ where: { postId, resolvedAt: null }, data: { resolvedAt: new Date(), resolution: decision } });
    await tx.communityPost.update({ where: { id: postId }, data: decision === "agree" ? { hiddenAt: new Date(), hiddenReason: "moderator" } : { hiddenAt: null, hiddenReason: null } });
    await recordAudit(
      { actorId: actor.id, action: decision === "agree" ? "community.flag_agree" : "community.flag_dismiss", targetType: "CommunityPost", targetId: postId, summary: decision === "agree" ? `Confermate le segnalazioni: nascosto il messaggio n. ${post.postNumber}` : `Respinte le segnalazioni del messaggio n. ${post.postNumber}`, ipAddress: meta.ipAddress },
      tx,
    );
  });
  return true;
}
