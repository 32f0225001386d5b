// /community/c/<id>: a category's topics (pinned first, then by latest activity, keyset pages),
// the form to start a topic, and watching the category.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, TextAreaField, TextField } from "~/components/forms.tsx";
import { formatDateTime } from "~/lib/dates.ts";
import { parseForm, type FormFailure } from "~/lib/forms.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { enforceVisible, loadCategory, requireCommunity } from "~/modules/community/access.server.ts";
import { createTopic, listTopics, setCategoryWatching, watchesCategory } from "~/modules/community/forum.server.ts";
import { postingLimitResponse, topicSchema } from "~/modules/community/forms.server.ts";
import { notifyAboutPost } from "~/modules/community/notifications.server.ts";

export const meta = titleMeta<{ category: { name: string } }>("community:category.title", (data) => ({ name: data?.category.name ?? "" }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireCommunity(request);
  const { category } = await loadCategory(viewer, params.categoryId);
  const url = new URL(request.url);
  const [{ topics, nextCursor }, watching] = await Promise.all([listTopics(viewer, category.id, url.searchParams.get("after")), watchesCategory(viewer.user.id, category.id)]);
  return json({ category, topics, nextCursor, watching });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireCommunity(request);
  const { category, item } = await loadCategory(viewer, params.categoryId);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "watch" || intent === "unwatch") {
    await setCategoryWatching(viewer.user.id, category.id, intent === "watch");
    return redirect(`/community/c/${category.id}`);
  }
  enforceVisible(viewer, "community.topic.create", item);
  const parsed = parseForm(formData, topicSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  let topic;
  try {
    topic = await createTopic(viewer, category.id, parsed.data);
  } catch (error) {
    return postingLimitResponse(error, formData);
  }
  await notifyAboutPost(
    { id: topic.id, title: topic.title, categoryId: category.id, hidden: false, visibility: category.visibility, labId: category.labId },
    { id: topic.firstPostId, postNumber: 1, body: parsed.data.body, authorId: viewer.user.id, authorName: viewer.user.name },
    true,
  );
  return redirect(`/community/t/${topic.id}`);
}

export default function CategoryPage() {
  const { category, topics, nextCursor, watching } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const { t, i18n } = useTranslation("community");
  const labels = { title: t("topic.titleField"), body: t("post.body") };
  return (
    <div className="container page-section">
      <nav aria-label={t("breadcrumb")} className="breadcrumb-container">
        <ol className="breadcrumb">
          <li className="breadcrumb-item">
            <Link to="/community">{t("home.title")}</Link>
          </li>
          <li className="breadcrumb-item active" aria-current="page">
            {category.name}
          </li>
        </ol>
      </nav>
      <h1>{category.name}</h1>
      {category.description ? <p className="lead">{category.description}</p> : null}
      <Form method="post" className="mb-4">
        <input type="hidden" name="intent" value={watching ? "unwatch" : "watch"} />
        <button type="submit" className="btn btn-outline-primary btn-sm">
          {watching ? t("category.unwatch") : t("category.watch")}
        </button>
      </Form>
      <section aria-labelledby="topics-title">
        <h2 id="topics-title" className="h4">
          {t("category.topics")}
        </h2>
        {topics.length ? (
          <ul className="list-unstyled">
            {topics.map((topic) => {
              const unread = topic.postCount - topic.lastRead;
              return (
                <li key={topic.id} className="border-bottom py-2">
                  <Link to={`/community/t/${topic.id}`} className="fw-semibold">
                    {topic.title}
                  </Link>
                  {topic.pinnedAt ? <span className="badge bg-primary ms-2">{t("topic.pinned")}</span> : null}
                  {topic.lockedAt ? <span className="badge bg-secondary ms-2">{t("topic.locked")}</span> : null}
                  {topic.hiddenAt ? <span className="badge bg-danger ms-2">{t("topic.hidden")}</span> : null}
                  <div className="small">
                    {t("category.topicLine", { author: topic.authorName, count: topic.postCount, when: formatDateTime(topic.lastPostAt, i18n.language) })}
                    {unread > 0 ? (
                      <>
                        {" · "}
                        <Link to={`/community/t/${topic.id}?from=${topic.lastRead + 1}#post-${topic.lastRead + 1}`}>{t("category.unreadPosts", { count: unread })}</Link>
                      </>
                    ) : null}
                  </div>
                </li>
              );
            })}
          </ul>
        ) : (
          <p>{t("category.empty")}</p>
        )}
        {nextCursor ? (
          <p>
            <Link to={`?after=${nextCursor}`}>{t("category.older")}</Link>
          </p>
        ) : null}
      </section>
      <section aria-labelledby="new-topic-title" className="col-lg-8 my-5">
        <h2 id="new-topic-title" className="h4">
          {t("topic.new")}
        </h2>
        <ErrorSummary failure={failure} labels={labels} />
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="topic" />
          <TextField name="title" label={labels.title} required maxLength={160} defaultValue={failure?.values.title} errors={failure?.fieldErrors.title} />
          <TextAreaField name="body" label={labels.body} required rows={8} hint={t("post.markdownHint")} defaultValue={failure?.values.body} errors={failure?.fieldErrors.body} />
          <button type="submit" className="btn btn-primary">
            {t("topic.create")}
          </button>
        </Form>
      </section>
    </div>
  );
}
