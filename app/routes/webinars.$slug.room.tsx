// /webinars/<slug>/room: the live room. The media (LiveKit) runs only in the browser, after the
// person asks to enter: the action mints a short-lived token for them. Materials sit beside the
// stage; without LiveKit configured the page says how to configure it.
import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useFetcher, useLoaderData } from "@remix-run/react";
import liveKitStyles from "@livekit/components-styles";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Breadcrumbs } from "~/components/breadcrumbs.tsx";
import { RecordingPanel } from "~/components/webinar-room/recording-panel.tsx";
import { RoomStage } from "~/components/webinar-room/room-stage.tsx";
import { formatDateTime } from "~/lib/dates.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { roomAction, roomPageData } from "~/modules/webinars/livekit/room-page.server.ts";
import { materialPath } from "~/modules/webinars/livekit/paths.ts";

export const meta = titleMeta("webinarRoom:title");
// The package types its CSS as class names; under the classic compiler the import is the file's URL.
export const links: LinksFunction = () => [{ rel: "stylesheet", href: liveKitStyles as unknown as string }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return json(await roomPageData(request, params.slug), { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  return roomAction(request, params.slug, { ipAddress: context.clientIp });
}

type JoinAnswer = { ok: true; intent: "join"; url: string; token: string } | { ok: false; reason?: string; values?: Record<string, string | number> };

export default function WebinarRoom() {
  const { webinar, me, join, configured, recording, locale } = useLoaderData<typeof loader>();
  const { t } = useTranslation("webinarRoom");
  const joinFetcher = useFetcher<JoinAnswer>();
  const [left, setLeft] = useState(false);
  const [failed, setFailed] = useState(false);
  const base = `/webinars/${webinar.slug}`;
  const answer = joinFetcher.data;
  const connected = !left && answer?.ok === true && "token" in answer;
  return (
    <div className="container page-section">
      <Breadcrumbs items={[{ to: "/webinars", label: t("breadcrumbWebinars") }, { to: base, label: webinar.title }, { label: t("breadcrumbRoom") }]} />
      <h1>{t("heading", { title: webinar.title })}</h1>
      <p className="lead">
        {t("when", { start: formatDateTime(webinar.startsAt, locale), end: formatDateTime(webinar.endsAt, locale) })}
        <br />
        {t("youAre", { role: t(`roles.${me.role}`) })}
      </p>
      <ul className="list-inline">
        <li className="list-inline-item">
          <Link to={base}>{t("links.detail")}</Link>
        </li>
        <li className="list-inline-item">
          <Link to={`${base}/check`}>{t("links.check")}</Link>
        </li>
        <li className="list-inline-item">
          <Link to={`${base}/live`}>{t("links.chat")}</Link>
        </li>
      </ul>

      <div className="row g-4">
        <div className="col-lg-9">
          {configured && join.allowed ? <RecordingPanel recording={recording} host={me.administers} actionPath={`${base}/room`} /> : null}
          {!configured ? (
            <div className="alert alert-info" role="status">
              <h2 className="h5">{t("notConfigured.title")}</h2>
              <p>{t("notConfigured.text")}</p>
              <p className="mb-0">{t("notConfigured.howTo")}</p>
            </div>
          ) : !join.allowed ? (
            <div className="alert alert-warning" role="status">
              <p className="mb-0">{t(join.reason, join.values)}</p>
            </div>
          ) : connected ? (
            <RoomStage url={answer.url} token={answer.token} me={me} actionPath={`${base}/room`} onLeave={(error) => {
                setLeft(true);
                // A failed connection may also report a disconnection: the failure is what to say.
                if (error) setFailed(true);
              }}
            />
          ) : (
            <section aria-labelledby="join-title">
              <h2 id="join-title" className="h4">
                {t("join")}
              </h2>
              <p>{t("joinHint")}</p>
              <noscript>
                <p className="alert alert-warning">{t("noscript")}</p>
              </noscript>
              {left ? (
                <p role={failed ? "alert" : "status"} className={failed ? "text-danger" : undefined}>
                  {failed ? t("errors.connection") : t("left")}
                </p>
              ) : null}
              {answer && !answer.ok && answer.reason ? (
                <p className="text-danger" role="alert">
                  {t(answer.reason, answer.values)}
                </p>
              ) : null}
              <joinFetcher.Form
                method="post"
                onSubmit={() => {
                  setLeft(false);
                  setFailed(false);
                }}
              >
                <input type="hidden" name="intent" value="join" />
                <button type="submit" className="btn btn-primary" disabled={joinFetcher.state !== "idle"}>
                  {joinFetcher.state !== "idle" ? t("joining") : t("join")}
                </button>
              </joinFetcher.Form>
            </section>
          )}
        </div>
        <aside className="col-lg-3" aria-labelledby="materials-title">
          <h2 id="materials-title" className="h5">
            {t("materials.title")}
          </h2>
          {webinar.materials.length ? (
            <ul>
              {webinar.materials.map((material) => (
                <li key={material.id}>
                  <a href={materialPath(webinar.slug, material.id)}>{material.title}</a>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("materials.none")}</p>
          )}
        </aside>
      </div>
    </div>
  );
}
