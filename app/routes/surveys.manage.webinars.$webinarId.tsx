// /surveys/manage/webinars/:webinarId: the satisfaction questionnaire of one webinar and its
// results (tutors, admins), until the webinar's attendance report (issue 10) shows them itself
// through webinarSatisfaction().
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BarChart } from "~/components/bar-chart.tsx";
import { formatDateTime } from "~/lib/dates.ts";
import { notFound } from "~/lib/http.server.ts";
import { translatorFor } from "~/lib/i18n/locale.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { isLocale } from "~/lib/i18n/resources.ts";
import { authorize } from "~/modules/access/policy.server.ts";
import { webinarTitle } from "~/modules/surveys/builder.server.ts";
import { webinarSatisfaction } from "~/modules/surveys/results.server.ts";
import { MIN_GROUP } from "~/modules/surveys/suppression.ts";
import { defaultLikertLabels } from "~/modules/surveys/templates.ts";

export const meta = titleMeta<{ webinar: { title: string } }>("surveys:webinar.title", (data) => ({ title: data?.webinar.title ?? "" }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await authorize(request, "surveys.manage");
  const webinar = params.webinarId ? await webinarTitle(params.webinarId) : null;
  if (!webinar) throw notFound();
  const t = translatorFor(isLocale(user.locale) ? user.locale : "it");
  const satisfaction = await webinarSatisfaction(webinar.id, { likertDefault: defaultLikertLabels(user.locale), allLabel: t("surveys:results.all") });
  return json({
    webinar,
    satisfaction: satisfaction && { ...satisfaction, closes: satisfaction.survey.closesAt ? formatDateTime(satisfaction.survey.closesAt, user.locale) : null },
  });
}

export default function WebinarSatisfaction() {
  const { webinar, satisfaction } = useLoaderData<typeof loader>();
  const { t } = useTranslation("surveys");
  return (
    <div className="container page-section">
      <h1>{t("webinar.heading", { title: webinar.title })}</h1>
      {!satisfaction ? (
        <p>{t("webinar.none")}</p>
      ) : (
        <>
          <p>
            {t(`statuses.${satisfaction.survey.status}`)}
            {satisfaction.closes ? ` · ${t("list.closes", { date: satisfaction.closes })}` : null} ·{" "}
            <Link to={`/surveys/manage/${satisfaction.survey.id}/results`}>{t("webinar.fullResults")}</Link>
          </p>
          {satisfaction.results.suppressed ? (
            <div className="alert alert-warning" role="status">
              {t("results.suppressed", { min: MIN_GROUP })}
            </div>
          ) : (
            satisfaction.results.questions
              .filter((question) => question.type !== "TEXT" && question.type !== "MATRIX")
              .map((question) => (
                <section key={question.id} aria-labelledby={`q-${question.id}`} className="mb-4">
                  <h2 id={`q-${question.id}`} className="h5">
                    {question.text}
                  </h2>
                  <p className="small">
                    {t("results.answered", { count: question.answered })}
                    {question.mean !== null ? ` · ${t("results.mean", { value: Math.round(question.mean * 100) / 100 })}` : null}
                  </p>
                  <BarChart
                    title={t("results.distribution", { question: question.text })}
                    description={question.bars.map((bar) => `${bar.label}: ${bar.count}`).join("; ")}
                    bars={question.bars.map((bar) => ({ label: bar.label, value: bar.count, display: String(bar.count) }))}
                    max={Math.max(1, ...question.bars.map((bar) => bar.count))}
                    columns={[t("results.choice"), t("results.count")]}
                  />
                </section>
              ))
          )}
        </>
      )}
    </div>
  );
}
