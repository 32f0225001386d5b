// /account: the signed-in user's own pages (profile, password, sessions).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/modules/auth/current-user.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return json({});
}

export default function AccountLayout() {
  const { t } = useTranslation("auth");
  const { t: tc } = useTranslation();
  const { t: tr } = useTranslation("recordings");
  const links = [
    { to: "/account", label: tc("nav.profile"), end: true },
    { to: "/account/password", label: tc("nav.changePassword"), end: false },
    { to: "/account/sessions", label: tc("nav.sessions"), end: false },
    { to: "/account/calendar", label: t("webinars:feed.title"), end: false },
    { to: "/account/training", label: tr("training.title"), end: false },
    { to: "/account/digest", label: t("digest:account.title"), end: false },
  ];
  return (
    <div className="container page-section">
      <h1>{t("account.title")}</h1>
      <div className="row">
        <nav className="col-lg-3 mb-4" aria-label={t("account.nav")}>
          <ul className="link-list list-unstyled">
            {links.map((link) => (
              <li key={link.to}>
                <NavLink to={link.to} end={link.end} className={({ isActive }) => `list-item${isActive ? " active fw-bold" : ""}`}>
                  {link.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="col-lg-9">
          <Outlet />
        </div>
      </div>
    </div>
  );
}
