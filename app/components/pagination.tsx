// "Page 2 of 5" with previous/next links that keep the other query parameters (filters),
// plain links so they work without JavaScript.
import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export function Pagination({ page, pageCount, label }: { page: number; pageCount: number; label?: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  if (pageCount <= 1) return null;
  const hrefFor = (target: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(target));
    return `${location.pathname}?${params}`;
  };
  return (
    <nav className="pagination-wrapper" aria-label={label ?? t("pagination.label")}>
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
