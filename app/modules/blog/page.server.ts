// What the post page and its preview need: the post, its rendered text, cover, related posts and
// the metadata (canonical URL, Open Graph, JSON-LD Article).
import { env } from "~/lib/env.server.ts";
import { imageForPage } from "./images.server.ts";
import { relatedPosts, renderPostBody, type PostSummary } from "./posts.server.ts";

export async function postPageData(post: PostSummary & { body: string }, options: { related: boolean }) {
  const base = env().APP_URL;
  const canonical = `${base}/blog/${post.slug}`;
  const cover = await imageForPage(post.coverImageId);
  const related = options.related ? await relatedPosts(post) : [];
  const jsonLd = {
    "@context": "https://schema.org",
    "@type": "Article",
    headline: post.title,
    description: post.excerpt || undefined,
    datePublished: post.publishedAt ?? undefined,
    dateModified: post.updatedAt,
    author: post.author ? { "@type": "Person", name: post.author.name, url: `${base}/blog/author/${post.author.id}` } : undefined,
    image: cover ? `${base}${cover.src}` : undefined,
    mainEntityOfPage: canonical,
    keywords: post.tags.map((t) => t.name).join(", ") || undefined,
  };
  return {
    post: { ...post, body: undefined, html: renderPostBody(post.body) },
    cover,
    related,
    canonical,
    ogImage: cover ? `${base}${cover.src}` : null,
    // "<" escaped so the data can never close its script element.
    jsonLd: JSON.stringify(jsonLd).replace(/</g, "\\u003c"),
  };
}
