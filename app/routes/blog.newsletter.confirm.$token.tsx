// /blog/newsletter/confirm/<token>: the link of the confirmation email. Opening it only shows a
// button (mail scanners that open links must not subscribe anyone); pressing it confirms.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { forwardedHeaders, TOKEN_PAGE_HEADERS } from "~/lib/http.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { confirmSubscription, findPendingByToken } from "~/modules/blog/newsletter.server.ts";

export const meta = titleMeta<{ email: string | null }>((data) => (data?.email ? "blog:newsletter.confirmTitle" : "blog:newsletter.invalidTitle"));

export const headers = forwardedHeaders;

export async function loader({ params }: LoaderFunctionArgs) {
  const pending = await findPendingByToken(params.token ?? "");
  if (!pending) return json({ email: null }, { status: 410, headers: TOKEN_PAGE_HEADERS });
  return json({ email: pending.email }, { headers: TOKEN_PAGE_HEADERS });
}

export async function action({ request, params }: ActionFunctionArgs) {
  await readForm(request);
  const confirmed = await confirmSubscription(params.token ?? "");
  return json({ confirmed }, { status: confirmed ? 200 : 410, headers: TOKEN_PAGE_HEADERS });
}

export default function ConfirmSubscription() {
  const { email } = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  const { t } = useTranslation("blog");
  if (done?.confirmed) {
    return (
      <div className="container page-section">
        <h1>{t("newsletter.confirmedTitle")}</h1>
        <p className="lead">{t("newsletter.confirmedText")}</p>
      </div>
    );
  }
  if (!email || done) {
    return (
      <div className="container page-section">
        <h1>{t("newsletter.invalidTitle")}</h1>
        <p className="lead">{t("newsletter.invalidText")}</p>
      </div>
    );
  }
  return (
    <div className="container page-section">
      <h1>{t("newsletter.confirmTitle")}</h1>
      <p className="lead">{t("newsletter.confirmText", { email })}</p>
      <Form method="post">
        <button type="submit" className="btn btn-primary">
          {t("newsletter.confirm")}
        </button>
      </Form>
    </div>
  );
}
