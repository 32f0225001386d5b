// /blog/tag/<tag>: the published posts with that tag (404 for a tag no published post carries).
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PostList } from "~/components/blog.tsx";
import { Pagination } from "~/components/pagination.tsx";
import { notFound } from "~/lib/http.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { parsePage } from "~/lib/pagination.ts";
import { findTag, listPublishedPosts } from "~/modules/blog/posts.server.ts";

export const handle = { cache: true };

export const meta = titleMeta<{ tag: { name: string } }>("blog:tag.title", (data) => ({ tag: data?.tag.name ?? "" }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const tag = await findTag(params.tag ?? "");
  if (!tag) throw notFound();
  const list = await listPublishedPosts({ tag: tag.slug, page: parsePage(new URL(request.url).searchParams.get("page")) });
  if (!list.total) throw notFound();
  return json({ tag, ...list });
}

export default function BlogTag() {
  const { tag, posts, page, pages } = useLoaderData<typeof loader>();
  const { t } = useTranslation("blog");
  return (
    <div className="container page-section">
      <h1>{t("tag.title", { tag: tag.name })}</h1>
      <PostList posts={posts} />
      <Pagination page={page} pageCount={pages} label={t("home.pagination")} />
    </div>
  );
}
