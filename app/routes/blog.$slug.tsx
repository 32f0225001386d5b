// /blog/<slug>: a published post, from the public-page cache for visitors. Drafts and scheduled
// posts answer 404 to everyone (editors use the preview in /blog/manage).
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlogArticle } from "~/components/blog-article.tsx";
import { notFound } from "~/lib/http.server.ts";
import { i18nFor } from "~/lib/i18n/i18n.ts";
import { localeFromMatches, SITE_NAME } from "~/lib/i18n/meta.ts";
import { useNonce } from "~/lib/nonce.tsx";
import { mayReadPost } from "~/modules/access/blog.ts";
import { postPageData } from "~/modules/blog/page.server.ts";
import { findPostBySlug } from "~/modules/blog/posts.server.ts";

export const handle = { cache: true };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  if (!data) return [{ title: SITE_NAME }];
  const { post, canonical, ogImage } = data;
  // "<title> · Blog di CO-OP": the post's own words, then the blog's name in the page's language.
  const { t } = i18nFor(localeFromMatches(matches));
  return [
    { title: `${post.title} · ${t("blog:home.pageTitle")}` },
    { name: "description", content: post.excerpt },
    { tagName: "link", rel: "canonical", href: canonical },
    { property: "og:type", content: "article" },
    { property: "og:title", content: post.title },
    { property: "og:description", content: post.excerpt },
    { property: "og:url", content: canonical },
    { property: "og:site_name", content: SITE_NAME },
    ...(ogImage ? [{ property: "og:image", content: ogImage }] : []),
    ...(post.publishedAt ? [{ property: "article:published_time", content: post.publishedAt }] : []),
    { property: "article:modified_time", content: post.updatedAt },
    ...post.tags.map((tag) => ({ property: "article:tag", content: tag.name })),
  ];
};

export async function loader({ params }: LoaderFunctionArgs) {
  const post = await findPostBySlug(params.slug ?? "");
  // Only published posts, whoever asks: the page is shared through the cache.
  if (!post || !mayReadPost(null, post)) throw notFound();
  return json(await postPageData(post, { related: true }));
}

export default function BlogPost() {
  const data = useLoaderData<typeof loader>();
  const nonce = useNonce();
  return (
    <>
      <script type="application/ld+json" nonce={nonce || undefined} dangerouslySetInnerHTML={{ __html: data.jsonLd }} />
      <BlogArticle post={data.post} cover={data.cover} related={data.related} />
    </>
  );
}
