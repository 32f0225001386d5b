// /blog/author/<id>: an author's published posts (404 for someone with none).
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PostList } from "~/components/blog.tsx";
import { Pagination } from "~/components/pagination.tsx";
import { notFound } from "~/lib/http.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { parsePage } from "~/lib/pagination.ts";
import { findAuthor, listPublishedPosts } from "~/modules/blog/posts.server.ts";

export const handle = { cache: true };

export const meta = titleMeta<{ author: { name: string } }>("blog:author.title", (data) => ({ name: data?.author.name ?? "" }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const author = await findAuthor(params.id ?? "");
  if (!author) throw notFound();
  const list = await listPublishedPosts({ authorId: author.id, page: parsePage(new URL(request.url).searchParams.get("page")) });
  return json({ author, ...list });
}

export default function BlogAuthor() {
  const { author, posts, page, pages } = useLoaderData<typeof loader>();
  const { t } = useTranslation("blog");
  return (
    <div className="container page-section">
      <h1>{t("author.title", { name: author.name })}</h1>
      {author.jobTitle ? <p className="lead">{author.jobTitle}</p> : null}
      <PostList posts={posts} />
      <Pagination page={page} pageCount={pages} label={t("home.pagination")} />
    </div>
  );
}
