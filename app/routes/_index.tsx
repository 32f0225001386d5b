import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getUser } from "~/modules/auth/current-user.server.ts";

export const meta: MetaFunction = () => [
  { title: "CO-OP · FPA" },
  { name: "description", content: "Webinar, laboratori di Community Building e comunità per la pubblica amministrazione." },
];

// Anonymous visitors get this page from the public-page cache (docs/platform.md).
export const handle = { cache: true };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  return json({ userName: user?.name ?? null });
}

export default function Home() {
  const { userName } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="container page-section">
      <h1>{userName ? t("home.welcome", { name: userName }) : t("home.title")}</h1>
      <p className="lead">{t("home.lead")}</p>
      {userName ? null : (
        <p>
          <Link to="/login" className="btn btn-primary">
            {t("home.signInCta")}
          </Link>
        </p>
      )}
      <h2 className="h3 mt-5">{t("home.kits")}</h2>
      <div className="row">
        {(["kitBasic", "kitIntermediate", "kitPlus"] as const).map((key, index) => (
          <div className="col-md-4" key={key}>
            <div className="card-wrapper card-space">
              <div className="card card-bg">
                <div className="card-body">
                  <h3 className="card-title h5">{["BASIC", "INTERMEDIATE", "PLUS"][index]}</h3>
                  <p className="card-text">{t(`home.${key}`)}</p>
                </div>
              </div>
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}
