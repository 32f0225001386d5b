// /surveys/manage/:id/preview: the survey as respondents will see it, every section on one page,
// with nothing to submit (tutors, admins).
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SurveyQuestion } from "~/components/survey-questions.tsx";
import { notFound } from "~/lib/http.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { questionnaire } from "~/modules/surveys/answering.server.ts";
import { requireManagedSurvey } from "~/modules/surveys/manage-access.server.ts";
import { defaultLikertLabels } from "~/modules/surveys/templates.ts";

export const meta = titleMeta<{ survey: { title: string } }>("surveys:preview.title", (data) => ({ title: data?.survey.title ?? "" }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireManagedSurvey(request, params.id, "survey.edit");
  const survey = await questionnaire(params.id!);
  if (!survey) throw notFound();
  return json({ survey, likertLabels: defaultLikertLabels(user.locale) });
}

export default function PreviewSurvey() {
  const { survey, likertLabels } = useLoaderData<typeof loader>();
  const { t } = useTranslation("surveys");
  return (
    <div className="container page-section">
      <p>
        <Link to={`/surveys/manage/${survey.id}`}>{t("preview.back")}</Link>
      </p>
      <h1>{t("preview.heading", { title: survey.title })}</h1>
      <p className="alert alert-info">{t("preview.note")}</p>
      {survey.description ? <p>{survey.description}</p> : null}
      <form aria-label={t("preview.formLabel")} onSubmit={(event) => event.preventDefault()}>
        {survey.sections.map((section, index) => (
          <section key={section.id} aria-labelledby={`preview-${section.id}`} className="mb-5">
            <h2 id={`preview-${section.id}`}>
              {t("answer.progress", { current: index + 1, total: survey.sections.length })}: {section.title}
            </h2>
            {section.description ? <p>{section.description}</p> : null}
            {section.questions.map((question) => (
              <SurveyQuestion key={question.id} question={question} values={{}} likertLabels={likertLabels} />
            ))}
          </section>
        ))}
      </form>
    </div>
  );
}
