// Previous/next links that keep the current filters; plain links, so they work without JavaScript.
// (React view pieces of the users feature, shared by the admin pages.)
import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export function Pagination({ page, pageCount }: { page: number; pageCount: number }) {
  const { t } = useTranslation("users");
  const location = useLocation();
  if (pageCount <= 1) return null;
  const hrefFor = (target: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(target));
    return `${location.pathname}?${params}`;
  };
  return (
    <nav className="pagination-wrapper" aria-label={t("pagination.label")}>
      <ul className="pagination">
        {page > 1 ? (
          <li className="page-item">
            <Link className="page-link" to={hrefFor(page - 1)} rel="prev">
              {t("pagination.previous")}
            </Link>
          </li>
        ) : null}
        <li className="page-item">
          <span className="page-link" aria-current="page">
            {t("pagination.page", { page, pages: pageCount })}
          </span>
        </li>
        {page < pageCount ? (
          <li className="page-item">
            <Link className="page-link" to={hrefFor(page + 1)} rel="next">
              {t("pagination.next")}
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
