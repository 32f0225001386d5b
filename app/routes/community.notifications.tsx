// /community/notifications: the person's notifications (mentions, replies in watched topics, new
// topics in watched categories) and how they want them by email.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { formatDateTime } from "~/lib/dates.ts";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { parseForm } from "~/lib/forms.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { requireCommunity } from "~/modules/community/access.server.ts";
import { ensureProfile, listNotifications, markNotificationsRead, setEmailMode } from "~/modules/community/notifications.server.ts";

export const meta = titleMeta("community:notifications.title");

const settingsSchema = z.object({ emailMode: z.enum(["IMMEDIATE", "DAILY", "NONE"], { errorMap: () => ({ message: "validation.required" }) }) });

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireCommunity(request);
  const profile = await ensureProfile(viewer.user);
  const user = { ...viewer.user, disabledAt: null };
  const notifications = await listNotifications(user, viewer.reach);
  return json({ notifications, emailMode: profile.emailMode, handle: profile.handle });
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireCommunity(request);
  await ensureProfile(viewer.user);
  const formData = await readForm(request);
  if (formData.get("intent") === "read") {
    await markNotificationsRead(viewer.user.id);
    return redirectWithFlash("/community/notifications", { type: "success", message: "community:flash.allRead" });
  }
  const parsed = parseForm(formData, settingsSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  await setEmailMode(viewer.user.id, parsed.data.emailMode);
  return redirectWithFlash("/community/notifications", { type: "success", message: "community:flash.settingsSaved" });
}

export default function Notifications() {
  const { notifications, emailMode } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("community");
  return (
    <div className="container page-section">
      <h1>{t("notifications.title")}</h1>
      <p>
        <Link to="/community">{t("home.title")}</Link>
      </p>
      {notifications.length ? (
        <>
          <ul className="list-unstyled">
            {notifications.map((n) => (
              <li key={n.id} className={`border-bottom py-2${n.readAt ? "" : " fw-semibold"}`}>
                <Link to={`/community/t/${n.topicId}?from=${n.postNumber}#post-${n.postNumber}`}>{t(`notifications.kind.${n.kind}`, { actor: n.actorName, title: n.topicTitle })}</Link>
                <span className="small fw-normal ms-2">{formatDateTime(n.createdAt, i18n.language)}</span>
              </li>
            ))}
          </ul>
          <Form method="post">
            <input type="hidden" name="intent" value="read" />
            <button type="submit" className="btn btn-outline-primary btn-sm">
              {t("notifications.markRead")}
            </button>
          </Form>
        </>
      ) : (
        <p>{t("notifications.empty")}</p>
      )}
      <section aria-labelledby="email-title" className="my-5 col-lg-8">
        <h2 id="email-title" className="h4">
          {t("notifications.emailTitle")}
        </h2>
        <Form method="post">
          <fieldset>
            <legend className="h6">{t("notifications.emailLegend")}</legend>
            {(["IMMEDIATE", "DAILY", "NONE"] as const).map((mode) => (
              <div className="form-check" key={mode}>
                <input className="form-check-input" type="radio" name="emailMode" id={`mode-${mode}`} value={mode} defaultChecked={emailMode === mode} />
                <label className="form-check-label" htmlFor={`mode-${mode}`}>
                  {t(`notifications.mode.${mode}`)}
                </label>
              </div>
            ))}
          </fieldset>
          <button type="submit" className="btn btn-primary mt-3">
            {t("notifications.save")}
          </button>
        </Form>
      </section>
    </div>
  );
}
