// RSS 2.0, Atom 1.0, sitemap.xml and robots.txt, built from published posts only. Each answer
// carries an ETag (a hash of its bytes) and Last-Modified, and a matching revalidation gets a 304.
import { createHash } from "node:crypto";
import { env } from "~/lib/env.server.ts";
import { feedPosts, renderPostBody, sitemapEntries } from "./posts.server.ts";

export const FEED_SIZE = 30;

export function escapeXml(text: string) {
  // Characters XML 1.0 forbids are dropped; the five special ones escaped.
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "").replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!);
}

export function conditionalResponse(request: Request, body: string, contentType: string, lastModified: Date | null) {
  const etag = `"${createHash("sha1").update(body).digest("base64url")}"`;
  const headers: Record<string, string> = {
    "Content-Type": contentType,
    ETag: etag,
    "Cache-Control": "public, max-age=0, s-maxage=60, stale-while-revalidate=300",
    "X-Content-Type-Options": "nosniff",
  };
  if (lastModified) headers["Last-Modified"] = lastModified.toUTCString();
  const ifNoneMatch = request.headers.get("if-none-match");
  const ifModifiedSince = request.headers.get("if-modified-since");
  const fresh = ifNoneMatch
    ? ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)
    : Boolean(ifModifiedSince && lastModified && Math.floor(lastModified.getTime() / 1000) * 1000 <= Date.parse(ifModifiedSince));
  if (fresh) return new Response(null, { status: 304, headers });
  return new Response(request.method === "HEAD" ? null : body, { status: 200, headers });
}

const newest = (dates: (string | null)[]) => {
  const times = dates.filter((d): d is string => Boolean(d)).map((d) => Date.parse(d));
  return times.length ? new Date(Math.max(...times)) : null;
};

export async function rssFeed(title: string, description: string, language: string) {
  const base = env().APP_URL;
  const posts = await feedPosts(FEED_SIZE);
  const updated = newest(posts.map((p) => p.updatedAt));
  const items = posts
    .map((post) => {
      const link = `${base}/blog/${post.slug}`;
      return [
        "<item>",
        `<title>${escapeXml(post.title)}</title>`,
        `<link>${escapeXml(link)}</link>`,
        `<guid isPermaLink="true">${escapeXml(link)}</guid>`,
        `<pubDate>${new Date(post.publishedAt!).toUTCString()}</pubDate>`,
        post.author ? `<dc:creator>${escapeXml(post.author.name)}</dc:creator>` : "",
        ...post.tags.map((tag) => `<category>${escapeXml(tag.name)}</category>`),
        `<description>${escapeXml(post.excerpt || post.title)}</description>`,
        `<content:encoded>${escapeXml(renderPostBody(post.body))}</content:encoded>`,
        "</item>",
      ].join("");
    })
    .join("\n");
  const body = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>${escapeXml(title)}</title>
<link>${escapeXml(`${base}/blog`)}</link>
<description>${escapeXml(description)}</description>
<language>${language}</language>
<atom:link href="${escapeXml(`${base}/blog/rss.xml`)}" rel="self" type="application/rss+xml"/>
${updated ? `<lastBuildDate>${updated.toUTCString()}</lastBuildDate>` : ""}
${items}
</channel>
</rss>
`;
  return { body, updated };
}

export async function atomFeed(title: string, subtitle: string, language: string) {
  const base = env().APP_URL;
  const posts = await feedPosts(FEED_SIZE);
  const updated = newest(posts.map((p) => p.updatedAt));
  const entries = posts
    .map((post) => {
      const link = `${base}/blog/${post.slug}`;
      return [
        "<entry>",
        `<id>${escapeXml(`${base}/blog/post/${post.id}`)}</id>`,
        `<title>${escapeXml(post.title)}</title>`,
        `<link rel="alternate" type="text/html" href="${escapeXml(link)}"/>`,
        `<published>${post.publishedAt}</published>`,
        `<updated>${post.updatedAt}</updated>`,
        `<author><name>${escapeXml(post.author?.name ?? title)}</name></author>`,
        ...post.tags.map((tag) => `<category term="${escapeXml(tag.slug)}" label="${escapeXml(tag.name)}"/>`),
        `<summary>${escapeXml(post.excerpt || post.title)}</summary>`,
        `<content type="html">${escapeXml(renderPostBody(post.body))}</content>`,
        "</entry>",
      ].join("");
    })
    .join("\n");
  const body = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${language}">
<id>${escapeXml(`${base}/blog`)}</id>
<title>${escapeXml(title)}</title>
<subtitle>${escapeXml(subtitle)}</subtitle>
<link rel="self" type="application/atom+xml" href="${escapeXml(`${base}/blog/atom.xml`)}"/>
<link rel="alternate" type="text/html" href="${escapeXml(`${base}/blog`)}"/>
<updated>${(updated ?? new Date(0)).toISOString()}</updated>
${entries}
</feed>
`;
  return { body, updated };
}

/** Public pages worth indexing: home, legal pages, the blog and each published post, tag and author. */
export async function sitemap() {
  const base = env().APP_URL;
  const { posts, tags, authors } = await sitemapEntries();
  const url = (path: string, lastmod?: Date) => `<url><loc>${escapeXml(base + path)}</loc>${lastmod ? `<lastmod>${lastmod.toISOString()}</lastmod>` : ""}</url>`;
  const updated = posts.length ? new Date(Math.max(...posts.map((p) => p.updatedAt.getTime()))) : null;
  const urls = [
    url("/"),
    url("/accessibility"),
    url("/privacy"),
    url("/legal"),
    url("/blog", updated ?? undefined),
    ...posts.map((post) => url(`/blog/${post.slug}`, post.updatedAt)),
    ...tags.map((slug) => url(`/blog/tag/${slug}`)),
    ...authors.map((id) => url(`/blog/author/${id}`)),
  ];
  const body = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls.join("\n")}
</urlset>
`;
  return { body, updated };
}

export function robots() {
  const base = env().APP_URL;
  return [
    "User-agent: *",
    // Signed-in areas and token links have nothing to index.
    "Disallow: /admin",
    "Disallow: /account",
    "Disallow: /blog/manage",
    "Disallow: /blog/newsletter/",
    "Disallow: /invitations/",
    "Disallow: /reset-password/",
    "Disallow: /events/",
    "",
    `Sitemap: ${base}/sitemap.xml`,
    "",
  ].join("\n");
}
