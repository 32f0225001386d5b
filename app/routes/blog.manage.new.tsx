// /blog/manage/new: write a new post (saved as a draft; publish or schedule from its page).
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BlogPostForm } from "~/components/blog-post-form.tsx";
import { domainErrorResponse } from "~/lib/domain-error.server.ts";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { parseForm, type FormFailure } from "~/lib/forms.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { authorize } from "~/modules/access/policy.server.ts";
import { recentImages } from "~/modules/blog/images.server.ts";
import { createPost } from "~/modules/blog/posts.server.ts";
import { postSchema } from "~/modules/blog/validation.ts";

export const meta = titleMeta("blog:manage.new");

export async function loader({ request }: LoaderFunctionArgs) {
  await authorize(request, "blog.manage");
  return json({ images: await recentImages() });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await authorize(request, "blog.manage");
  const formData = await readForm(request);
  const parsed = parseForm(formData, postSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  try {
    const id = await createPost(user, { ...parsed.data, excerpt: parsed.data.excerpt ?? "", tags: parsed.data.tags ?? "" });
    return redirectWithFlash(`/blog/manage/${id}`, { type: "success", message: "blog:flash.created" });
  } catch (error) {
    return domainErrorResponse(error, formData);
  }
}

export default function NewPost() {
  const { images } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const { t } = useTranslation("blog");
  return (
    <div className="container page-section">
      <h1>{t("manage.new")}</h1>
      <BlogPostForm values={{}} failure={failure} images={images} submitLabel={t("form.saveDraft")} />
    </div>
  );
}
