// /surveys/manage: the staff's surveys (tutors, admins) and a new one, blank or from a template.
import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, SelectField, TextField } from "~/components/forms.tsx";
import { formatDateTime } from "~/lib/dates.ts";
import { parseForm, type FormFailure } from "~/lib/forms.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { authorize } from "~/modules/access/policy.server.ts";
import { createSurvey, listSurveys } from "~/modules/surveys/builder.server.ts";
import { createSchema } from "~/modules/surveys/forms.ts";

export const meta = titleMeta("surveys:manage.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await authorize(request, "surveys.manage");
  return json({ surveys: await listSurveys(), locale: user.locale });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await authorize(request, "surveys.manage");
  const formData = await readForm(request);
  const parsed = parseForm(formData, createSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  if (parsed.data.template === "BLANK" && !parsed.data.title) {
    return json(
      {
        ok: false,
        fieldErrors: { title: ["validation.required"] },
        values: { template: "BLANK", title: "" },
      } satisfies FormFailure,
      { status: 400 }
    );
  }
  const survey = await createSurvey(
    { template: parsed.data.template, title: parsed.data.title },
    user.id,
    user.locale
  );
  return redirect(`/surveys/manage/${survey.id}`);
}

export default function ManageSurveys() {
  const { surveys, locale } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const { t } = useTranslation("surveys");
  return (
    <div className="container page-section">
      <h1>{t("manage.title")}</h1>
      <section aria-labelledby="new-survey" className="mb-5">
        <h2 id="new-survey" className="h4">
          {t("manage.new")}
        </h2>
        <ErrorSummary
          failure={failure}
          labels={{
            title: t("manage.fields.title"),
            template: t("manage.fields.template"),
          }}
        />
        <Form method="post" className="col-lg-8 px-0">
          {/* One field under the other: a select and a text field side by side do not line up in Bootstrap Italia. */}
          <div className="mb-4">
            <SelectField
              name="template"
              label={t("manage.fields.template")}
              defaultValue={failure?.values.template ?? "TRAINING_NEEDS"}
              options={(
                ["TRAINING_NEEDS", "SATISFACTION", "BLANK"] as const
              ).map((value) => ({
                value,
                label: t(`manage.templates.${value}`),
              }))}
            />
          </div>
          <TextField
            name="title"
            label={t("manage.fields.title")}
            hint={t("manage.fields.titleHint")}
            defaultValue={failure?.values.title}
            errors={failure?.fieldErrors.title}
          />
          <button type="submit" className="btn btn-primary mb-3">
            {t("manage.create")}
          </button>
        </Form>
      </section>
      <section aria-labelledby="survey-list">
        <h2 id="survey-list" className="h4">
          {t("manage.list")}
        </h2>
        {surveys.length ? (
          <div className="table-responsive">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("manage.columns.title")}</th>
                  <th scope="col">{t("manage.columns.kind")}</th>
                  <th scope="col">{t("manage.columns.status")}</th>
                  <th scope="col">{t("manage.columns.closes")}</th>
                  <th scope="col">{t("manage.columns.responses")}</th>
                </tr>
              </thead>
              <tbody>
                {surveys.map((survey) => (
                  <tr key={survey.id}>
                    <td>
                      <Link to={`/surveys/manage/${survey.id}`}>
                        {survey.title}
                      </Link>
                      {survey.version > 1
                        ? ` (${t("manage.version", {
                            version: survey.version,
                          })})`
                        : null}
                    </td>
                    <td>{t(`kinds.${survey.kind}`)}</td>
                    <td>{t(`statuses.${survey.status}`)}</td>
                    <td>
                      {survey.closesAt
                        ? formatDateTime(survey.closesAt, locale)
                        : "—"}
                    </td>
                    <td>{survey._count.responses}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t("manage.empty")}</p>
        )}
      </section>
    </div>
  );
}
