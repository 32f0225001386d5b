// Page frame in Bootstrap Italia markup: skip links, slim header with language and account,
// brand, main navigation, footer with the accessibility statement and feedback link.
import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Icon } from "./icon.tsx";
import type { NavItem } from "~/modules/navigation.ts";
import { CommunityBadge, type BadgeState } from "./community-badge.tsx";

// What an Italian PA site carries in its footer (AgID's guidelines), plus our feedback form.
const FOOTER_LINKS = [
  ["/accessibility", "footer.accessibility"],
  ["/feedback", "footer.feedback"],
  ["/privacy", "footer.privacy"],
  ["/legal", "footer.legal"],
] as const;

export type LayoutUser = { name: string; role: string } | null;

function LanguageSwitch({ locale }: { locale: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const other = locale === "it" ? "en" : "it";
  return (
    // A full page load: every text on the page, including error pages, comes back in the new language.
    <Form method="post" action="/language" className="d-inline" reloadDocument>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <input type="hidden" name="locale" value={other} />
      {/* The visible code starts the accessible name (WCAG 2.5.3, label in name). */}
      <button type="submit" className="btn btn-link text-white p-0 me-3">
        <span lang={other}>{other.toUpperCase()}</span>
        <span className="visually-hidden">
          {" – "}
          {t("language.change")}: <span lang={other}>{t(`language.${other}`)}</span>
        </span>
      </button>
    </Form>
  );
}

function AccountLinks({ user, communityNotifications }: { user: LayoutUser; communityNotifications?: BadgeState | null }) {
  const { t } = useTranslation();
  const location = useLocation();
  if (!user) {
    const here = location.pathname + location.search;
    const to = here === "/" || here.startsWith("/login") ? "/login" : `/login?redirectTo=${encodeURIComponent(here)}`;
    return (
      <Link to={to} className="btn btn-primary btn-icon btn-full">
        <span className="rounded-icon" aria-hidden="true">
          <Icon name="it-user" className="icon-primary" />
        </span>
        <span className="d-none d-lg-block">{t("nav.login")}</span>
      </Link>
    );
  }
  return (
    <div className="d-flex align-items-center gap-3">
      {communityNotifications ? <CommunityBadge initial={communityNotifications} /> : null}
      <Link to="/account" className="text-white" aria-label={t("nav.accountMenu", { name: user.name })}>
        <Icon name="it-user" className="icon-white me-1" />
        <span>{user.name}</span>
      </Link>
      <Form method="post" action="/logout">
        <button type="submit" className="btn btn-sm btn-outline-light">
          {t("nav.logout")}
        </button>
      </Form>
    </div>
  );
}

export function Layout({ children, user, locale, navigation, communityNotifications }: { children: ReactNode; user: LayoutUser; locale: string; navigation: NavItem[]; communityNotifications?: BadgeState | null }) {
  const { t } = useTranslation();
  const [menuOpen, setMenuOpen] = useState(false);
  return (
    <>
      <div className="skiplinks">
        <a className="visually-hidden-focusable" href="#main-content">
          {t("skipToContent")}
        </a>
        <a className="visually-hidden-focusable" href="#page-footer">
          {t("skipToFooter")}
        </a>
      </div>
      <header className="it-header-wrapper">
        <div className="it-header-slim-wrapper">
          <div className="container">
            <div className="row">
              <div className="col-12">
                <div className="it-header-slim-wrapper-content">
                  <span className="d-lg-block navbar-brand">FPA · CO-OP</span>
                  <div className="it-header-slim-right-zone">
                    <LanguageSwitch locale={locale} />
                    <AccountLinks user={user} communityNotifications={communityNotifications} />
                  </div>
                </div>
              </div>
            </div>
          </div>
        </div>
        <div className="it-nav-wrapper">
          <div className="it-header-center-wrapper">
            <div className="container">
              <div className="row">
                <div className="col-12">
                  <div className="it-header-center-content-wrapper">
                    <div className="it-brand-wrapper">
                      <Link to="/">
                        <Icon name="it-pa" className="icon" />
                        <div className="it-brand-text">
                          <div className="it-brand-title">{t("appName")}</div>
                          <div className="it-brand-tagline d-none d-md-block">{t("appTagline")}</div>
                        </div>
                      </Link>
                    </div>
                  </div>
                </div>
              </div>
            </div>
          </div>
          <div className="it-header-navbar-wrapper">
            <div className="container">
              <div className="row">
                <div className="col-12">
                  <nav className="navbar navbar-expand-lg has-megamenu" aria-label={t("nav.label")}>
                    <button
                      className="custom-navbar-toggler"
                      type="button"
                      aria-controls="main-nav"
                      aria-expanded={menuOpen}
                      aria-label={menuOpen ? t("nav.close") : t("nav.open")}
                      onClick={() => setMenuOpen((open) => !open)}
                    >
                      <Icon name="it-burger" />
                    </button>
                    <div className={`navbar-collapsable${menuOpen ? " expanded d-block" : ""}`} id="main-nav">
                      <div className="menu-wrapper">
                        <ul className="navbar-nav">
                          {navigation.map((item) => (
                            <li className="nav-item" key={item.to}>
                              <NavLink
                                to={item.to}
                                end={item.to === "/"}
                                className={({ isActive }) => `nav-link${isActive ? " active" : ""}`}
                                onClick={() => setMenuOpen(false)}
                              >
                                <span>{t(item.labelKey)}</span>
                              </NavLink>
                            </li>
                          ))}
                        </ul>
                      </div>
                    </div>
                  </nav>
                </div>
              </div>
            </div>
          </div>
        </div>
      </header>
      <main id="main-content" tabIndex={-1}>
        {children}
      </main>
      <footer className="it-footer" id="page-footer">
        <div className="it-footer-main">
          <div className="container">
            <section className="py-4">
              <div className="row">
                <div className="col-lg-6">
                  <h2 className="h5 text-white">{t("appName")}</h2>
                  <p className="text-white">{t("footer.about")}</p>
                </div>
                <div className="col-lg-6">
                  <h2 className="h5 text-white">{t("footer.links")}</h2>
                  <ul className="footer-list list-unstyled">
                    {FOOTER_LINKS.map(([to, key]) => (
                      <li key={to}>
                        <Link to={to} className="text-white">
                          {t(key)}
                        </Link>
                      </li>
                    ))}
                  </ul>
                </div>
              </div>
            </section>
          </div>
        </div>
      </footer>
    </>
  );
}
