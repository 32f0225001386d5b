// /surveys/manage/:id/results: charts and tables of a survey's answers (tutors, admins): per
// question, the need index per competence area and competence, by organization, by kit and
// overall, a comparison between organizations and the webinars matching the highest needs.
// Groups under five responses (and groups that differ from a shown one by fewer than five) show
// no numbers: app/modules/surveys/results.server.ts.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BarChart } from "~/components/bar-chart.tsx";
import { formatDateTime } from "~/lib/dates.ts";
import { translatorFor } from "~/lib/i18n/locale.server.ts";
import { isLocale } from "~/lib/i18n/resources.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { notFound } from "~/lib/http.server.ts";
import { localized } from "~/modules/kits/catalogue.ts";
import { questionnaire } from "~/modules/surveys/answering.server.ts";
import { requireManagedSurvey } from "~/modules/surveys/manage-access.server.ts";
import { suggestedTraining, surveyResults } from "~/modules/surveys/results.server.ts";
import { MIN_GROUP } from "~/modules/surveys/suppression.ts";
import { SYLLABUS_AREAS, competence } from "~/modules/surveys/syllabus.ts";
import { defaultLikertLabels } from "~/modules/surveys/templates.ts";

export const meta = titleMeta<{ title: string }>("surveys:results.title", (data) => ({ title: data?.title ?? "" }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireManagedSurvey(request, params.id, "survey.results");
  const survey = await questionnaire(params.id!);
  if (!survey) throw notFound();
  const t = translatorFor(isLocale(user.locale) ? user.locale : "it");
  const group = new URL(request.url).searchParams.get("group");
  const data = await surveyResults(survey.id, { group, likertDefault: defaultLikertLabels(user.locale), allLabel: t("surveys:results.all") });
  const suggestions = data.results.suppressed ? [] : await suggestedTraining(data.results.competences);
  return json({
    id: survey.id,
    title: survey.title,
    ...data,
    groups: data.groups.map(({ size, ...group }) => ({ ...group, size: group.shown ? size : null })),
    results: { ...data.results, group: { ...data.results.group, size: data.results.group.shown ? data.results.group.size : null } },
    suggestions: suggestions.map((s) => ({ ...s, webinars: s.webinars.map((w) => ({ ...w, when: formatDateTime(w.startsAt, user.locale) })) })),
  });
}

const pct = (count: number, total: number) => (total ? Math.round((count / total) * 100) : 0);

export default function SurveyResultsPage() {
  const { id, title, groups, results, comparison, suggestions } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("surveys");
  const areaName = (code: string) => localized(SYLLABUS_AREAS.find((area) => area.code === code)!.name, i18n.language);
  const competenceName = (code: string) => (competence(code) ? localized(competence(code)!.name, i18n.language) : code);
  const size = results.group.size ?? 0;
  return (
    <div className="container page-section">
      <p>
        <Link to={`/surveys/manage/${id}`}>{t("results.backToSurvey")}</Link>
      </p>
      <h1>{t("results.heading", { title })}</h1>
      <Form method="get" className="row align-items-end mb-3">
        <div className="col-md-6 select-wrapper">
          <label htmlFor="group">{t("results.group")}</label>
          <select id="group" name="group" defaultValue={results.group.key}>
            {groups.map((group) => (
              <option key={group.key} value={group.key}>
                {group.shown ? t("results.groupOption", { label: group.label, count: group.size ?? 0 }) : t("results.groupHidden", { label: group.label })}
              </option>
            ))}
          </select>
        </div>
        <div className="col-md-3">
          <button type="submit" className="btn btn-primary">
            {t("results.show")}
          </button>
        </div>
      </Form>
      <p>
        <a href={`/surveys/manage/${id}/export?type=aggregates`} className="me-3">
          {t("results.csvAggregates")}
        </a>
        <a href={`/surveys/manage/${id}/export?type=raw`}>{t("results.csvRaw")}</a>
      </p>
      {results.suppressed ? (
        <div className="alert alert-warning" role="status">
          {t("results.suppressed", { min: MIN_GROUP })}
        </div>
      ) : (
        <>
          <p>{t("results.responses", { count: size, group: results.group.label })}</p>
          {results.areas.length ? (
            <section aria-labelledby="need-heading" className="mb-5">
              <h2 id="need-heading">{t("results.needIndex")}</h2>
              <p>{t("results.needExplained")}</p>
              <h3 className="h5">{t("results.byArea")}</h3>
              <BarChart
                title={t("results.byAreaChart", { group: results.group.label })}
                description={results.areas.map((a) => `${a.code} ${areaName(a.code)}: ${a.value}`).join("; ")}
                bars={results.areas.map((a) => ({ label: `${a.code} ${areaName(a.code)}`, value: a.value, display: String(a.value) }))}
                max={100}
                columns={[t("results.area"), t("results.index")]}
              />
              <h3 className="h5">{t("results.byCompetence")}</h3>
              <BarChart
                title={t("results.byCompetenceChart", { group: results.group.label })}
                description={results.competences.map((c) => `${c.code}: ${c.value}`).join("; ")}
                bars={results.competences.map((c) => ({ label: `${c.code} ${competenceName(c.code)}`, value: c.value, display: String(c.value) }))}
                max={100}
                columns={[t("results.competence"), t("results.index")]}
              />
            </section>
          ) : null}
          {suggestions.length ? (
            <section aria-labelledby="suggested-heading" className="mb-5">
              <h2 id="suggested-heading">{t("results.suggested")}</h2>
              <p>{t("results.suggestedExplained")}</p>
              <ul>
                {suggestions.map((s) => (
                  <li key={s.code}>
                    <strong>
                      {s.code} {competenceName(s.code)}
                    </strong>{" "}
                    ({t("results.index")}: {s.value}):{" "}
                    {s.webinars.length ? s.webinars.map((w) => `${w.title} (${w.when})`).join("; ") : t("results.noWebinar")}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      )}
      {comparison.length ? (
        <section aria-labelledby="comparison-heading" className="mb-5">
          <h2 id="comparison-heading">{t("results.comparison")}</h2>
          <p>{t("results.comparisonExplained", { min: MIN_GROUP })}</p>
          <div className="table-responsive">
            <table className="table">
              <caption className="visually-hidden">{t("results.comparison")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("results.organization")}</th>
                  <th scope="col">{t("results.responsesColumn")}</th>
                  {SYLLABUS_AREAS.map((area) => (
                    <th scope="col" key={area.code}>
                      {area.code} {areaName(area.code)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {comparison.map((row) => (
                  <tr key={row.key}>
                    <th scope="row">{row.label}</th>
                    <td>{row.size}</td>
                    {SYLLABUS_AREAS.map((area) => (
                      <td key={area.code}>{row.areas.find((a) => a.code === area.code)?.value ?? "—"}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      {results.suppressed ? null : (
        <section aria-labelledby="questions-heading">
          <h2 id="questions-heading">{t("results.questions")}</h2>
          {results.questions.map((question) => (
            <article key={question.id} className="mb-4">
              <h3 className="h5">{question.text}</h3>
              <p className="small">
                {t("results.answered", { count: question.answered })}
                {question.mean !== null ? ` · ${t("results.mean", { value: Math.round(question.mean * 100) / 100 })}` : null}
              </p>
              {question.type === "TEXT" ? (
                question.texts.length ? (
                  <ul>
                    {question.texts.map((text, index) => (
                      <li key={index}>{text}</li>
                    ))}
                  </ul>
                ) : (
                  <p>{t("results.noText")}</p>
                )
              ) : question.type === "MATRIX" ? (
                <BarChart
                  title={t("results.meanPerRow", { question: question.text })}
                  description={question.rows.map((row) => `${row.label}: ${row.mean === null ? "—" : (Math.round(row.mean * 100) / 100).toString()}`).join("; ")}
                  bars={question.rows.map((row) => ({ label: row.label, value: row.mean ?? 0, display: row.mean === null ? "—" : String(Math.round(row.mean * 100) / 100) }))}
                  max={5}
                  columns={[t("results.row"), t("results.meanColumn")]}
                />
              ) : (
                <BarChart
                  title={t("results.distribution", { question: question.text })}
                  description={question.bars.map((bar) => `${bar.label}: ${bar.count}`).join("; ")}
                  bars={question.bars.map((bar) => ({ label: bar.label, value: bar.count, display: `${bar.count} (${pct(bar.count, question.answered)}%)` }))}
                  max={Math.max(1, ...question.bars.map((bar) => bar.count))}
                  columns={[t("results.choice"), t("results.count")]}
                />
              )}
            </article>
          ))}
        </section>
      )}
    </div>
  );
}
