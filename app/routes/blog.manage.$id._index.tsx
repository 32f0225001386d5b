// /blog/manage/<id>: edit a post, publish it now, schedule it (Rome time), take it down; its history.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BlogPostForm } from "~/components/blog-post-form.tsx";
import { ErrorSummary, TextField } from "~/components/forms.tsx";
import { formatDateTime, romeDay } from "~/lib/dates.ts";
import { domainErrorResponse } from "~/lib/domain-error.server.ts";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { formFailure, parseForm, type FormFailure } from "~/lib/forms.ts";
import { badRequest } from "~/lib/http.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { requireEditablePost } from "~/modules/blog/editor.server.ts";
import { recentImages } from "~/modules/blog/images.server.ts";
import { postRevisions, publishNow, schedulePost, unpublishPost, updatePost } from "~/modules/blog/posts.server.ts";
import { romeDateTime } from "~/modules/blog/text.ts";
import { postSchema, scheduleSchema } from "~/modules/blog/validation.ts";

export const meta = titleMeta<{ post: { title: string } }>("blog:manage.editTitle", (data) => ({ title: data?.post.title ?? "" }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { post } = await requireEditablePost(request, params.id);
  const [images, revisions] = await Promise.all([recentImages(), postRevisions(post.id)]);
  return json({ post, images, revisions, today: romeDay(new Date()) });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, post } = await requireEditablePost(request, params.id);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const meta = { ipAddress: context.clientIp };
  try {
    if (intent === "save") {
      const parsed = parseForm(formData, postSchema);
      if (!parsed.ok) return json(parsed, { status: 400 });
      await updatePost(user, post.id, { ...parsed.data, excerpt: parsed.data.excerpt ?? "", tags: parsed.data.tags ?? "" });
      return redirectWithFlash(`/blog/manage/${post.id}`, { type: "success", message: "blog:flash.saved" });
    }
    if (intent === "publish") {
      await publishNow(user, post.id, meta);
      return redirectWithFlash(`/blog/manage/${post.id}`, { type: "success", message: "blog:flash.published" });
    }
    if (intent === "unpublish") {
      await unpublishPost(user, post.id, meta);
      return redirectWithFlash(`/blog/manage/${post.id}`, { type: "success", message: "blog:flash.unpublished" });
    }
    if (intent === "schedule") {
      const parsed = parseForm(formData, scheduleSchema);
      if (!parsed.ok) return json(parsed, { status: 400 });
      const at = romeDateTime(parsed.data.publishDay, parsed.data.publishTime);
      if (!at) return json(formFailure(formData, { publishDay: ["validation.invalid"] }), { status: 400 });
      if (at.getTime() <= Date.now()) return json(formFailure(formData, { publishDay: ["blog:errors.scheduleInPast"] }), { status: 400 });
      await schedulePost(user, post.id, at, meta);
      return redirectWithFlash(`/blog/manage/${post.id}`, { type: "success", message: "blog:flash.scheduled" });
    }
  } catch (error) {
    return domainErrorResponse(error, formData);
  }
  throw badRequest();
}

export default function EditPost() {
  const { post, images, revisions, today } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const { t, i18n } = useTranslation("blog");
  const scheduleFailure = failure && ("publishDay" in failure.fieldErrors || "publishTime" in failure.fieldErrors) ? failure : undefined;
  const formFailureShown = scheduleFailure ? undefined : failure;
  return (
    <div className="container page-section">
      <h1>{t("manage.editTitle", { title: post.title })}</h1>
      <p>
        <strong>{t("manage.state")}:</strong> {t(`manage.status.${post.status}`)}
        {post.status === "SCHEDULED" && post.publishAt ? ` (${formatDateTime(post.publishAt, i18n.language)})` : null}
        {" · "}
        <Link to={`/blog/manage/${post.id}/preview`}>{t("manage.preview")}</Link>
        {post.status === "PUBLISHED" ? (
          <>
            {" · "}
            <Link to={`/blog/${post.slug}`}>{t("manage.viewPublic")}</Link>
          </>
        ) : null}
      </p>
      <h2 className="h4 mt-4">{t("manage.publication")}</h2>
      <div className="d-flex flex-wrap gap-2 mb-3">
        {post.status !== "PUBLISHED" ? (
          <Form method="post">
            <input type="hidden" name="intent" value="publish" />
            <button type="submit" className="btn btn-success">
              {t("manage.publishNow")}
            </button>
          </Form>
        ) : null}
        {post.status !== "DRAFT" ? (
          <Form method="post">
            <input type="hidden" name="intent" value="unpublish" />
            <button type="submit" className="btn btn-outline-danger">
              {post.status === "PUBLISHED" ? t("manage.unpublish") : t("manage.cancelSchedule")}
            </button>
          </Form>
        ) : null}
      </div>
      <ErrorSummary failure={scheduleFailure} labels={{ publishDay: t("manage.publishDay"), publishTime: t("manage.publishTime") }} />
      <Form method="post" noValidate>
        <fieldset>
          <legend className="h5">{t("manage.scheduleLegend")}</legend>
          <input type="hidden" name="intent" value="schedule" />
          <div className="row">
            <div className="col-md-4">
              <TextField type="date" name="publishDay" label={t("manage.publishDay")} required min={today} defaultValue={scheduleFailure?.values.publishDay ?? today} errors={scheduleFailure?.fieldErrors.publishDay} />
            </div>
            <div className="col-md-4">
              <TextField type="time" name="publishTime" label={t("manage.publishTime")} required defaultValue={scheduleFailure?.values.publishTime ?? "09:00"} errors={scheduleFailure?.fieldErrors.publishTime} hint={t("manage.romeTime")} />
            </div>
          </div>
          <button type="submit" className="btn btn-outline-primary">
            {t("manage.schedule")}
          </button>
        </fieldset>
      </Form>
      <h2 className="h4 mt-5">{t("manage.content")}</h2>
      <BlogPostForm
        values={{ title: post.title, slug: post.slug, excerpt: post.excerpt, body: post.body, tags: post.tags.map((tag) => tag.name).join(", "), coverImageId: post.coverImageId }}
        failure={formFailureShown}
        images={images}
        submitLabel={t("form.save")}
      />
      <h2 className="h4 mt-5">{t("manage.history")}</h2>
      <ol>
        {revisions.map((revision) => (
          <li key={revision.id}>
            <time dateTime={revision.createdAt}>{formatDateTime(revision.createdAt, i18n.language)}</time>: {revision.title}
          </li>
        ))}
      </ol>
    </div>
  );
}
