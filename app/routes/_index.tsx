import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { i18nFor } from "~/lib/i18n/i18n.ts";
import { localeFromMatches } from "~/lib/i18n/meta.ts";
import { KITS, kitDefinition, localized } from "~/modules/kits/catalogue.ts";
import { getUser } from "~/modules/auth/current-user.server.ts";

// The home page's title is the site's own motto, not "page · site".
export const meta: MetaFunction = ({ matches }) => {
  const { t } = i18nFor(localeFromMatches(matches));
  return [{ title: t("home.title") }, { name: "description", content: t("home.description") }];
};

// Anonymous visitors get this page from the public-page cache (docs/platform.md).
export const handle = { cache: true };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  return json({ userName: user?.name ?? null });
}

export default function Home() {
  const { userName } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
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
        {/* The pathways' wording comes from the kit catalogue, so the home page, the pathway page and the kit selector say the same thing. */}
        {KITS.map((kit) => (
          <div className="col-md-4" key={kit}>
            <div className="card-wrapper card-space">
              <div className="card card-bg">
                <div className="card-body">
                  <h3 className="card-title h5">{kit}</h3>
                  <p className="card-text">{localized(kitDefinition(kit).pathway, i18n.language)}.</p>
                </div>
              </div>
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}
