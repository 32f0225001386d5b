// The replay player: an HTML5 <video> over the recording's Range-serving URL, its WebVTT captions,
// chapter buttons that seek, a download link, and a heartbeat reporting the spans of video played
// (the server counts each second of video once).
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { formatTime } from "~/modules/webinars/recordings/text-formats.ts";

type Recording = {
  id: string;
  fileName: string | null;
  contentType: string | null;
  durationSeconds: number | null;
  hasCaptions: boolean;
  captionsLang: string | null;
  chapters: { startSeconds: number; title: string }[];
};

const HEARTBEAT_MS = 10_000;

/** `startAt`: seconds to start from (the page's `?t=`), as a media fragment so it works without JavaScript. */
export function RecordingPlayer({
  slug,
  recording,
  hydrated,
  startAt = null,
}: {
  slug: string;
  recording: Recording;
  hydrated: boolean;
  startAt?: number | null;
}) {
  const { t } = useTranslation("recordings");
  const video = useRef<HTMLVideoElement>(null);
  const base = `/webinars/${slug}/recording/${recording.id}`;

  useEffect(() => {
    const element = video.current;
    if (!element) return;
    let spanStart: number | null = null;
    let last = 0;
    const send = () => {
      if (spanStart === null || last <= spanStart) return;
      const body = new URLSearchParams({
        from: String(Math.floor(spanStart)),
        to: String(Math.ceil(last)),
        duration: String(Math.round(element.duration || 0)),
      });
      spanStart = last;
      void fetch(`${base}/heartbeat`, {
        method: "POST",
        body,
        credentials: "same-origin",
        keepalive: true,
      }).catch(() => undefined);
    };
    const onTime = () => {
      const now = element.currentTime;
      if (element.paused || element.seeking) return;
      // A jump (seek) closes the span played so far and starts a new one.
      if (spanStart === null || now < last || now - last > 2) {
        send();
        spanStart = now;
      }
      last = now;
    };
    const onStop = () => send();
    const onSeeking = () => {
      send();
      spanStart = null;
    };
    element.addEventListener("timeupdate", onTime);
    element.addEventListener("pause", onStop);
    element.addEventListener("ended", onStop);
    element.addEventListener("seeking", onSeeking);
    const timer = window.setInterval(send, HEARTBEAT_MS);
    window.addEventListener("pagehide", onStop);
    return () => {
      send();
      window.clearInterval(timer);
      window.removeEventListener("pagehide", onStop);
      element.removeEventListener("timeupdate", onTime);
      element.removeEventListener("pause", onStop);
      element.removeEventListener("ended", onStop);
      element.removeEventListener("seeking", onSeeking);
    };
  }, [base]);

  const seek = (seconds: number) => {
    const element = video.current;
    if (!element) return;
    element.currentTime = seconds;
    void element.play().catch(() => undefined);
  };

  return (
    <div>
      <video
        ref={video}
        id={`replay-video-${recording.id}`}
        controls
        preload="metadata"
        className="w-100"
        style={{ maxHeight: "70vh", background: "#000" }}
        aria-label={t("replay.player")}
        data-testid="replay-video"
      >
        <source
          src={startAt ? `${base}/video#t=${startAt}` : `${base}/video`}
          type={recording.contentType ?? "video/mp4"}
        />
        {recording.hasCaptions ? (
          <track
            kind="captions"
            src={`${base}/captions`}
            srcLang={recording.captionsLang ?? "it"}
            label={t("captions.label")}
            default
          />
        ) : null}
      </video>
      {recording.chapters.length ? (
        <nav aria-label={t("chapters.nav")} className="mt-3">
          <h3 className="h5">{t("chapters.title")}</h3>
          <ol className="list-unstyled">
            {recording.chapters.map((chapter) => (
              <li key={chapter.startSeconds}>
                {hydrated ? (
                  <button
                    type="button"
                    className="btn btn-link p-0"
                    onClick={() => seek(chapter.startSeconds)}
                  >
                    <span className="me-2">
                      {formatTime(chapter.startSeconds)}
                    </span>
                    {chapter.title}
                  </button>
                ) : (
                  <span>
                    <span className="me-2">
                      {formatTime(chapter.startSeconds)}
                    </span>
                    {chapter.title}
                  </span>
                )}
              </li>
            ))}
          </ol>
        </nav>
      ) : null}
      <p className="mt-2">
        <a
          href={`${base}/video?download=1`}
          download={recording.fileName ?? undefined}
        >
          {t("replay.download")}
        </a>
      </p>
    </div>
  );
}
