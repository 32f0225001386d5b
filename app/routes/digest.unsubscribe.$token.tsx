// /digest/unsubscribe/<token>: stop the digest without signing in. The link in every digest opens
// a page with one button (link scanners change nothing); mail programs use RFC 8058 one-click (a
// POST with "List-Unsubscribe=One-Click") on the same address. The token names one person.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { forwardedHeaders, TOKEN_PAGE_HEADERS } from "~/lib/http.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { digestByToken, unsubscribeDigest } from "~/modules/digest/digest.server.ts";

export const meta = titleMeta<{ email: string | null }>((data) => (data?.email ? "digest:unsubscribe.title" : "digest:unsubscribe.invalidTitle"));

export const headers = forwardedHeaders;

export async function loader({ params }: LoaderFunctionArgs) {
  const found = await digestByToken(params.token ?? "");
  if (!found) return json({ email: null, done: false }, { status: 404, headers: TOKEN_PAGE_HEADERS });
  return json({ email: found.email, done: found.frequency === "NONE" }, { headers: TOKEN_PAGE_HEADERS });
}

export async function action({ request, params }: ActionFunctionArgs) {
  await readForm(request);
  const done = await unsubscribeDigest(params.token ?? "");
  return json({ unsubscribed: done }, { status: done ? 200 : 404, headers: TOKEN_PAGE_HEADERS });
}

export default function DigestUnsubscribe() {
  const { email, done } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("digest");
  if (result?.unsubscribed || done) {
    return (
      <div className="container page-section">
        <h1>{t("unsubscribe.doneTitle")}</h1>
        <p className="lead">{t("unsubscribe.doneText")}</p>
      </div>
    );
  }
  if (!email || result) {
    return (
      <div className="container page-section">
        <h1>{t("unsubscribe.invalidTitle")}</h1>
        <p className="lead">{t("unsubscribe.invalidText")}</p>
      </div>
    );
  }
  return (
    <div className="container page-section">
      <h1>{t("unsubscribe.title")}</h1>
      <p className="lead">{t("unsubscribe.text", { email })}</p>
      <Form method="post">
        <input type="hidden" name="List-Unsubscribe" value="One-Click" />
        <button type="submit" className="btn btn-primary">
          {t("unsubscribe.button")}
        </button>
      </Form>
    </div>
  );
}
