// /blog/manage: the editors' list of every post with its state (tutors and admins).
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/list-page.tsx";
import { formatDateTime } from "~/lib/dates.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { authorize, can } from "~/modules/access/policy.server.ts";
import { listAllPosts } from "~/modules/blog/posts.server.ts";

export const meta = titleMeta("blog:manage.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await authorize(request, "blog.manage");
  const posts = await listAllPosts();
  return json({
    posts: posts.map((post) => ({ ...post, editable: can(user, "blog.post.edit", post).allowed })),
    mayNewsletter: can(user, "newsletter.send").allowed,
  });
}

export default function ManageBlog() {
  const { posts, mayNewsletter } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("blog");
  return (
    <div className="container page-section">
      <h1>{t("manage.title")}</h1>
      <p>
        <Link to="/blog/manage/new" className="btn btn-primary me-2">
          {t("manage.new")}
        </Link>
        <Link to="/blog/manage/images" className="btn btn-outline-primary me-2">
          {t("images.title")}
        </Link>
        {mayNewsletter ? (
          <Link to="/blog/manage/newsletter" className="btn btn-outline-primary">
            {t("newsletter.manageTitle")}
          </Link>
        ) : null}
      </p>
      {posts.length ? (
        <DataTable
          caption={t("manage.caption")}
          rows={posts}
          rowKey={(post) => post.id}
          columns={[
            { header: t("form.title"), rowHeader: true, cell: (post) => (post.editable ? <Link to={`/blog/manage/${post.id}`}>{post.title}</Link> : post.title) },
            { header: t("manage.state"), cell: (post) => t(`manage.status.${post.status}`) },
            {
              header: t("manage.when"),
              cell: (post) =>
                post.status === "SCHEDULED" && post.publishAt
                  ? formatDateTime(post.publishAt, i18n.language)
                  : post.publishedAt
                    ? formatDateTime(post.publishedAt, i18n.language)
                    : "—",
            },
            { header: t("manage.author"), cell: (post) => post.author?.name ?? "—" },
          ]}
        />
      ) : (
        <p>{t("manage.empty")}</p>
      )}
    </div>
  );
}
