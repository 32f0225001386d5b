// Community notifications: @mentions, replies in watched topics, new topics in watched categories.
// Each is a row (in-app list), an event on the person's own stream (live badge) and, by the
// person's choice, an email at once or in the daily digest. Every recipient is checked with the
// same visibility rule as the pages: nobody is told about a post they could not open.
import { randomBytes } from "node:crypto";
import { db } from "~/lib/db.server.ts";
import { fastRead, sql } from "~/lib/db/fast-read.server.ts";
import type { Prisma } from "~/generated/sqlite/client.ts";
import { env } from "~/lib/env.server.ts";
import { eventBus } from "~/lib/events/index.server.ts";
import { latestSeqFast } from "~/lib/events/store.server.ts";
import { mentionsIn } from "~/lib/markdown/markdown.server.ts";
import { sendEmail } from "~/lib/mail/send.server.ts";
import { seesSpace, type CommunityReach } from "./access-types.ts";
import { reachOfUser } from "./access.server.ts";
import { isStaff } from "./roles.ts";

export type NotificationKind = "mention" | "reply" | "topic";
export const notificationStream = (userId: string) => `community:user:${userId}`;

// ---- profiles (the @handle) ---------------------------------------------------------------------------

function handleBase(name: string, email: string): string {
  const fromName = name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, ".").replace(/^\.+|\.+$/g, "");
  const base = fromName.length >= 2 ? fromName : email.split("@")[0].toLowerCase().replace(/[^a-z0-9]+/g, ".");
  return base.slice(0, 30).replace(/\.+$/, "") || "utente";
}

/** The person's community profile, made on their first visit: a unique @handle from their name. */
export async function ensureProfile(user: { id: string; name: string; email: string }) {
  const existing = await db.communityProfile.findUnique({ where: { userId: user.id } });
  if (existing) return existing;
  const base = handleBase(user.name, user.email);
  for (let attempt = 0; attempt < 20; attempt++) {
    const handle = attempt === 0 ? base : `${base}${attempt + 1}`;
    try {
      return await db.communityProfile.create({ data: { userId: user.id, handle, unsubscribeToken: randomBytes(24).toString("base64url") } });
    } catch {
      const mine = await db.communityProfile.findUnique({ where: { userId: user.id } });
      if (mine) return mine;
    }
  }
  throw new Error("No free community handle");
}

export async function setEmailMode(userId: string, emailMode: "IMMEDIATE" | "DAILY" | "NONE") {
  await db.communityProfile.update({ where: { userId }, data: { emailMode } });
}

/** The unsubscribe link's action: no sign-in needed, the token is the proof. */
export async function unsubscribeByToken(token: string): Promise<boolean> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return false;
  const { count } = await db.communityProfile.updateMany({ where: { unsubscribeToken: token }, data: { emailMode: "NONE" } });
  return count > 0;
}

export async function profileByToken(token: string) {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  return db.communityProfile.findUnique({ where: { unsubscribeToken: token }, select: { handle: true, emailMode: true } });
}

// ---- fan-out ------------------------------------------------------------------------------------------

type TopicInfo = { id: string; title: string; categoryId: string; hidden: boolean; visibility: string; labId: string | null };
type PostInfo = { id: string; postNumber: number; body: string; authorId: string; authorName: string };

const recipientSelect = { id: true, name: true, email: true, role: true, locale: true, organizationId: true, isOrganizationManager: true, disabledAt: true } as const;
type Recipient = { id: string; name: string; email: string; role: "ADMIN" | "TUTOR" | "MEMBER"; locale: string; organizationId: string | null; isOrganizationManager: boolean; disabledAt: Date | null };

async function mayRead(user: Recipient, topic: Pick<TopicInfo, "visibility" | "labId" | "hidden">, reach?: CommunityReach) {
  if (user.disabledAt) return false;
  const r = reach ?? (await reachOfUser(user));
  if (!seesSpace(user, { visibility: topic.visibility, labId: topic.labId, reach: r })) return false;
  return !topic.hidden || isStaff(user);
}

export function postUrl(topicId: string, postNumber: number) {
  return `${env().APP_URL}/community/t/${topicId}?from=${postNumber}#post-${postNumber}`;
}

function settingsUrl() {
  return `${env().APP_URL}/community/notifications`;
}

function unsubscribeUrl(token: string) {
  return `${env().APP_URL}/community/unsubscribe/${token}`;
}

/** After a post is written: who is mentioned or watching, and may read it, is notified. */
export async function notifyAboutPost(topic: TopicInfo, post: PostInfo, isNewTopic: boolean) {
  const kinds = new Map<string, NotificationKind>();
  if (isNewTopic) {
    const watchers = await db.communityCategoryWatch.findMany({ where: { categoryId: topic.categoryId }, select: { userId: true } });
    for (const w of watchers) kinds.set(w.userId, "topic");
  } else {
    const watchers = await db.communityTopicUser.findMany({ where: { topicId: topic.id, watching: true }, select: { userId: true } });
    for (const w of watchers) kinds.set(w.userId, "reply");
  }
  const handles = mentionsIn(post.body).map((h) => h.toLowerCase());
  if (handles.length) {
    const mentioned = await db.communityProfile.findMany({ where: { handle: { in: handles.slice(0, 20) } }, select: { userId: true } });
    for (const m of mentioned) kinds.set(m.userId, "mention");
  }
  kinds.delete(post.authorId);
  if (!kinds.size) return 0;
  const users = (await db.user.findMany({ where: { id: { in: [...kinds.keys()] } }, select: recipientSelect })) as Recipient[];
  let sent = 0;
  for (const user of users) {
    if (!(await mayRead(user, topic))) continue;
    const kind = kinds.get(user.id)!;
    const stream = notificationStream(user.id);
    let created: { id: string } | null = null;
    try {
      await eventBus().publish(stream, "notification", { kind, topicId: topic.id, postNumber: post.postNumber }, async (tx) => {
        created = await tx.communityNotification.create({ data: { userId: user.id, kind, topicId: topic.id, postId: post.id, actorId: post.authorId } });
      });
    } catch {
      continue; // already notified about this post
    }
    if (!created) continue;
    sent++;
    const profile = await ensureProfile(user);
    if (profile.emailMode !== "IMMEDIATE") continue;
    await sendEmail({
      to: user.email,
      template: "community-notifications",
      locale: user.locale === "en" ? "en" : "it",
      data: {
        name: user.name,
        digest: false,
        items: [{ kind, actorName: post.authorName, topicTitle: topic.title, url: postUrl(topic.id, post.postNumber) }],
        unsubscribeUrl: unsubscribeUrl(profile.unsubscribeToken),
        settingsUrl: settingsUrl(),
      },
    });
    await db.communityNotification.update({ where: { id: (created as { id: string }).id }, data: { emailedAt: new Date() } });
  }
  return sent;
}

// ---- in-app list -----------------------------------------------------------------------------------------

/** The person's notifications they may still read (access re-checked: a category may have become staff-only). */
export async function listNotifications(user: Recipient, reach: CommunityReach, limit = 50) {
  const rows = await db.communityNotification.findMany({ where: { userId: user.id }, orderBy: { createdAt: "desc" }, take: limit });
  return withVisibleTopics(user, reach, rows);
}

async function withVisibleTopics<T extends { topicId: string; postId: string; actorId: string }>(user: Recipient, reach: CommunityReach, rows: T[]) {
  if (!rows.length) return [];
  const topics = await db.communityTopic.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.topicId))] } },
    select: { id: true, title: true, hiddenAt: true, category: { select: { visibility: true, labId: true } } },
  });
  const posts = await db.communityPost.findMany({ where: { id: { in: rows.map((r) => r.postId) } }, select: { id: true, postNumber: true } });
  const actors = await db.user.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.actorId))] } }, select: { id: true, name: true } });
  const topicById = new Map(topics.map((t) => [t.id, t]));
  const numberById = new Map(posts.map((p) => [p.id, p.postNumber]));
  const nameById = new Map(actors.map((a) => [a.id, a.name]));
  const visible = [];
  for (const row of rows) {
    const topic = topicById.get(row.topicId);
    const postNumber = numberById.get(row.postId);
    if (!topic || postNumber === undefined) continue;
    if (!(await mayRead(user, { visibility: topic.category.visibility, labId: topic.category.labId, hidden: Boolean(topic.hiddenAt) }, reach))) continue;
    visible.push({ ...row, topicTitle: topic.title, postNumber, actorName: nameById.get(row.actorId) ?? "" });
  }
  return visible;
}

export async function unreadNotificationCount(userId: string): Promise<number> {
  // The fast read path (decision 0029): the badge is counted on every page.
  const row = await fastRead().one<{ n: number }>(sql`SELECT COUNT(*) AS "n" FROM "CommunityNotification" WHERE "userId" = ${userId} AND "readAt" IS NULL`);
  return row?.n ?? 0;
}

/** The header's badge: unread notifications and the stream position they were counted at (the page's stream resumes from there). */
export async function notificationBadge(userId: string): Promise<{ count: number; seq: number }> {
  // Position first: a notification written between the two reads is then replayed, never lost.
  // Both on the fast read path (decision 0029): the root loader reads them on every page.
  const seq = await latestSeqFast(notificationStream(userId));
  return { count: await unreadNotificationCount(userId), seq };
}

export async function markNotificationsRead(userId: string) {
  await db.communityNotification.updateMany({ where: { userId, readAt: null }, data: { readAt: new Date() } });
}

// ---- the person's digest (app/modules/digest) -----------------------------------------------------------

/**
 * The forum part of the person's one digest (issue 14 moved the community's own daily digest
 * there): notifications not emailed or read yet, for those who chose "in the digest", limited to
 * topics they may still read. `onSent` marks them emailed in the digest's transaction.
 */
export async function forumDigestItems(user: Recipient, pending: { id: string; userId: string; kind: string; topicId: string; postId: string; actorId: string }[], now: Date) {
  if (!pending.length || user.disabledAt) return { items: [], onSent: undefined };
  const visible = await withVisibleTopics(user, await reachOfUser(user), pending);
  const ids = pending.map((p) => p.id);
  return {
    items: visible.map((n) => ({ kind: n.kind as NotificationKind, actorName: n.actorName, topicTitle: n.topicTitle, url: postUrl(n.topicId, n.postNumber) })),
    onSent: (tx: Prisma.TransactionClient) => tx.communityNotification.updateMany({ where: { id: { in: ids }, emailedAt: null }, data: { emailedAt: now } }),
  };
}

/** Pending notifications (not emailed, not read) of everyone whose choice is "in the digest", by person. */
export async function pendingDigestNotifications() {
  const rows = await db.communityNotification.findMany({
    where: { emailedAt: null, readAt: null, user: { communityProfile: { emailMode: "DAILY" } } },
    select: { id: true, userId: true, kind: true, topicId: true, postId: true, actorId: true },
    orderBy: { createdAt: "asc" },
  });
  const byUser = new Map<string, typeof rows>();
  for (const row of rows) {
    const list = byUser.get(row.userId) ?? [];
    if (list.length < 100) list.push(row);
    byUser.set(row.userId, list);
  }
  return byUser;
}
