// /account/calendar: the personal calendar feed (the one feed: webinars and, at merge, lab
// sessions). A new link revokes the previous one (the link is shown once: only its hash is
// stored); "revoke" stops the feed; "settings" chooses whether it also lists every coming
// webinar the person may attend.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField } from "~/components/forms.tsx";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { TOKEN_PAGE_HEADERS } from "~/lib/http.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { requireUser } from "~/modules/auth/current-user.server.ts";
import { digestPreference, setCalendarAllWebinars } from "~/modules/digest/digest.server.ts";
import { hasCalendarFeed, renewCalendarFeed, revokeCalendarFeed } from "~/modules/webinars/calendar-feed.server.ts";

export const meta = titleMeta("webinars:feed.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { calendarAllWebinars } = await digestPreference(user);
  return json({ active: await hasCalendarFeed(user.id), calendarAllWebinars });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "renew") {
    const url = await renewCalendarFeed(user.id, { ipAddress: context.clientIp });
    return json({ url }, { headers: TOKEN_PAGE_HEADERS });
  }
  if (intent === "settings") {
    await setCalendarAllWebinars(user, formData.get("allWebinars") === "on");
    return redirectWithFlash("/account/calendar", { type: "success", message: "digest:calendar.saved" });
  }
  if (intent === "revoke") {
    await revokeCalendarFeed(user.id, { ipAddress: context.clientIp });
    return redirectWithFlash("/account/calendar", { type: "success", message: "webinars:feed.revoked" });
  }
  return json({ error: "validation.invalid" }, { status: 400 });
}

export default function CalendarFeed() {
  const { active, calendarAllWebinars } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as { url?: string; error?: string } | undefined;
  const { t } = useTranslation("webinars");
  const { t: td } = useTranslation("digest");
  return (
    <section aria-labelledby="feed-title">
      <h2 id="feed-title">{t("feed.title")}</h2>
      <p>{t("feed.lead")}</p>
      {data?.error ? (
        <div className="alert alert-danger" role="alert">
          {t(data.error)}
        </div>
      ) : null}
      {data?.url ? (
        <div className="alert alert-success" role="status">
          <p>{t("feed.newLink")}</p>
          <label htmlFor="feed-url" className="active">
            {t("feed.link")}
          </label>
          <input id="feed-url" className="form-control" readOnly value={data.url} />
        </div>
      ) : (
        <p>{active ? t("feed.active") : t("feed.none")}</p>
      )}
      <Form method="post" className="d-inline me-2">
        <input type="hidden" name="intent" value="renew" />
        <button type="submit" className="btn btn-primary">
          {active || data?.url ? t("feed.renew") : t("feed.create")}
        </button>
      </Form>
      {active || data?.url ? (
        <Form method="post" className="d-inline">
          <input type="hidden" name="intent" value="revoke" />
          <button type="submit" className="btn btn-outline-danger">
            {t("feed.revoke")}
          </button>
        </Form>
      ) : null}
      <Form method="post" className="mt-5">
        <input type="hidden" name="intent" value="settings" />
        <fieldset>
          <legend className="h6">{td("calendar.legend")}</legend>
          <CheckboxField name="allWebinars" label={td("calendar.allWebinars")} defaultChecked={calendarAllWebinars} />
        </fieldset>
        <button type="submit" className="btn btn-outline-primary">
          {td("calendar.save")}
        </button>
      </Form>
    </section>
  );
}
