// Blog posts: writing, history, scheduling, publishing, and the public's queries (which only ever
// see PUBLISHED posts). Every change that alters what the public sees is written together with a
// "blog" event; that stream is registered as public content, so every worker and instance drops its
// cached pages when the event arrives (docs/blog.md).
import { db } from "~/lib/db.server.ts";
import { DomainError } from "~/lib/domain-error.ts";
import { eventBus } from "~/lib/events/index.server.ts";
import type { Tx } from "~/lib/events/store.server.ts";
import { enqueueJob } from "~/lib/jobs/queue.server.ts";
import { renderMarkdown } from "~/lib/markdown/markdown.server.ts";
import { registerPublicContentStream } from "~/lib/page-cache/invalidate.server.ts";
import { recordAudit, type AuditMeta } from "~/modules/audit/audit.server.ts";
import type { Prisma } from "~/generated/sqlite/client.ts";
import { POSTS_PER_PAGE, parseTags, readingMinutes, slugify } from "./text.ts";

export const BLOG_STREAM = "blog";
export const BLOG_PUBLISH_JOB = "blog.publish-due";
/** Where the images of posts are served (the markdown renderer accepts images from here only). */
export const BLOG_IMAGE_PREFIX = "/blog/images/";

registerPublicContentStream(BLOG_STREAM);

export type Editor = { id: string };
export type PostInput = { title: string; slug?: string; excerpt: string; body: string; tags: string; coverImageId?: string | null };

const publicWhere = { status: "PUBLISHED" } as const;

const listSelect = {
  id: true,
  slug: true,
  title: true,
  excerpt: true,
  status: true,
  publishAt: true,
  publishedAt: true,
  updatedAt: true,
  readingMinutes: true,
  coverImageId: true,
  authorId: true,
  author: { select: { id: true, name: true } },
  tags: { select: { tag: { select: { slug: true, name: true } } } },
} satisfies Prisma.BlogPostSelect;

type ListRow = Prisma.BlogPostGetPayload<{ select: typeof listSelect }>;

function summary(row: ListRow) {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    excerpt: row.excerpt,
    status: row.status,
    publishAt: row.publishAt?.toISOString() ?? null,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
    readingMinutes: row.readingMinutes,
    coverImageId: row.coverImageId,
    authorId: row.authorId,
    author: row.author,
    tags: row.tags.map((t) => t.tag),
  };
}
export type PostSummary = ReturnType<typeof summary>;

/** Markdown of a post to safe HTML (images from the blog's own storage only). */
export function renderPostBody(body: string) {
  return renderMarkdown(body, { imagePrefixes: [BLOG_IMAGE_PREFIX] });
}

// ---- the public's queries -------------------------------------------------------------------------

export async function listPublishedPosts(options: { page?: number; tag?: string; authorId?: string; perPage?: number } = {}) {
  const perPage = options.perPage ?? POSTS_PER_PAGE;
  const page = Math.max(1, options.page ?? 1);
  const where: Prisma.BlogPostWhereInput = {
    ...publicWhere,
    ...(options.tag ? { tags: { some: { tag: { slug: options.tag } } } } : {}),
    ...(options.authorId ? { authorId: options.authorId } : {}),
  };
  const [rows, total] = await Promise.all([
    db.blogPost.findMany({ where, select: listSelect, orderBy: [{ publishedAt: "desc" }, { id: "desc" }], skip: (page - 1) * perPage, take: perPage }),
    db.blogPost.count({ where }),
  ]);
  return { posts: rows.map(summary), total, page, pages: Math.max(1, Math.ceil(total / perPage)) };
}

/** Published posts whose title, excerpt or text contains every word of `query` (any case). */
export async function searchPublishedPosts(query: string, limit = 30) {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
  if (!words.length) return [];
  const rows = await db.blogPost.findMany({
    where: publicWhere,
    select: { ...listSelect, body: true },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: 2000,
  });
  return rows
    .filter((row) => {
      const text = `${row.title}\n${row.excerpt}\n${row.body}`.toLowerCase();
      return words.every((word) => text.includes(word));
    })
    .slice(0, limit)
    .map(summary);
}

export async function findPostBySlug(slug: string) {
  const row = await db.blogPost.findUnique({ where: { slug }, select: { ...listSelect, body: true } });
  return row ? { ...summary(row), body: row.body } : null;
}

export async function findPostById(id: string) {
  const row = await db.blogPost.findUnique({ where: { id }, select: { ...listSelect, body: true } });
  return row ? { ...summary(row), body: row.body } : null;
}

/** Up to `limit` other published posts sharing a tag with `post`, most shared tags first. */
export async function relatedPosts(post: { id: string; tags: { slug: string }[] }, limit = 3) {
  if (!post.tags.length) return [];
  const rows = await db.blogPost.findMany({
    where: { ...publicWhere, id: { not: post.id }, tags: { some: { tag: { slug: { in: post.tags.map((t) => t.slug) } } } } },
    select: listSelect,
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: 50,
  });
  const mine = new Set(post.tags.map((t) => t.slug));
  const shared = (row: ListRow) => row.tags.filter((t) => mine.has(t.tag.slug)).length;
  return rows
    .map((row, index) => ({ row, index, shared: shared(row) }))
    .sort((a, b) => b.shared - a.shared || a.index - b.index)
    .slice(0, limit)
    .map(({ row }) => summary(row));
}

export async function findTag(slug: string) {
  return db.blogTag.findUnique({ where: { slug }, select: { slug: true, name: true } });
}

/** An author page exists for someone with at least one published post. */
export async function findAuthor(id: string) {
  const author = await db.user.findUnique({ where: { id }, select: { id: true, name: true, jobTitle: true } });
  if (!author) return null;
  const count = await db.blogPost.count({ where: { ...publicWhere, authorId: id } });
  return count ? author : null;
}

/** Everything the feeds and the sitemap list: the newest published posts. */
export async function feedPosts(limit = 50) {
  const rows = await db.blogPost.findMany({
    where: publicWhere,
    select: { ...listSelect, body: true },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: limit,
  });
  return rows.map((row) => ({ ...summary(row), body: row.body }));
}

export async function sitemapEntries() {
  const [posts, tags, authors] = await Promise.all([
    db.blogPost.findMany({ where: publicWhere, select: { slug: true, updatedAt: true }, orderBy: { publishedAt: "desc" }, take: 45_000 }),
    db.blogTag.findMany({ where: { posts: { some: { post: publicWhere } } }, select: { slug: true } }),
    db.blogPost.findMany({ where: { ...publicWhere, authorId: { not: null } }, select: { authorId: true }, distinct: ["authorId"] }),
  ]);
  return { posts, tags: tags.map((t) => t.slug), authors: authors.map((a) => a.authorId!) };
}

// ---- the editors' side ----------------------------------------------------------------------------

export async function listAllPosts() {
  const rows = await db.blogPost.findMany({ select: listSelect, orderBy: [{ updatedAt: "desc" }], take: 500 });
  return rows.map(summary);
}

export async function postRevisions(postId: string) {
  return db.blogRevision.findMany({
    where: { postId },
    orderBy: { createdAt: "desc" },
    select: { id: true, title: true, createdAt: true, editorId: true },
    take: 100,
  });
}

/** Paths under /blog that are pages of their own, never a post's address. */
const RESERVED_SLUGS = new Set(["manage", "newsletter", "tag", "author", "images", "rss", "atom"]);

async function uniqueSlug(client: Tx | typeof db, wanted: string, exceptId?: string) {
  const slug = slugify(wanted) || "post";
  const base = RESERVED_SLUGS.has(slug) ? `${slug}-post` : slug;
  for (let n = 1; n < 1000; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    const existing = await client.blogPost.findUnique({ where: { slug: candidate }, select: { id: true } });
    if (!existing || existing.id === exceptId) return candidate;
  }
  throw new DomainError("blog:errors.slugTaken");
}

async function setTags(tx: Tx, postId: string, input: string) {
  await tx.blogPostTag.deleteMany({ where: { postId } });
  for (const tag of parseTags(input)) {
    const row = await tx.blogTag.upsert({ where: { slug: tag.slug }, create: tag, update: {}, select: { id: true } });
    await tx.blogPostTag.create({ data: { postId, tagId: row.id } });
  }
}

/** Writes with the public's view in mind: a change visible to the public also empties every cache. */
async function write(visible: boolean, postId: string, within: (tx: Tx) => Promise<void>) {
  if (visible) {
    await eventBus().publish(BLOG_STREAM, "post", { postId }, within);
  } else {
    await db.$transaction(async (tx) => within(tx as unknown as Tx));
  }
}

async function checkCover(coverImageId: string | null | undefined) {
  if (!coverImageId) return null;
  const image = await db.blogImage.findUnique({ where: { id: coverImageId }, select: { id: true } });
  if (!image) throw new DomainError("blog:errors.coverMissing");
  return image.id;
}

export async function createPost(editor: Editor, input: PostInput) {
  const coverImageId = await checkCover(input.coverImageId);
  let id = "";
  await db.$transaction(async (tx) => {
    const slug = await uniqueSlug(tx as unknown as Tx, input.slug || input.title);
    const post = await tx.blogPost.create({
      data: { slug, title: input.title, excerpt: input.excerpt, body: input.body, authorId: editor.id, coverImageId, readingMinutes: readingMinutes(input.body) },
    });
    id = post.id;
    await setTags(tx as unknown as Tx, post.id, input.tags);
    await tx.blogRevision.create({ data: { postId: post.id, title: input.title, excerpt: input.excerpt, body: input.body, editorId: editor.id } });
  });
  return id;
}

export async function updatePost(editor: Editor, postId: string, input: PostInput) {
  const current = await db.blogPost.findUnique({ where: { id: postId }, select: { status: true } });
  if (!current) throw new DomainError("errors.notFoundText", {}, { status: 404 });
  const coverImageId = await checkCover(input.coverImageId);
  await write(current.status === "PUBLISHED", postId, async (tx) => {
    const slug = await uniqueSlug(tx, input.slug || input.title, postId);
    await tx.blogPost.update({
      where: { id: postId },
      data: { slug, title: input.title, excerpt: input.excerpt, body: input.body, coverImageId, readingMinutes: readingMinutes(input.body) },
    });
    await setTags(tx, postId, input.tags);
    await tx.blogRevision.create({ data: { postId, title: input.title, excerpt: input.excerpt, body: input.body, editorId: editor.id } });
  });
}

export async function publishNow(editor: Editor, postId: string, meta: AuditMeta = {}, now = new Date()) {
  await write(true, postId, async (tx) => {
    const post = await tx.blogPost.findUnique({ where: { id: postId }, select: { title: true, publishedAt: true, status: true } });
    if (!post) throw new DomainError("errors.notFoundText", {}, { status: 404 });
    // A post taken down and published again keeps its first publication date (feeds and links stay stable).
    await tx.blogPost.update({ where: { id: postId }, data: { status: "PUBLISHED", publishAt: null, publishedAt: post.publishedAt ?? now } });
    await recordAudit({ actorId: editor.id, action: "blog.publish", targetType: "BlogPost", targetId: postId, summary: `Pubblicato l'articolo «${post.title}»`, ipAddress: meta.ipAddress }, tx);
  });
}

/** Publishes the post at `publishAt` (the job runs then); until then it stays invisible to the public. */
export async function schedulePost(editor: Editor, postId: string, publishAt: Date, meta: AuditMeta = {}) {
  const post = await db.blogPost.findUnique({ where: { id: postId }, select: { title: true, status: true } });
  if (!post) throw new DomainError("errors.notFoundText", {}, { status: 404 });
  await write(post.status === "PUBLISHED", postId, async (tx) => {
    await tx.blogPost.update({ where: { id: postId }, data: { status: "SCHEDULED", publishAt } });
    await recordAudit(
      { actorId: editor.id, action: "blog.schedule", targetType: "BlogPost", targetId: postId, summary: `Programmato l'articolo «${post.title}» per ${publishAt.toISOString()}`, ipAddress: meta.ipAddress },
      tx,
    );
  });
  // One job per post and time; the job publishes whatever is due, so a moved time is harmless.
  await enqueueJob(BLOG_PUBLISH_JOB, {}, { runAt: publishAt, uniqueKey: `blog-publish:${postId}:${publishAt.getTime()}` });
}

export async function unpublishPost(editor: Editor, postId: string, meta: AuditMeta = {}) {
  const post = await db.blogPost.findUnique({ where: { id: postId }, select: { title: true, status: true } });
  if (!post) throw new DomainError("errors.notFoundText", {}, { status: 404 });
  await write(post.status === "PUBLISHED", postId, async (tx) => {
    await tx.blogPost.update({ where: { id: postId }, data: { status: "DRAFT", publishAt: null } });
    await recordAudit({ actorId: editor.id, action: "blog.unpublish", targetType: "BlogPost", targetId: postId, summary: `Ritirato l'articolo «${post.title}»`, ipAddress: meta.ipAddress }, tx);
  });
}

/** Publishes every scheduled post whose time has come; returns how many. Safe to run twice. */
export async function publishDuePosts(now = new Date()) {
  const due = await db.blogPost.findMany({ where: { status: "SCHEDULED", publishAt: { lte: now } }, select: { id: true, publishAt: true, publishedAt: true } });
  if (!due.length) return 0;
  let published = 0;
  await eventBus().publish(BLOG_STREAM, "scheduled", { postIds: due.map((p) => p.id) }, async (tx) => {
    for (const post of due) {
      const { count } = await tx.blogPost.updateMany({
        where: { id: post.id, status: "SCHEDULED", publishAt: { lte: now } },
        data: { status: "PUBLISHED", publishedAt: post.publishedAt ?? post.publishAt ?? now, publishAt: null },
      });
      published += count;
    }
  });
  return published;
}
