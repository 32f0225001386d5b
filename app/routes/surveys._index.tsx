// /surveys: the questionnaires the signed-in member is asked to answer.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/lib/dates.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { authorize } from "~/modules/access/policy.server.ts";
import { surveysOpenTo } from "~/modules/surveys/access.server.ts";

export const meta = titleMeta("surveys:list.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await authorize(request, "surveys.list");
  return json({ surveys: await surveysOpenTo(request, user), locale: user.locale });
}

export default function MySurveys() {
  const { surveys, locale } = useLoaderData<typeof loader>();
  const { t } = useTranslation("surveys");
  return (
    <div className="container page-section">
      <h1>{t("list.title")}</h1>
      {surveys.length ? (
        <ul className="list-unstyled">
          {surveys.map((survey) => (
            <li key={survey.id} className="card card-bg mb-3">
              <div className="card-body">
                <h2 className="h5">
                  <Link to={`/surveys/${survey.id}`}>{survey.title}</Link>
                </h2>
                <p>{survey.description}</p>
                <p className="small mb-0">
                  {survey.anonymous ? t("list.anonymous") : t("list.named")}
                  {survey.closesAt ? ` · ${t("list.closes", { date: formatDateTime(survey.closesAt, locale) })}` : null}
                  {" · "}
                  {t(`list.state.${survey.status ?? "NEW"}`)}
                </p>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("list.empty")}</p>
      )}
    </div>
  );
}
