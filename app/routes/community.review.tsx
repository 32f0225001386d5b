// /community/review (tutors, admins): posts flagged by members, most flagged first. "Agree" keeps
// the post hidden; "dismiss" shows it again. Each decision is audited.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { formatDateTime } from "~/lib/dates.ts";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { parseForm } from "~/lib/forms.ts";
import { notFound } from "~/lib/http.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { renderMarkdown } from "~/lib/markdown/markdown.server.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { authorize } from "~/modules/access/policy.server.ts";
import { reviewPost, reviewQueue } from "~/modules/community/moderation.server.ts";
import { requiredText } from "~/lib/validation.ts";

export const meta = titleMeta("community:review.title");

const reviewSchema = z.object({ postId: requiredText(40), decision: z.enum(["agree", "dismiss"], { errorMap: () => ({ message: "validation.required" }) }) });

export async function loader({ request }: LoaderFunctionArgs) {
  await authorize(request, "community.moderate");
  const queue = await reviewQueue();
  return json({ queue: queue.map(({ body, ...post }) => ({ ...post, html: renderMarkdown(body) })) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await authorize(request, "community.moderate");
  const formData = await readForm(request);
  const parsed = parseForm(formData, reviewSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  if (!(await reviewPost(user, parsed.data.postId, parsed.data.decision, { ipAddress: context.clientIp }))) throw notFound("community:errors.notFound");
  return redirectWithFlash("/community/review", { type: "success", message: "community:flash.reviewed" });
}

export default function Review() {
  const { queue } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("community");
  return (
    <div className="container page-section">
      <h1>{t("review.title")}</h1>
      <p>
        <Link to="/community">{t("home.title")}</Link>
      </p>
      {queue.length ? (
        <ul className="list-unstyled">
          {queue.map((post) => (
            <li key={post.id} className="border-bottom py-3">
              <h2 className="h5">
                <Link to={`/community/t/${post.topic.id}?from=${post.postNumber}#post-${post.postNumber}`}>
                  {post.topic.title} #{post.postNumber}
                </Link>{" "}
                <span className="small fw-normal">{post.author.name}</span>
                {post.hiddenAt ? <span className="badge bg-danger ms-2">{t("topic.hidden")}</span> : null}
              </h2>
              <div className="user-content" dangerouslySetInnerHTML={{ __html: post.html }} />
              <h3 className="h6">{t("review.flags", { count: post.flags.length })}</h3>
              <ul>
                {post.flags.map((flag) => (
                  <li key={flag.id}>
                    {flag.by} ({formatDateTime(flag.at, i18n.language)}): {flag.reason}
                  </li>
                ))}
              </ul>
              <div className="d-flex gap-2">
                {(["agree", "dismiss"] as const).map((decision) => (
                  <Form method="post" key={decision}>
                    <input type="hidden" name="postId" value={post.id} />
                    <input type="hidden" name="decision" value={decision} />
                    <button type="submit" className={`btn btn-sm ${decision === "agree" ? "btn-danger" : "btn-outline-secondary"}`}>
                      {t(`review.${decision}`)}
                    </button>
                  </Form>
                ))}
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("review.empty")}</p>
      )}
    </div>
  );
}
