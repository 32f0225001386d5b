// /admin/users: every account, with search (name, email), filters (role, organization, status)
// and pagination. A GET form, so filters live in the address and can be bookmarked.
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField, TextField } from "~/components/forms.tsx";
import { authorize } from "~/modules/access/policy.server.ts";
import { pageTitle } from "~/modules/users/page-title.server.ts";
import { Pagination } from "~/components/pagination.tsx";
import { ROLES } from "~/modules/users/roles.ts";
import { listUsers, organizationOptions, parseUserFilters } from "~/modules/users/users.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "CO-OP" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await authorize(request, "users.manage");
  const filters = parseUserFilters(new URL(request.url));
  const [result, organizations] = await Promise.all([listUsers(filters), organizationOptions()]);
  return json({ title: await pageTitle(request, user.locale, "users:list.title"), filters, organizations, ...result });
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

      <section aria-labelledby="filters-title" className="mb-4">
        <h2 id="filters-title" className="h5">
          {t("list.filtersTitle")}
        </h2>
        <Form method="get" className="row g-3 align-items-end">
          <div className="col-md-4">
            <TextField name="q" type="search" label={t("list.search")} defaultValue={filters.q} />
          </div>
          <div className="col-md-2">
            <SelectField
              name="role"
              label={t("list.role")}
              defaultValue={filters.role ?? ""}
              options={[{ value: "", label: t("list.anyRole") }, ...ROLES.map((role) => ({ value: role, label: t(`common:roles.${role}`) }))]}
            />
          </div>
          <div className="col-md-3">
            <SelectField
              name="organizationId"
              label={t("list.organization")}
              defaultValue={filters.organizationId ?? ""}
              options={[{ value: "", label: t("list.anyOrganization") }, ...organizations.map((o) => ({ value: o.id, label: o.name }))]}
            />
          </div>
          <div className="col-md-2">
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
          </div>
          <div className="col-12 d-flex gap-2">
            <button type="submit" className="btn btn-primary">
              {t("list.filter")}
            </button>
            <Link to="/admin/users" className="btn btn-outline-secondary">
              {t("list.reset")}
            </Link>
          </div>
        </Form>
      </section>

      <p role="status">{t("list.results", { count: total })}</p>
      {users.length ? (
        <div className="table-responsive">
          <table className="table table-striped">
            <caption>{t("list.caption", { page, pages: pageCount })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("list.colName")}</th>
                <th scope="col">{t("list.colEmail")}</th>
                <th scope="col">{t("list.colRole")}</th>
                <th scope="col">{t("list.colOrganization")}</th>
                <th scope="col">{t("list.colStatus")}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <tr key={user.id}>
                  <td>
                    <Link to={`/admin/users/${user.id}`}>{user.name}</Link>
                  </td>
                  <td>{user.email}</td>
                  <td>
                    {t(`common:roles.${user.role}`)}
                    {user.isOrganizationManager ? ` (${t("list.manager")})` : null}
                  </td>
                  <td>{user.organization?.name ?? t("list.none")}</td>
                  <td>
                    {user.disabledAt ? <span className="badge bg-secondary">{t("list.disabled")}</span> : <span className="badge bg-success">{t("list.active")}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t("list.empty")}</p>
      )}
      <Pagination page={page} pageCount={pageCount} />
    </div>
  );
}
