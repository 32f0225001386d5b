// A person's badges on /account/training: each pathway's criteria, met or not, and the badge once
// earned (its public page and the baked image).
import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/dates.ts";

type Criterion =
  | { kind: "WEBINAR_CERTIFICATE"; met: boolean; webinarTitle: string; webinarSlug: string }
  | { kind: "TRAINING_HOURS"; met: boolean; minHours: number; minutes: number; year: number };
export type BadgeProgress = {
  id: string;
  title: string;
  description: string;
  criteria: Criterion[];
  met: number;
  complete: boolean;
  badge: { id: string; issuedOn: string; revokedAt: string | null } | null;
};

export function BadgesProgress({ pathways, locale }: { pathways: BadgeProgress[]; locale: string }) {
  const { t } = useTranslation("pathways");
  return (
    <section aria-labelledby="badges-title" className="mt-5">
      <h2 id="badges-title">{t("progress.title")}</h2>
      <p>{t("progress.intro")}</p>
      {pathways.length === 0 ? <p>{t("progress.none")}</p> : null}
      {pathways.map((pathway) => (
        <article key={pathway.id} className="card card-bg mb-3" aria-labelledby={`badge-${pathway.id}`} data-testid="badge-progress">
          <div className="card-body">
            <h3 id={`badge-${pathway.id}`} className="h4 card-title">
              {pathway.title}
            </h3>
            <p>{pathway.description}</p>
            <p>
              <strong>{t("progress.count", { met: pathway.met, total: pathway.criteria.length })}</strong>
            </p>
            <ul>
              {pathway.criteria.map((criterion, index) => (
                <li key={index}>
                  {criterion.kind === "TRAINING_HOURS" ? (
                    <>
                      {t("criterion.hours", { hours: criterion.minHours })} ({t("criterion.hoursProgress", { year: criterion.year, done: Math.floor((criterion.minutes / 60) * 10) / 10, hours: criterion.minHours })})
                    </>
                  ) : (
                    <a href={`/webinars/${criterion.webinarSlug}`}>{t("criterion.webinar", { title: criterion.webinarTitle })}</a>
                  )}
                  : <span className={criterion.met ? "text-success fw-semibold" : ""}>{criterion.met ? t("criterion.met") : t("criterion.notMet")}</span>
                </li>
              ))}
            </ul>
            {pathway.badge ? (
              <p className="mb-0">
                {pathway.badge.revokedAt ? t("progress.revoked", { date: formatDate(pathway.badge.revokedAt, locale) }) : t("progress.earned", { date: formatDate(pathway.badge.issuedOn, locale) })}{" "}
                <a href={`/badges/assertions/${pathway.badge.id}/view`} className="ms-2">
                  {t("progress.view")}
                </a>
                {pathway.badge.revokedAt ? null : (
                  <a href={`/badges/assertions/${pathway.badge.id}.png`} download className="ms-3">
                    {t("progress.download")}
                  </a>
                )}
              </p>
            ) : null}
          </div>
        </article>
      ))}
    </section>
  );
}
