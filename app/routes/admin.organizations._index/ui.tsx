// Small pieces shared by the organization, enrolment and pathway pages (not a route: Remix
// ignores modules in a route folder other than route.tsx).
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export function Breadcrumbs({ items }: { items: { to?: string; label: string }[] }) {
  const { t } = useTranslation("org");
  return (
    <nav className="breadcrumb-container" aria-label={t("breadcrumb")}>
      <ol className="breadcrumb">
        {items.map((item, index) => (
          <li key={index} className={`breadcrumb-item${item.to ? "" : " active"}`} aria-current={item.to ? undefined : "page"}>
            {item.to ? <Link to={item.to}>{item.label}</Link> : item.label}
            {index < items.length - 1 ? <span className="separator" aria-hidden="true">/</span> : null}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** "Page 2 of 5" with previous/next links that keep the other query parameters. */
export function Pager({ page, pages, search }: { page: number; pages: number; search: URLSearchParams }) {
  const { t } = useTranslation("org");
  if (pages <= 1) return null;
  const hrefFor = (target: number) => {
    const params = new URLSearchParams(search);
    params.set("page", String(target));
    return `?${params}`;
  };
  return (
    <nav className="pagination-wrapper" aria-label={t("list.paginationLabel")}>
      <ul className="pagination">
        <li className={`page-item${page <= 1 ? " disabled" : ""}`}>
          {page > 1 ? (
            <Link className="page-link" to={hrefFor(page - 1)} rel="prev">
              {t("list.previous")}
            </Link>
          ) : (
            <span className="page-link">{t("list.previous")}</span>
          )}
        </li>
        <li className="page-item">
          <span className="page-link" aria-current="page">
            {t("list.page", { page, pages })}
          </span>
        </li>
        <li className={`page-item${page >= pages ? " disabled" : ""}`}>
          {page < pages ? (
            <Link className="page-link" to={hrefFor(page + 1)} rel="next">
              {t("list.next")}
            </Link>
          ) : (
            <span className="page-link">{t("list.next")}</span>
          )}
        </li>
      </ul>
    </nav>
  );
}

const STATUS_CLASS: Record<string, string> = { ACTIVE: "bg-success", PENDING: "bg-warning text-dark", EXPIRED: "bg-secondary", CANCELLED: "bg-danger" };

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation("org");
  return <span className={`badge ${STATUS_CLASS[status] ?? "bg-secondary"}`}>{t(`status.${status}`)}</span>;
}

export function DefinitionList({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="row">
      {rows.map(([term, value]) => (
        <div key={term} className="col-12 d-md-flex border-bottom py-2">
          <dt className="col-md-4">{term}</dt>
          <dd className="col-md-8 mb-0">{value ?? "—"}</dd>
        </div>
      ))}
    </dl>
  );
}

export function parsePage(value: string | null) {
  const page = Number(value);
  return Number.isInteger(page) && page > 0 ? page : 1;
}
