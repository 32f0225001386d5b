// The parts every admin list is made of (users, audit, organizations, enrolments, invitations,
// feedback): a filter form that works without JavaScript (GET, with a reset link), the result
// count announced to screen readers, a table or the empty message, and pagination that keeps the
// filters. One place for their markup, so a layout fix reaches every list at once.
import { Form, Link, useLocation } from "@remix-run/react";
import { useId, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { SelectField } from "~/components/forms.tsx";
import { Pagination } from "~/components/pagination.tsx";

export function FilterForm({ title, resetTo, children, submitLabel, resetLabel }: { title?: string; resetTo?: string; children: ReactNode; submitLabel?: string; resetLabel?: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="mb-4">
      <h2 id={headingId} className="h5">
        {title ?? t("list.filtersTitle")}
      </h2>
      {/* Keyed by the query, so "back" or a reset shows the fields as the URL says. */}
      <Form method="get" className="row g-3 align-items-end" key={location.search} role="search">
        {children}
        <div className="col-12 d-flex gap-2">
          <button type="submit" className="btn btn-primary">
            {submitLabel ?? t("list.filter")}
          </button>
          {resetTo ? (
            <Link to={resetTo} className="btn btn-outline-secondary">
              {resetLabel ?? t("list.reset")}
            </Link>
          ) : null}
        </div>
      </Form>
    </section>
  );
}

/** One field of a FilterForm, `width` twelfths of the row on medium screens. */
export function FilterCell({ width = 4, children }: { width?: number; children: ReactNode }) {
  return <div className={`col-md-${width}`}>{children}</div>;
}

/** The "organization" filter of the admin lists: any, or one of the given organizations. */
export function OrganizationFilter({ label, anyLabel, organizations, value }: { label: string; anyLabel: string; organizations: readonly { id: string; name: string }[]; value?: string | null }) {
  return <SelectField name="organizationId" label={label} defaultValue={value ?? ""} options={[{ value: "", label: anyLabel }, ...organizations.map((o) => ({ value: o.id, label: o.name }))]} />;
}

export function ListResults({
  count,
  hasRows,
  empty,
  page,
  pageCount,
  paginationLabel,
  children,
}: {
  count: ReactNode;
  hasRows: boolean;
  empty: ReactNode;
  page: number;
  pageCount: number;
  paginationLabel?: string;
  children: ReactNode;
}) {
  return (
    <>
      <p role="status">{count}</p>
      {hasRows ? children : <p>{empty}</p>}
      <Pagination page={page} pageCount={pageCount} label={paginationLabel} />
    </>
  );
}

export type Column<T> = {
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** The cell that names the row (a <th scope="row">, read before the others). */
  rowHeader?: boolean;
  className?: string;
};

export function DataTable<T>({ caption, captionHidden, columns, rows, rowKey }: { caption: string; captionHidden?: boolean; columns: Column<T>[]; rows: readonly T[]; rowKey: (row: T) => string }) {
  return (
    <div className="table-responsive">
      <table className="table table-striped">
        <caption className={captionHidden ? "visually-hidden" : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th scope="col" key={index}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column, index) =>
                column.rowHeader ? (
                  <th scope="row" key={index} className={column.className}>
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={index} className={column.className}>
                    {column.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
