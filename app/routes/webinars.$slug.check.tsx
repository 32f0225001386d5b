// /webinars/<slug>/check: camera, microphone, speakers and network before entering the room.
// Open to whoever may attend the webinar, at any time before it (the room itself opens later).
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breadcrumbs } from "~/components/breadcrumbs.tsx";
import { DeviceCheck } from "~/components/webinar-room/device-check.tsx";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { requireRoomWebinar } from "~/modules/webinars/livekit/room-page.server.ts";

export const meta = titleMeta("webinarRoom:check.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { webinar } = await requireRoomWebinar(request, params.slug);
  return json({ webinar: { slug: webinar.slug, title: webinar.title } });
}

export default function DeviceCheckPage() {
  const { webinar } = useLoaderData<typeof loader>();
  const { t } = useTranslation("webinarRoom");
  const base = `/webinars/${webinar.slug}`;
  return (
    <div className="container page-section">
      <Breadcrumbs items={[{ to: "/webinars", label: t("breadcrumbWebinars") }, { to: base, label: webinar.title }, { label: t("check.title") }]} />
      <h1>{t("check.heading", { title: webinar.title })}</h1>
      <p className="lead">{t("check.lead")}</p>
      <noscript>
        <p className="alert alert-warning">{t("noscript")}</p>
      </noscript>
      <DeviceCheck probePath={`${base}/check/probe`} />
      <p className="mt-4">
        <Link to={`${base}/room`} className="btn btn-primary">
          {t("check.toRoom")}
        </Link>
      </p>
    </div>
  );
}
