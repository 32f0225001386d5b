// /blog: the published posts, newest first, ten a page; ?q= searches them. Visitors get the first
// page from the public-page cache (a query string, e.g. ?page=2, goes to the app).
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BlogSearchForm, PostList } from "~/components/blog.tsx";
import { Pagination } from "~/components/pagination.tsx";
import { env } from "~/lib/env.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { parsePage } from "~/lib/pagination.ts";
import { listPublishedPosts, searchPublishedPosts } from "~/modules/blog/posts.server.ts";

export const handle = { cache: true };

export const meta = titleMeta("blog:home.pageTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const query = (url.searchParams.get("q") ?? "").trim().slice(0, 200);
  const canonical = `${env().APP_URL}/blog`;
  if (query) {
    const posts = await searchPublishedPosts(query);
    return json({ query, posts, total: posts.length, page: 1, pages: 1, canonical });
  }
  const list = await listPublishedPosts({ page: parsePage(url.searchParams.get("page")) });
  return json({ query: "", ...list, canonical });
}

export default function BlogHome() {
  const { query, posts, total, page, pages } = useLoaderData<typeof loader>();
  const { t } = useTranslation("blog");
  return (
    <div className="container page-section">
      <h1>{t("home.title")}</h1>
      <p className="lead">{t("home.lead")}</p>
      <p>
        <Link to="/blog/newsletter">{t("home.newsletterLink")}</Link>
        {" · "}
        <a href="/blog/rss.xml">{t("home.rss")}</a>
        {" · "}
        <a href="/blog/atom.xml">{t("home.atom")}</a>
      </p>
      <BlogSearchForm query={query} />
      {query ? <p role="status">{t("search.results", { count: total, query })}</p> : null}
      {posts.length ? <PostList posts={posts} /> : <p>{query ? t("search.none") : t("home.empty")}</p>}
      <Pagination page={page} pageCount={pages} label={t("home.pagination")} />
    </div>
  );
}
