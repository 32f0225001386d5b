// /admin/enrolments: every enrolment, soonest end first, filtered by state, kit and organization.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { EnrolmentStatus, Kit } from "~/generated/sqlite/client.ts";
import { calendarDaysBetween, formatDate } from "~/lib/dates.ts";
import { authorize, can } from "~/modules/access/policy.server.ts";
import { listEnrolments } from "~/modules/enrolment/enrolments.server.ts";
import { isKit, KITS } from "~/modules/kits/catalogue.ts";
import { Breadcrumbs } from "~/components/breadcrumbs.tsx";
import { Pagination } from "~/components/pagination.tsx";
import { parsePage } from "~/lib/pagination.ts";
import { StatusBadge } from "~/components/enrolment-status-badge.tsx";
import { titleMeta } from "~/lib/i18n/meta.ts";

export const meta = titleMeta("org:enrolment.list.title");

const STATUSES: EnrolmentStatus[] = ["PENDING", "ACTIVE", "EXPIRED", "CANCELLED"];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await authorize(request, "enrolments.view");
  const url = new URL(request.url);
  const statusParam = url.searchParams.get("status") ?? "";
  const kitParam = url.searchParams.get("kit") ?? "";
  const status = (STATUSES as string[]).includes(statusParam) ? (statusParam as EnrolmentStatus) : undefined;
  const kit: Kit | undefined = isKit(kitParam) ? kitParam : undefined;
  const q = url.searchParams.get("q") ?? "";
  const result = await listEnrolments({ status, kit, q, page: parsePage(url.searchParams.get("page")) });
  const now = new Date();
  return json({
    ...result,
    enrolments: result.enrolments.map((e) => ({ ...e, daysLeft: e.status === "ACTIVE" ? calendarDaysBetween(now, e.endsAt) : null })),
    filters: { status: status ?? "", kit: kit ?? "", q },
    canManage: can(user, "enrolments.manage").allowed,
  });
}

export default function EnrolmentList() {
  const { enrolments, total, page, pages, filters, canManage } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("org");
  return (
    <div className="container page-section">
      <Breadcrumbs items={[{ to: "/admin", label: t("common:nav.admin") }, { label: t("enrolment.list.title") }]} />
      <h1>{t("enrolment.list.title")}</h1>
      {canManage ? (
        <p>
          <Link to="/admin/enrolments/new" className="btn btn-primary">
            {t("enrolment.list.new")}
          </Link>
        </p>
      ) : null}
      <Form method="get" className="row g-3 align-items-end mb-4">
        <div className="col-md-4">
          <div className="form-group mb-0">
            <label htmlFor="q" className="active">
              {t("enrolment.list.search")}
            </label>
            <input id="q" name="q" type="search" className="form-control" defaultValue={filters.q} />
          </div>
        </div>
        <div className="col-md-3">
          <div className="select-wrapper">
            <label htmlFor="status">{t("enrolment.fields.status")}</label>
            <select id="status" name="status" defaultValue={filters.status}>
              <option value="">{t("enrolment.list.any")}</option>
              {STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t(`status.${status}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="col-md-3">
          <div className="select-wrapper">
            <label htmlFor="kit">{t("enrolment.fields.kit")}</label>
            <select id="kit" name="kit" defaultValue={filters.kit}>
              <option value="">{t("enrolment.list.any")}</option>
              {KITS.map((kit) => (
                <option key={kit} value={kit}>
                  {kit}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="col-md-2">
          <button type="submit" className="btn btn-outline-primary">
            {t("enrolment.list.filter")}
          </button>
        </div>
      </Form>
      <p role="status">{t("enrolment.list.count", { count: total })}</p>
      {enrolments.length ? (
        <div className="table-responsive">
          <table className="table">
            <caption className="visually-hidden">{t("enrolment.list.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("enrolment.fields.organization")}</th>
                <th scope="col">{t("enrolment.fields.kit")}</th>
                <th scope="col">{t("enrolment.fields.status")}</th>
                <th scope="col">{t("enrolment.fields.startsOn")}</th>
                <th scope="col">{t("enrolment.fields.endsOn")}</th>
                <th scope="col">{t("enrolment.fields.seats")}</th>
              </tr>
            </thead>
            <tbody>
              {enrolments.map((enrolment) => (
                <tr key={enrolment.id}>
                  <th scope="row">
                    <Link to={`/admin/enrolments/${enrolment.id}`}>{enrolment.organization.name}</Link>
                  </th>
                  <td>{enrolment.kit}</td>
                  <td>
                    <StatusBadge status={enrolment.status} />
                  </td>
                  <td>{formatDate(enrolment.startsAt, i18n.language)}</td>
                  <td>
                    {formatDate(enrolment.endsAt, i18n.language)}
                    {enrolment.daysLeft !== null ? <div className="small">{t("enrolment.daysLeft", { count: enrolment.daysLeft })}</div> : null}
                  </td>
                  <td>{enrolment.seats}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t("enrolment.list.empty")}</p>
      )}
      <Pagination page={page} pageCount={pages} />
    </div>
  );
}
