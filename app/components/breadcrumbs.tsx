import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export function Breadcrumbs({ items }: { items: { to?: string; label: string }[] }) {
  const { t } = useTranslation();
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
