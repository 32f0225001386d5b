// /admin/organizations: organizations with search and pagination (admins and tutors).
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { authorize, can } from "~/modules/access/policy.server.ts";
import { listOrganizations } from "~/modules/organizations/organizations.server.ts";
import { Breadcrumbs } from "~/components/breadcrumbs.tsx";
import { DataTable, FilterCell, FilterForm, ListResults } from "~/components/list-page.tsx";
import { TextField } from "~/components/forms.tsx";
import { parsePage } from "~/lib/pagination.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";

export const meta = titleMeta("org:list.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await authorize(request, "organizations.view");
  const url = new URL(request.url);
  const q = url.searchParams.get("q") ?? "";
  const result = await listOrganizations({ q, page: parsePage(url.searchParams.get("page")) });
  return json({ ...result, q, canManage: can(user, "organizations.manage").allowed });
}

export default function OrganizationList() {
  const { organizations, total, page, pages, q, canManage } = useLoaderData<typeof loader>();
  const { t } = useTranslation("org");
  return (
    <div className="container page-section">
      <Breadcrumbs items={[{ to: "/admin", label: t("common:nav.admin") }, { label: t("list.title") }]} />
      <h1>{t("list.title")}</h1>
      {canManage ? (
        <p className="d-flex gap-2 flex-wrap">
          <Link to="/admin/organizations/new" className="btn btn-primary">
            {t("list.new")}
          </Link>
          <Link to="/admin/organizations/import" className="btn btn-outline-primary">
            {t("list.import")}
          </Link>
          <Link to="/admin/enrolments" className="btn btn-outline-primary">
            {t("enrolment.list.title")}
          </Link>
        </p>
      ) : null}
      <FilterForm resetTo="/admin/organizations" submitLabel={t("common:actions.search")}>
        <FilterCell width={6}>
          <TextField name="q" type="search" label={t("list.searchLabel")} defaultValue={q} hint={t("list.searchHint")} />
        </FilterCell>
      </FilterForm>
      <ListResults count={t("list.count", { count: total })} hasRows={organizations.length > 0} empty={q ? t("list.noMatch") : t("list.empty")} page={page} pageCount={pages}>
        <DataTable
          caption={t("list.title")}
          captionHidden
          rows={organizations}
          rowKey={(organization) => organization.id}
          columns={[
            { header: t("fields.name"), rowHeader: true, cell: (organization) => <Link to={`/admin/organizations/${organization.id}`}>{organization.name}</Link> },
            { header: t("fields.kind"), cell: (organization) => t(`kinds.${organization.kind}`) },
            { header: t("fields.ipaCode"), cell: (organization) => organization.ipaCode ?? "—" },
            { header: t("fields.province"), cell: (organization) => organization.province ?? "—" },
            {
              header: t("fields.parent"),
              cell: (organization) => (organization.parent ? <Link to={`/admin/organizations/${organization.parent.id}`}>{organization.parent.name}</Link> : "—"),
            },
            { header: t("list.people"), cell: (organization) => `${t("list.members", { count: organization._count.members })}, ${t("list.children", { count: organization._count.children })}` },
            {
              header: t("list.kits"),
              cell: (organization) =>
                organization.kits.length
                  ? organization.kits
                      .map((e) => (e.via ? t("list.kitVia", { kit: e.kit, status: t(`status.${e.status}`), via: e.via }) : `${e.kit} (${t(`status.${e.status}`)})`))
                      .join(", ")
                  : "—",
            },
          ]}
        />
      </ListResults>
    </div>
  );
}
