// /community/unsubscribe/<token>: the link in every community email. Works without signing in;
// the page asks for a click (a GET changes nothing, so link scanners cannot unsubscribe anyone).
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { notFound, TOKEN_PAGE_HEADERS } from "~/lib/http.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { profileByToken, unsubscribeByToken } from "~/modules/community/notifications.server.ts";

export const meta = titleMeta("community:unsubscribe.title");
export const headers = () => TOKEN_PAGE_HEADERS;

export async function loader({ params }: LoaderFunctionArgs) {
  const profile = await profileByToken(params.token ?? "");
  if (!profile) throw notFound("community:errors.unsubscribeUnknown");
  return json({ already: profile.emailMode === "NONE" }, { headers: TOKEN_PAGE_HEADERS });
}

export async function action({ request, params }: ActionFunctionArgs) {
  await readForm(request);
  if (!(await unsubscribeByToken(params.token ?? ""))) throw notFound("community:errors.unsubscribeUnknown");
  return json({ done: true }, { headers: TOKEN_PAGE_HEADERS });
}

export default function Unsubscribe() {
  const { already } = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  const { t } = useTranslation("community");
  return (
    <div className="container page-section col-lg-8">
      <h1>{t("unsubscribe.title")}</h1>
      {done || already ? (
        <p role="status">{t("unsubscribe.done")}</p>
      ) : (
        <>
          <p>{t("unsubscribe.lead")}</p>
          <Form method="post">
            <button type="submit" className="btn btn-primary">
              {t("unsubscribe.confirm")}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}
