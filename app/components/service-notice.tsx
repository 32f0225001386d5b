// The site-wide service notice at the top of every page. Rendered by the server (so it shows
// without JavaScript on the next load) and kept current by an EventSource on the
// "service-notice" stream: the script is part of the app bundle, so it needs no inline code and
// works with the CSP nonce and with the hashes of cached pages alike.
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

type Notice = { message: string; level: "info" | "warning" };
export type NoticeState = { notice: Notice | null; seq: number };

export function ServiceNoticeBanner({ initial }: { initial: NoticeState }) {
  const { t } = useTranslation("live");
  const [state, setState] = useState(initial);
  // Loader data revalidated by a navigation may be newer than what the stream delivered.
  useEffect(() => {
    setState((current) => (initial.seq > current.seq ? initial : current));
  }, [initial]);
  const from = useRef(initial.seq);
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    // Resume from the position the page was rendered at: a change in between is replayed.
    // On reconnects the browser's Last-Event-ID header takes over.
    const source = new EventSource(`/events/service-notice?lastEventId=${from.current}`);
    source.addEventListener("notice", (event) => {
      const seq = Number((event as MessageEvent).lastEventId);
      const notice = JSON.parse((event as MessageEvent).data) as Notice | null;
      setState((current) => (seq > current.seq ? { seq, notice } : current));
    });
    return () => source.close();
  }, []);
  const notice = state.notice;
  // The live region exists before any change, so screen readers announce a notice that arrives.
  // aria-live without role="status": the page's own status messages (flash) stay the only "status".
  return (
    <div aria-live="polite" aria-atomic="true" data-testid="service-notice">
      {notice ? (
        <div className="container mt-3">
          <div className={`alert alert-${notice.level === "warning" ? "warning" : "info"} mb-0`}>
            <strong>{t("notice.banner")}:</strong> {notice.message}
          </div>
        </div>
      ) : null}
    </div>
  );
}
