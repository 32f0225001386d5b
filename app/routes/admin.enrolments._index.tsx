// /admin/enrolments: every enrolment, soonest end first, filtered by state, kit and organization.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { EnrolmentStatus, Kit } from "~/generated/sqlite/client.ts";
import { calendarDaysBetween, formatDate } from "~/lib/dates.ts";
import { authorize, can } from "~/modules/access/policy.server.ts";
import { listEnrolments } from "~/modules/enrolment/enrolments.server.ts";
import { isKit, KITS } from "~/modules/kits/catalogue.ts";
import { Breadcrumbs } from "~/components/breadcrumbs.tsx";
import { DataTable, FilterCell, FilterForm, ListResults } from "~/components/list-page.tsx";
import { SelectField, TextField } from "~/components/forms.tsx";
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
      <FilterForm resetTo="/admin/enrolments" submitLabel={t("enrolment.list.filter")}>
        <FilterCell width={4}>
          <TextField name="q" type="search" label={t("enrolment.list.search")} defaultValue={filters.q} />
        </FilterCell>
        <FilterCell width={4}>
          <SelectField
            name="status"
            label={t("enrolment.fields.status")}
            defaultValue={filters.status}
            options={[{ value: "", label: t("enrolment.list.any") }, ...STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) }))]}
          />
        </FilterCell>
        <FilterCell width={4}>
          <SelectField
            name="kit"
            label={t("enrolment.fields.kit")}
            defaultValue={filters.kit}
            options={[{ value: "", label: t("enrolment.list.any") }, ...KITS.map((kit) => ({ value: kit, label: kit }))]}
          />
        </FilterCell>
      </FilterForm>
      <ListResults count={t("enrolment.list.count", { count: total })} hasRows={enrolments.length > 0} empty={t("enrolment.list.empty")} page={page} pageCount={pages}>
        <DataTable
          caption={t("enrolment.list.title")}
          captionHidden
          rows={enrolments}
          rowKey={(enrolment) => enrolment.id}
          columns={[
            { header: t("enrolment.fields.organization"), rowHeader: true, cell: (enrolment) => <Link to={`/admin/enrolments/${enrolment.id}`}>{enrolment.organization.name}</Link> },
            { header: t("enrolment.fields.kit"), cell: (enrolment) => enrolment.kit },
            { header: t("enrolment.fields.status"), cell: (enrolment) => <StatusBadge status={enrolment.status} /> },
            { header: t("enrolment.fields.startsOn"), cell: (enrolment) => formatDate(enrolment.startsAt, i18n.language) },
            {
              header: t("enrolment.fields.endsOn"),
              cell: (enrolment) => (
                <>
                  {formatDate(enrolment.endsAt, i18n.language)}
                  {enrolment.daysLeft !== null ? <div className="small">{t("enrolment.daysLeft", { count: enrolment.daysLeft })}</div> : null}
                </>
              ),
            },
            { header: t("enrolment.fields.seats"), cell: (enrolment) => enrolment.seats },
          ]}
        />
      </ListResults>
    </div>
  );
}
