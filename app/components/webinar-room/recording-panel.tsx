// The room's recording state: an indicator everyone in the room sees (announced politely to screen
// readers, so nobody is recorded without knowing it), and for hosts the start/stop control and the
// error of a recording that failed.
import { useFetcher } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export type RecordingView = { active: { status: "STARTING" | "ACTIVE" | string } | null; failed: { error: string; at: string } | null };
type Answer = { ok: true; intent: string } | { ok: false; reason?: string; values?: Record<string, string | number> };

export function RecordingPanel({ recording, host, actionPath }: { recording: RecordingView; host: boolean; actionPath: string }) {
  const { t } = useTranslation("webinarRoom");
  const fetcher = useFetcher<Answer>();
  const busy = fetcher.state !== "idle";
  const answer = fetcher.data;
  const active = recording.active;
  return (
    <section aria-labelledby="recording-title" className="mb-3">
      <h2 id="recording-title" className="visually-hidden">
        {t("recording.title")}
      </h2>
      <p role="status" aria-live="polite" className={active ? "fw-bold text-danger mb-2" : "mb-2"} data-recording={active ? active.status : "off"}>
        {active ? (
          <>
            <span aria-hidden="true">● </span>
            {active.status === "STARTING" ? t("recording.starting") : t("recording.active")}
          </>
        ) : host ? (
          t("recording.off")
        ) : null}
      </p>
      {host ? (
        <>
          {recording.failed ? (
            <p className="text-danger" role="alert">
              {recording.failed.error ? t("recording.failed", { error: recording.failed.error }) : t("recording.failedNoReason")}
            </p>
          ) : null}
          <fetcher.Form method="post" action={actionPath}>
            <input type="hidden" name="intent" value={active ? "record-stop" : "record-start"} />
            <button type="submit" className={active ? "btn btn-outline-danger btn-sm" : "btn btn-outline-primary btn-sm"} disabled={busy}>
              {active ? t("recording.stop") : t("recording.start")}
            </button>
          </fetcher.Form>
          {answer && !answer.ok && answer.reason ? (
            <p className="text-danger mt-2" role="alert">
              {t(answer.reason, answer.values)}
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
