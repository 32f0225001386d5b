import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/lib/dates.ts";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { badRequest } from "~/lib/http.server.ts";
import { requireSession } from "~/modules/auth/current-user.server.ts";
import { describeUserAgent } from "~/modules/auth/user-agent.ts";
import { endOwnSessionByHandle, invalidateUserSessions, listUserSessions } from "~/modules/auth/session.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { readForm } from "~/lib/request-body.server.ts";

export const meta = titleMeta("auth:sessions.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { sessionId, user } = await requireSession(request);
  const sessions = await listUserSessions(user.id);
  return json({
    locale: user.locale,
    // The row id is the token's hash; the page gets only a short public handle.
    sessions: sessions.map((session) => ({
      handle: session.id.slice(0, 16),
      current: session.id === sessionId,
      device: describeUserAgent(session.userAgent),
      ipAddress: session.ipAddress,
      createdAt: session.createdAt.toISOString(),
      lastSeenAt: session.lastSeenAt.toISOString(),
    })),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const { sessionId, user } = await requireSession(request);
  const form = await readForm(request);
  if (form.get("intent") === "end-others") {
    const count = await invalidateUserSessions(user.id, sessionId);
    return redirectWithFlash("/account/sessions", { type: "success", message: "auth:sessions.endedAll", values: { count } });
  }
  const handle = form.get("handle");
  if (typeof handle !== "string" || !/^[0-9a-f]{16}$/.test(handle)) throw badRequest();
  // Only the user's own sessions, never the current one (that is what "Esci" is for).
  if ((await endOwnSessionByHandle(user.id, handle, sessionId)) === 0) throw badRequest();
  return redirectWithFlash("/account/sessions", { type: "success", message: "auth:sessions.ended" });
}

export default function Sessions() {
  const { sessions, locale } = useLoaderData<typeof loader>();
  const { t } = useTranslation("auth");
  const others = sessions.filter((session) => !session.current);
  return (
    <section aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t("sessions.title")}</h2>
      <p>{t("sessions.intro")}</p>
      <div className="table-responsive">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("sessions.device")}</th>
              <th scope="col">{t("sessions.ip")}</th>
              <th scope="col">{t("sessions.started")}</th>
              <th scope="col">{t("sessions.lastSeen")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("sessions.end")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((session) => (
              <tr key={session.handle}>
                <td>{session.device || t("sessions.unknownDevice")}</td>
                <td>{session.ipAddress ?? "—"}</td>
                <td>{formatDateTime(session.createdAt, locale)}</td>
                <td>{formatDateTime(session.lastSeenAt, locale)}</td>
                <td>
                  {session.current ? (
                    <span className="badge bg-primary">{t("sessions.current")}</span>
                  ) : (
                    <Form method="post">
                      <input type="hidden" name="handle" value={session.handle} />
                      <button type="submit" className="btn btn-sm btn-outline-danger" aria-label={t("sessions.endLabel", { date: formatDateTime(session.createdAt, locale) })}>
                        {t("sessions.end")}
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {others.length ? (
        <Form method="post">
          <input type="hidden" name="intent" value="end-others" />
          <button type="submit" className="btn btn-outline-danger">
            {t("sessions.endAll")}
          </button>
        </Form>
      ) : (
        <p>{t("sessions.none")}</p>
      )}
    </section>
  );
}
