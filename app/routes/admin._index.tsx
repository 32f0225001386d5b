// /admin: the administration home, listing the sections the signed-in role may open.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can, enforce } from "~/modules/access/policy.server.ts";
import { adminSections } from "~/modules/admin/sections.ts";
import { requireUser } from "~/modules/auth/current-user.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";

export const meta = titleMeta("users:adminHome.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  enforce(can(user, "admin.area"));
  const sections = adminSections.filter((section) => can(user, section.action).allowed);
  return json({
    sections: sections.map(({ to, titleKey, descriptionKey }) => ({ to, titleKey, descriptionKey })),
  });
}

export default function AdminHome() {
  const { sections } = useLoaderData<typeof loader>();
  const { t } = useTranslation("users");
  return (
    <div className="container page-section">
      <h1>{t("adminHome.title")}</h1>
      <p className="lead">{t("adminHome.lead")}</p>
      {sections.length ? (
        <ul className="row list-unstyled" aria-label={t("adminHome.sectionsLabel")}>
          {sections.map((section) => (
            <li className="col-md-6 col-lg-4 mb-4" key={section.to}>
              <div className="card card-bg h-100">
                <div className="card-body">
                  <h2 className="card-title h5">
                    <Link to={section.to}>{t(section.titleKey)}</Link>
                  </h2>
                  <p className="card-text">{t(section.descriptionKey)}</p>
                </div>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("adminHome.empty")}</p>
      )}
    </div>
  );
}
