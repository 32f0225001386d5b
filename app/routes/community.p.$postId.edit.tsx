// /community/p/<id>/edit: the author (or a moderator) edits a post; moderators also read the
// post's earlier versions.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, TextAreaField } from "~/components/forms.tsx";
import { formatDateTime } from "~/lib/dates.ts";
import { parseForm, type FormFailure } from "~/lib/forms.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { can } from "~/modules/access/policy.ts";
import { enforceVisible, loadPost, requireCommunity } from "~/modules/community/access.server.ts";
import { editPost, postHistory } from "~/modules/community/forum.server.ts";
import { replySchema } from "~/modules/community/forms.server.ts";

export const meta = titleMeta("community:edit.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireCommunity(request);
  const { post, item } = await loadPost(viewer, params.postId);
  enforceVisible(viewer, "community.post.edit", item);
  const moderator = can(viewer.user, "community.moderate").allowed;
  const history = moderator ? await postHistory(post.id) : [];
  return json({ post: { id: post.id, body: post.body, postNumber: post.postNumber, topicId: post.topicId, topicTitle: post.topic.title }, history });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireCommunity(request);
  const { post, item } = await loadPost(viewer, params.postId);
  enforceVisible(viewer, "community.post.edit", item);
  const formData = await readForm(request);
  const parsed = parseForm(formData, replySchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  await editPost(viewer, post, parsed.data.body, { ipAddress: context.clientIp });
  return redirect(`/community/t/${post.topicId}?from=${post.postNumber}#post-${post.postNumber}`);
}

export default function EditPost() {
  const { post, history } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const { t, i18n } = useTranslation("community");
  return (
    <div className="container page-section">
      <h1>{t("edit.title")}</h1>
      <p>
        <Link to={`/community/t/${post.topicId}?from=${post.postNumber}#post-${post.postNumber}`}>{t("edit.back", { title: post.topicTitle, number: post.postNumber })}</Link>
      </p>
      <div className="col-lg-8">
        <ErrorSummary failure={failure} labels={{ body: t("post.body") }} />
        <Form method="post" noValidate>
          <TextAreaField name="body" label={t("post.body")} required rows={10} hint={t("post.markdownHint")} defaultValue={failure?.values.body ?? post.body} errors={failure?.fieldErrors.body} />
          <button type="submit" className="btn btn-primary">
            {t("edit.save")}
          </button>
        </Form>
      </div>
      {history.length ? (
        <section aria-labelledby="history-title" className="my-5">
          <h2 id="history-title" className="h4">
            {t("edit.history")}
          </h2>
          <ol className="list-unstyled">
            {history.map((revision) => (
              <li key={revision.id} className="border-bottom py-2">
                <p className="small mb-1">{t("edit.before", { when: formatDateTime(revision.createdAt, i18n.language) })}</p>
                <pre className="user-content">{revision.body}</pre>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}
