// The chat and Q&A archive beside the replay. Each entry shows its offset on the recording (or
// its time of day when it happened outside any recording). An answered question links to its
// moment: `?t=<s>&r=<recording>#t=<s>` starts the player there without JavaScript (a media
// fragment on the video's source); with JavaScript a button seeks the player in place.
import { useTranslation } from "react-i18next";
import { formatTime as formatClock } from "~/lib/dates.ts";
import type {
  ArchiveItem,
  Moment,
} from "~/modules/webinars/recordings/archive.server.ts";
import { formatTime } from "~/modules/webinars/recordings/text-formats.ts";

export const playerId = (recordingId: string) => `replay-video-${recordingId}`;

/** Seeks the player of a recording and plays from there; false when the player is not on the page. */
export function seekPlayer(moment: Moment): boolean {
  const element = document.getElementById(playerId(moment.recordingId));
  if (!(element instanceof HTMLVideoElement)) return false;
  element.currentTime = moment.seconds;
  element.scrollIntoView({ block: "nearest" });
  element.focus();
  void element.play().catch(() => undefined);
  return true;
}

export function momentHref(slug: string, moment: Moment) {
  return `/webinars/${slug}/recording?t=${moment.seconds}&r=${moment.recordingId}#t=${moment.seconds}`;
}

function When({ item, locale }: { item: ArchiveItem; locale: string }) {
  const { t } = useTranslation("recordings");
  return item.place ? (
    <span className="text-muted small me-2">
      {t("archive.offset", { time: formatTime(item.place.seconds) })}
    </span>
  ) : (
    <span className="text-muted small me-2">
      {t("archive.clock", { time: formatClock(item.at, locale) })}
    </span>
  );
}

export function ReplayArchive({
  slug,
  items,
  hydrated,
}: {
  slug: string;
  items: ArchiveItem[];
  hydrated: boolean;
}) {
  const { t, i18n } = useTranslation("recordings");
  const locale = i18n.language;
  const chat = items.filter((item) => item.kind === "chat");
  const questions = items.filter((item) => item.kind === "question");
  return (
    <aside aria-labelledby="archive-title" className="replay-archive">
      <h2 id="archive-title" className="h3">
        {t("archive.title")}
      </h2>
      <section aria-labelledby="archive-questions">
        <h3 id="archive-questions" className="h4">
          {t("archive.questions", { count: questions.length })}
        </h3>
        {questions.length === 0 ? <p>{t("archive.noQuestions")}</p> : null}
        <ol className="list-unstyled" data-testid="archive-questions">
          {questions.map((item) =>
            item.kind === "question" ? (
              <li key={item.id} className="mb-3 border-bottom pb-2">
                <p className="mb-1">
                  <When item={item} locale={locale} />
                  <strong>{item.author ?? t("archive.anonymous")}</strong>:{" "}
                  {item.body}
                </p>
                {item.answer ? (
                  <p className="mb-1">
                    <span className="fw-semibold">{t("archive.answer")}</span>{" "}
                    {item.answer}
                  </p>
                ) : null}
                {item.answeredLive && !item.moment ? (
                  <p className="mb-1 small">{t("archive.answeredLive")}</p>
                ) : null}
                {item.moment ? (
                  hydrated ? (
                    <button
                      type="button"
                      className="btn btn-link p-0"
                      onClick={() => {
                        const moment = item.moment!;
                        if (seekPlayer(moment))
                          window.history.replaceState(
                            null,
                            "",
                            `#t=${moment.seconds}`
                          );
                      }}
                    >
                      {t("archive.goTo", {
                        time: formatTime(item.moment.seconds),
                      })}
                    </button>
                  ) : (
                    <a href={momentHref(slug, item.moment)}>
                      {t("archive.goTo", {
                        time: formatTime(item.moment.seconds),
                      })}
                    </a>
                  )
                ) : null}
              </li>
            ) : null
          )}
        </ol>
      </section>
      <section aria-labelledby="archive-chat">
        <h3 id="archive-chat" className="h4">
          {t("archive.chat", { count: chat.length })}
        </h3>
        {chat.length === 0 ? <p>{t("archive.noChat")}</p> : null}
        <ol
          className="list-unstyled"
          data-testid="archive-chat"
          style={{ maxHeight: "60vh", overflowY: "auto" }}
          tabIndex={0}
          aria-labelledby="archive-chat"
        >
          {chat.map((item) => (
            <li key={item.id} className="mb-2">
              <When item={item} locale={locale} />
              <strong>{item.author}</strong>: {item.body}
            </li>
          ))}
        </ol>
      </section>
    </aside>
  );
}
