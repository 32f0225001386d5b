// /admin/users: every account, with search (name, email), filters (role, organization, status)
// and pagination. A GET form, so filters live in the address and can be bookmarked.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField, TextField } from "~/components/forms.tsx";
import { authorize } from "~/modules/access/policy.server.ts";
import { DataTable, FilterCell, OrganizationFilter, FilterForm, ListResults } from "~/components/list-page.tsx";
import { ROLES } from "~/modules/users/roles.ts";
import { listUsers, organizationOptions, parseUserFilters } from "~/modules/users/users.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";

export const meta = titleMeta("users:list.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await authorize(request, "users.manage");
  const filters = parseUserFilters(new URL(request.url));
  const [result, organizations] = await Promise.all([listUsers(filters), organizationOptions()]);
  return json({ filters, organizations, ...result });
}

export default function AdminUsers() {
  const { filters, organizations, users, total, page, pageCount } = useLoaderData<typeof loader>();
  const { t } = useTranslation("users");
  return (
    <div className="container page-section">
      <div className="d-flex flex-wrap justify-content-between align-items-start gap-2">
        <h1>{t("list.title")}</h1>
        <div className="d-flex gap-2">
          <Link to="/admin/users/new" className="btn btn-primary">
            {t("list.invite")}
          </Link>
          <Link to="/admin/invitations" className="btn btn-outline-primary">
            {t("list.invitations")}
          </Link>
        </div>
      </div>
      <p className="lead">{t("list.lead")}</p>

      <FilterForm title={t("list.filtersTitle")} resetTo="/admin/users" submitLabel={t("list.filter")} resetLabel={t("list.reset")}>
        <FilterCell width={4}>
          <TextField name="q" type="search" label={t("list.search")} defaultValue={filters.q} />
        </FilterCell>
        <FilterCell width={2}>
          <SelectField
            name="role"
            label={t("list.role")}
            defaultValue={filters.role ?? ""}
            options={[{ value: "", label: t("list.anyRole") }, ...ROLES.map((role) => ({ value: role, label: t(`common:roles.${role}`) }))]}
          />
        </FilterCell>
        <FilterCell width={3}>
          <OrganizationFilter label={t("list.organization")} anyLabel={t("list.anyOrganization")} organizations={organizations} value={filters.organizationId} />
        </FilterCell>
        <FilterCell width={3}>
          <SelectField
            name="status"
            label={t("list.status")}
            defaultValue={filters.status}
            options={[
              { value: "all", label: t("list.statusAll") },
              { value: "active", label: t("list.statusActive") },
              { value: "disabled", label: t("list.statusDisabled") },
            ]}
          />
        </FilterCell>
      </FilterForm>

      <ListResults count={t("list.results", { count: total })} hasRows={users.length > 0} empty={t("list.empty")} page={page} pageCount={pageCount}>
        <DataTable
          caption={t("list.caption", { page, pages: pageCount })}
          rows={users}
          rowKey={(user) => user.id}
          columns={[
            { header: t("list.colName"), cell: (user) => <Link to={`/admin/users/${user.id}`}>{user.name}</Link> },
            { header: t("list.colEmail"), cell: (user) => user.email },
            {
              header: t("list.colRole"),
              cell: (user) => (
                <>
                  {t(`common:roles.${user.role}`)}
                  {user.isOrganizationManager ? ` (${t("list.manager")})` : null}
                </>
              ),
            },
            { header: t("list.colOrganization"), cell: (user) => user.organization?.name ?? t("list.none") },
            {
              header: t("list.colStatus"),
              cell: (user) =>
                user.disabledAt ? <span className="badge bg-secondary">{t("list.disabled")}</span> : <span className="badge bg-success">{t("list.active")}</span>,
            },
          ]}
        />
      </ListResults>
    </div>
  );
}
