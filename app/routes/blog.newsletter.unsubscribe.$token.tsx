// /blog/newsletter/unsubscribe/<token>: leave the newsletter without signing in. The link in every
// message opens a page with one button; mail programs use RFC 8058 one-click (a POST with
// "List-Unsubscribe=One-Click") on the same address. The token names one subscriber and is bound
// to their address: it cannot be guessed or used for anyone else.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { forwardedHeaders, TOKEN_PAGE_HEADERS } from "~/lib/http.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { subscriberForToken, unsubscribe } from "~/modules/blog/newsletter.server.ts";

export const meta = titleMeta<{ email: string | null }>((data) => (data?.email ? "blog:newsletter.unsubscribeTitle" : "blog:newsletter.invalidTitle"));

export const headers = forwardedHeaders;

export async function loader({ params }: LoaderFunctionArgs) {
  const subscriber = await subscriberForToken(params.token ?? "");
  if (!subscriber) return json({ email: null, done: false }, { status: 404, headers: TOKEN_PAGE_HEADERS });
  return json({ email: subscriber.email, done: subscriber.status === "UNSUBSCRIBED" }, { headers: TOKEN_PAGE_HEADERS });
}

export async function action({ request, params }: ActionFunctionArgs) {
  await readForm(request);
  const done = await unsubscribe(params.token ?? "");
  return json({ unsubscribed: done }, { status: done ? 200 : 404, headers: TOKEN_PAGE_HEADERS });
}

export default function Unsubscribe() {
  const { email, done } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("blog");
  if (result?.unsubscribed || done) {
    return (
      <div className="container page-section">
        <h1>{t("newsletter.unsubscribedTitle")}</h1>
        <p className="lead">{t("newsletter.unsubscribedText")}</p>
      </div>
    );
  }
  if (!email || result) {
    return (
      <div className="container page-section">
        <h1>{t("newsletter.invalidTitle")}</h1>
        <p className="lead">{t("newsletter.invalidText")}</p>
      </div>
    );
  }
  return (
    <div className="container page-section">
      <h1>{t("newsletter.unsubscribeTitle")}</h1>
      <p className="lead">{t("newsletter.unsubscribeText", { email })}</p>
      <Form method="post">
        <input type="hidden" name="List-Unsubscribe" value="One-Click" />
        <button type="submit" className="btn btn-primary">
          {t("newsletter.unsubscribe")}
        </button>
      </Form>
    </div>
  );
}
