// /blog/manage/newsletter: send a post or a digest to the confirmed subscribers and follow each
// send (sent / failed / uncertain / remaining); admins also see, export and erase subscribers.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorSummary, SelectField, TextField } from "~/components/forms.tsx";
import { DataTable } from "~/components/list-page.tsx";
import { formatDateTime } from "~/lib/dates.ts";
import { domainErrorResponse } from "~/lib/domain-error.server.ts";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { parseForm, type FormFailure } from "~/lib/forms.ts";
import { badRequest } from "~/lib/http.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { emailField, requiredText } from "~/lib/validation.ts";
import { authorize, can, enforce } from "~/modules/access/policy.server.ts";
import { recentSends, removeSubscriber, resendUncertain, sendablePosts, startSend, subscriberCounts } from "~/modules/blog/newsletter.server.ts";

export const meta = titleMeta("blog:newsletter.manageTitle");

const sendSchema = z.object({ postId: requiredText(40) });
const removeSchema = z.object({ email: emailField });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await authorize(request, "newsletter.send");
  const maySeeSubscribers = can(user, "newsletter.subscribers").allowed;
  const [posts, sends, counts] = await Promise.all([sendablePosts(), recentSends(), maySeeSubscribers ? subscriberCounts() : null]);
  return json({ posts, sends, counts }, { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await authorize(request, "newsletter.send");
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const meta = { ipAddress: context.clientIp };
  try {
    if (intent === "send") {
      const parsed = parseForm(formData, sendSchema);
      if (!parsed.ok) return json(parsed, { status: 400 });
      const choice = parsed.data.postId === "digest" ? ({ kind: "digest" } as const) : ({ kind: "post", postId: parsed.data.postId } as const);
      await startSend(user.id, choice, meta);
      return redirectWithFlash("/blog/manage/newsletter", { type: "success", message: "blog:newsletter.sendStarted" });
    }
    if (intent === "resend-uncertain") {
      const sendId = formData.get("sendId");
      if (typeof sendId !== "string" || !sendId) throw badRequest();
      const count = await resendUncertain(user.id, sendId, meta);
      if (!count) throw badRequest();
      return redirectWithFlash("/blog/manage/newsletter", { type: "success", message: "blog:newsletter.resent", values: { count } });
    }
    if (intent === "remove") {
      enforce(can(user, "newsletter.subscribers"));
      const parsed = parseForm(formData, removeSchema);
      if (!parsed.ok) return json(parsed, { status: 400 });
      const removed = await removeSubscriber(user.id, parsed.data.email, meta);
      if (!removed) return json({ ok: false, fieldErrors: { email: ["blog:newsletter.notFound"] }, values: { email: parsed.data.email } } satisfies FormFailure, { status: 400 });
      return redirectWithFlash("/blog/manage/newsletter", { type: "success", message: "blog:newsletter.removed" });
    }
  } catch (error) {
    return domainErrorResponse(error, formData);
  }
  throw badRequest();
}

export default function ManageNewsletter() {
  const { posts, sends, counts } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const { t, i18n } = useTranslation("blog");
  const removeFailure = failure?.values.intent === "remove" ? failure : undefined;
  const sendFailure = removeFailure ? undefined : failure;
  return (
    <div className="container page-section">
      <h1>{t("newsletter.manageTitle")}</h1>
      <h2 className="h4">{t("newsletter.sendLegend")}</h2>
      <ErrorSummary failure={sendFailure} labels={{ postId: t("newsletter.post") }} />
      <Form method="post" noValidate className="col-lg-8">
        <input type="hidden" name="intent" value="send" />
        <SelectField
          name="postId"
          label={t("newsletter.post")}
          required
          defaultValue={sendFailure?.values.postId ?? posts[0]?.id ?? "digest"}
          errors={sendFailure?.fieldErrors.postId}
          options={[...posts.map((post) => ({ value: post.id, label: post.title })), { value: "digest", label: t("newsletter.digest") }]}
        />
        <button type="submit" className="btn btn-primary mt-3">
          {t("newsletter.send")}
        </button>
      </Form>
      <h2 className="h4 mt-5">{t("newsletter.sends")}</h2>
      {sends.length ? (
        <DataTable
          caption={t("newsletter.sendCaption")}
          captionHidden
          rows={sends}
          rowKey={(send) => send.id}
          columns={[
            { header: t("newsletter.subject"), rowHeader: true, cell: (send) => send.subject },
            { header: t("manage.when"), cell: (send) => formatDateTime(send.createdAt, i18n.language) },
            { header: t("newsletter.statusLabel"), cell: (send) => t(`newsletter.status.${send.status}`) },
            {
              header: t("newsletter.progress"),
              cell: (send) => (
                <>
                  {t("newsletter.progressText", { ...send.progress, total: send.total })}
                  {send.progress.uncertain && send.status === "DONE" ? (
                    <Form method="post" className="mt-2">
                      <input type="hidden" name="intent" value="resend-uncertain" />
                      <input type="hidden" name="sendId" value={send.id} />
                      <button type="submit" className="btn btn-outline-primary btn-sm">
                        {t("newsletter.resendUncertain", { count: send.progress.uncertain })}
                      </button>
                    </Form>
                  ) : null}
                </>
              ),
            },
          ]}
        />
      ) : (
        <p>{t("newsletter.noSends")}</p>
      )}
      {counts ? (
        <>
          <h2 className="h4 mt-5">{t("newsletter.subscribers")}</h2>
          <p>{t("newsletter.counts", counts)}</p>
          <p>
            <a href="/blog/manage/newsletter/export" className="btn btn-outline-primary" download>
              {t("newsletter.export")}
            </a>
          </p>
          <ErrorSummary failure={removeFailure} labels={{ email: t("newsletter.removeEmail") }} />
          <Form method="post" noValidate className="col-lg-6">
            <fieldset>
              <legend className="h5">{t("newsletter.removeLegend")}</legend>
              <input type="hidden" name="intent" value="remove" />
              <TextField type="email" name="email" label={t("newsletter.removeEmail")} required defaultValue={removeFailure?.values.email ?? ""} errors={removeFailure?.fieldErrors.email} />
              <button type="submit" className="btn btn-outline-danger">
                {t("newsletter.remove")}
              </button>
            </fieldset>
          </Form>
        </>
      ) : null}
    </div>
  );
}
