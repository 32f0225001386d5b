// /blog/manage/<id>/preview: the post as readers will see it, whatever its state (its editors only).
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BlogArticle } from "~/components/blog-article.tsx";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { requireEditablePost } from "~/modules/blog/editor.server.ts";
import { postPageData } from "~/modules/blog/page.server.ts";

export const meta = titleMeta<{ post: { title: string } }>("blog:manage.previewTitle", (data) => ({ title: data?.post.title ?? "" }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { post } = await requireEditablePost(request, params.id);
  const data = await postPageData(post, { related: false });
  return json({ post: data.post, cover: data.cover, id: post.id }, { headers: { "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex" } });
}

export default function PreviewPost() {
  const { post, cover, id } = useLoaderData<typeof loader>();
  const { t } = useTranslation("blog");
  return (
    <>
      <div className="container pt-3">
        <div className="alert alert-info" role="note">
          {t("manage.previewNote", { status: t(`manage.status.${post.status}`) })} <Link to={`/blog/manage/${id}`}>{t("manage.backToEditor")}</Link>
        </div>
      </div>
      <BlogArticle post={post} cover={cover} related={[]} />
    </>
  );
}
