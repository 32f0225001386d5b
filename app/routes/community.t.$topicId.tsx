// /community/t/<id>: a topic's posts, POSTS_PER_PAGE at a time from `?from=<post number>`
// (permalinks: /community/t/<id>?from=<n>#post-<n>), "jump to the first unread", the reply form
// (with `?quote=<post id>` to quote), watching, flags, and the moderators' tools.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, SelectField, TextAreaField } from "~/components/forms.tsx";
import { formatDateTime } from "~/lib/dates.ts";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { parseForm, type FormFailure } from "~/lib/forms.ts";
import { notFound } from "~/lib/http.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { can } from "~/modules/access/policy.ts";
import { enforce } from "~/modules/access/policy.server.ts";
import { enforceVisible, loadPost, loadTopic, loadTopicForReader, requireCommunity } from "~/modules/community/access.server.ts";
import { firstUnread, listCategories, markRead, POSTS_PER_PAGE, reply, setTopicWatching, topicPosts } from "~/modules/community/forum.server.ts";
import { flagSchema, positiveInt, postingLimitResponse, replySchema } from "~/modules/community/forms.server.ts";
import { flagPost, moderateTopic, moveTopic, setPostHidden, type TopicModeration } from "~/modules/community/moderation.server.ts";
import { notifyAboutPost } from "~/modules/community/notifications.server.ts";

export const meta = titleMeta<{ topic: { title: string } }>("community:topic.pageTitle", (data) => ({ title: data?.topic.title ?? "" }));

const TOPIC_STEPS = new Set<TopicModeration>(["pin", "unpin", "lock", "unlock", "hide", "unhide"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireCommunity(request);
  const { topic, item, state } = await loadTopicForReader(viewer, params.topicId);
  const url = new URL(request.url);
  const from = Math.min(positiveInt(url.searchParams.get("from")) ?? 1, Math.max(1, topic.postCount));
  const posts = await topicPosts(viewer, topic.id, from);
  const lastShown = posts.length ? posts[posts.length - 1].postNumber : 0;
  if (lastShown > state.lastRead) await markRead(viewer.user.id, topic.id, lastShown);

  // Quoting a post: only one the person may read (any other id is a 404, like its page).
  let quote = "";
  const quoteId = url.searchParams.get("quote");
  if (quoteId) {
    const { post } = await loadPost(viewer, quoteId);
    if (post.hiddenAt || post.topicId !== topic.id) throw notFound("community:errors.notFound");
    quote = `[quote="${post.author.name.replace(/["\]\n]/g, "")}" post=${post.postNumber}]\n${post.body}\n[/quote]\n\n`;
  }
  const moderator = can(viewer.user, "community.moderate").allowed;
  return json({
    topic: { id: topic.id, title: topic.title, postCount: topic.postCount, pinned: Boolean(topic.pinnedAt), locked: Boolean(topic.lockedAt), hidden: Boolean(topic.hiddenAt) },
    category: { id: topic.category.id, name: topic.category.name },
    posts,
    from,
    perPage: POSTS_PER_PAGE,
    firstUnread: firstUnread(state.lastRead, topic.postCount),
    watching: state.watching,
    mayReply: can(viewer.user, "community.topic.reply", item).allowed,
    moderator,
    userId: viewer.user.id,
    quote,
    categories: moderator ? (await listCategories(viewer)).map((c) => ({ value: c.id, label: c.name })) : [],
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireCommunity(request);
  const { topic, item } = await loadTopic(viewer, params.topicId);
  const formData = await readForm(request);
  const intent = String(formData.get("intent") ?? "reply");
  const meta = { ipAddress: context.clientIp };
  const here = `/community/t/${topic.id}`;

  if (intent === "watch" || intent === "unwatch") {
    await setTopicWatching(viewer.user.id, topic.id, intent === "watch");
    return redirect(here);
  }
  if (intent === "flag") {
    const parsed = parseForm(formData, flagSchema);
    if (!parsed.ok) return json(parsed, { status: 400 });
    const { post, item: postItem } = await loadPost(viewer, parsed.data.postId);
    if (post.topicId !== topic.id) throw notFound("community:errors.notFound");
    enforceVisible(viewer, "community.post.flag", postItem);
    const added = await flagPost(viewer.user, post, parsed.data.reason);
    return redirectWithFlash(`${here}?from=${post.postNumber}#post-${post.postNumber}`, { type: "success", message: added ? "community:flash.flagged" : "community:flash.flaggedAlready" });
  }
  if (TOPIC_STEPS.has(intent as TopicModeration) || intent === "hidePost" || intent === "unhidePost" || intent === "move") {
    enforce(can(viewer.user, "community.moderate"));
    if (intent === "move") {
      const target = String(formData.get("categoryId") ?? "");
      if (!(await moveTopic(viewer, topic, target, meta))) throw notFound("community:errors.notFound");
    } else if (intent === "hidePost" || intent === "unhidePost") {
      const { post } = await loadPost(viewer, String(formData.get("postId") ?? ""));
      if (post.topicId !== topic.id) throw notFound("community:errors.notFound");
      await setPostHidden(viewer.user, post, intent === "hidePost", meta);
      return redirectWithFlash(`${here}?from=${post.postNumber}#post-${post.postNumber}`, { type: "success", message: "community:flash.moderated" });
    } else {
      await moderateTopic(viewer.user, topic, intent as TopicModeration, meta);
    }
    return redirectWithFlash(here, { type: "success", message: "community:flash.moderated" });
  }
  // A reply.
  enforceVisible(viewer, "community.topic.reply", item);
  const parsed = parseForm(formData, replySchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  let post;
  try {
    post = await reply(viewer, topic.id, parsed.data.body);
  } catch (error) {
    return postingLimitResponse(error, formData);
  }
  await notifyAboutPost(
    { id: topic.id, title: topic.title, categoryId: topic.categoryId, hidden: Boolean(topic.hiddenAt), visibility: topic.category.visibility, labId: topic.category.labId },
    { id: post.id, postNumber: post.postNumber, body: post.body, authorId: viewer.user.id, authorName: viewer.user.name },
    false,
  );
  const from = Math.max(1, post.postNumber - POSTS_PER_PAGE + 1);
  return redirect(`${here}?from=${from}#post-${post.postNumber}`);
}

export default function TopicPage() {
  const data = useLoaderData<typeof loader>();
  const { topic, category, posts, from, perPage, moderator } = data;
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const { t, i18n } = useTranslation("community");
  const last = posts.length ? posts[posts.length - 1].postNumber : 0;
  return (
    <div className="container page-section">
      <nav aria-label={t("breadcrumb")} className="breadcrumb-container">
        <ol className="breadcrumb">
          <li className="breadcrumb-item">
            <Link to="/community">{t("home.title")}</Link>
          </li>
          <li className="breadcrumb-item">
            <Link to={`/community/c/${category.id}`}>{category.name}</Link>
          </li>
          <li className="breadcrumb-item active" aria-current="page">
            {topic.title}
          </li>
        </ol>
      </nav>
      <h1>{topic.title}</h1>
      <p>
        {topic.pinned ? <span className="badge bg-primary me-2">{t("topic.pinned")}</span> : null}
        {topic.locked ? <span className="badge bg-secondary me-2">{t("topic.locked")}</span> : null}
        {topic.hidden ? <span className="badge bg-danger me-2">{t("topic.hidden")}</span> : null}
        {t("topic.postCount", { count: topic.postCount })}
        {data.firstUnread ? (
          <>
            {" · "}
            <Link to={`?from=${data.firstUnread}#post-${data.firstUnread}`}>{t("topic.firstUnread")}</Link>
          </>
        ) : null}
      </p>
      <Form method="post" className="mb-3">
        <input type="hidden" name="intent" value={data.watching ? "unwatch" : "watch"} />
        <button type="submit" className="btn btn-outline-primary btn-sm">
          {data.watching ? t("topic.unwatch") : t("topic.watch")}
        </button>
      </Form>

      {from > 1 ? (
        <p>
          <Link to={`?from=${Math.max(1, from - perPage)}`}>{t("topic.earlier")}</Link>
        </p>
      ) : null}
      <ol className="list-unstyled" aria-label={t("topic.postsLabel")}>
        {posts.map((post) => (
          <li key={post.id} id={`post-${post.postNumber}`} className="border-bottom py-3">
            <article aria-labelledby={`post-${post.postNumber}-title`}>
              <h2 id={`post-${post.postNumber}-title`} className="h6 mb-1">
                <a href={`/community/t/${topic.id}?from=${post.postNumber}#post-${post.postNumber}`}>#{post.postNumber}</a> {post.authorName}
                <span className="small fw-normal ms-2">
                  {formatDateTime(post.createdAt, i18n.language)}
                  {post.edited ? ` · ${t("post.edited")}` : ""}
                </span>
              </h2>
              {post.hidden ? <p className="fst-italic">{post.hiddenReason === "flags" ? t("post.hiddenFlags") : t("post.hiddenModerator")}</p> : null}
              {post.html ? <div className="user-content" dangerouslySetInnerHTML={{ __html: post.html }} /> : null}
              <ul className="list-inline small mb-0">
                {data.mayReply && !post.hidden ? (
                  <li className="list-inline-item">
                    <Link to={`?from=${from}&quote=${post.id}#reply`}>{t("post.quote")}</Link>
                  </li>
                ) : null}
                {post.authorId === data.userId || moderator ? (
                  <li className="list-inline-item">
                    <Link to={`/community/p/${post.id}/edit`}>{t("post.edit")}</Link>
                  </li>
                ) : null}
                {moderator ? (
                  <li className="list-inline-item">
                    <Form method="post">
                      <input type="hidden" name="intent" value={post.hidden ? "unhidePost" : "hidePost"} />
                      <input type="hidden" name="postId" value={post.id} />
                      <button type="submit" className="btn btn-link btn-sm p-0">
                        {post.hidden ? t("post.unhide") : t("post.hide")}
                      </button>
                    </Form>
                  </li>
                ) : null}
              </ul>
              {post.authorId !== data.userId && !post.hidden ? (
                <details className="small mt-2">
                  <summary>{t("post.flag")}</summary>
                  <Form method="post" className="mt-2">
                    <input type="hidden" name="intent" value="flag" />
                    <input type="hidden" name="postId" value={post.id} />
                    <TextAreaField name="reason" id={`reason-${post.postNumber}`} label={t("post.flagReason")} required rows={2} />
                    <button type="submit" className="btn btn-outline-danger btn-sm">
                      {t("post.flagSubmit")}
                    </button>
                  </Form>
                </details>
              ) : null}
            </article>
          </li>
        ))}
      </ol>
      {last < topic.postCount ? (
        <p>
          <Link to={`?from=${last + 1}`}>{t("topic.later")}</Link>
        </p>
      ) : null}

      {data.mayReply ? (
        <section aria-labelledby="reply-title" id="reply" className="col-lg-8 my-5">
          <h2 id="reply-title" className="h4">
            {t("topic.reply")}
          </h2>
          <ErrorSummary failure={failure} labels={{ body: t("post.body") }} />
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="reply" />
            <TextAreaField name="body" label={t("post.body")} required rows={8} hint={t("post.markdownHint")} defaultValue={failure?.values.body ?? data.quote} errors={failure?.fieldErrors.body} />
            <button type="submit" className="btn btn-primary">
              {t("topic.send")}
            </button>
          </Form>
        </section>
      ) : (
        <p className="my-4">{t("topic.lockedNotice")}</p>
      )}

      {moderator ? (
        <section aria-labelledby="moderation-title" className="my-5">
          <h2 id="moderation-title" className="h4">
            {t("moderation.title")}
          </h2>
          <div className="d-flex flex-wrap gap-2 mb-3">
            {(
              [
                [topic.pinned ? "unpin" : "pin", topic.pinned ? t("moderation.unpin") : t("moderation.pin")],
                [topic.locked ? "unlock" : "lock", topic.locked ? t("moderation.unlock") : t("moderation.lock")],
                [topic.hidden ? "unhide" : "hide", topic.hidden ? t("moderation.unhide") : t("moderation.hide")],
              ] as const
            ).map(([intent, label]) => (
              <Form method="post" key={intent}>
                <input type="hidden" name="intent" value={intent} />
                <button type="submit" className="btn btn-outline-secondary btn-sm">
                  {label}
                </button>
              </Form>
            ))}
          </div>
          <Form method="post" className="col-lg-6">
            <input type="hidden" name="intent" value="move" />
            <SelectField name="categoryId" label={t("moderation.moveTo")} options={data.categories} defaultValue={category.id} />
            <button type="submit" className="btn btn-outline-secondary btn-sm">
              {t("moderation.move")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
