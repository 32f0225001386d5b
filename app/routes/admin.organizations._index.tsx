// /admin/organizations: organizations with search and pagination (admins and tutors).
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { authorize, can } from "~/modules/access/policy.server.ts";
import { listOrganizations } from "~/modules/organizations/organizations.server.ts";
import { Breadcrumbs } from "~/components/breadcrumbs.tsx";
import { Pagination } from "~/components/pagination.tsx";
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
      <Form method="get" role="search" className="mb-4 form-narrow">
        <div className="form-group mb-2">
          <label htmlFor="q" className="active">
            {t("list.searchLabel")}
          </label>
          <input id="q" name="q" type="search" className="form-control" defaultValue={q} aria-describedby="q-hint" />
          <small id="q-hint" className="form-text">
            {t("list.searchHint")}
          </small>
        </div>
        <button type="submit" className="btn btn-outline-primary btn-sm">
          {t("common:actions.search")}
        </button>
      </Form>
      <p role="status">{t("list.count", { count: total })}</p>
      {organizations.length ? (
        <div className="table-responsive">
          <table className="table">
            <caption className="visually-hidden">{t("list.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("fields.name")}</th>
                <th scope="col">{t("fields.kind")}</th>
                <th scope="col">{t("fields.ipaCode")}</th>
                <th scope="col">{t("fields.province")}</th>
                <th scope="col">{t("fields.parent")}</th>
                <th scope="col">{t("list.people")}</th>
                <th scope="col">{t("list.kits")}</th>
              </tr>
            </thead>
            <tbody>
              {organizations.map((organization) => (
                <tr key={organization.id}>
                  <th scope="row">
                    <Link to={`/admin/organizations/${organization.id}`}>{organization.name}</Link>
                  </th>
                  <td>{t(`kinds.${organization.kind}`)}</td>
                  <td>{organization.ipaCode ?? "—"}</td>
                  <td>{organization.province ?? "—"}</td>
                  <td>{organization.parent ? <Link to={`/admin/organizations/${organization.parent.id}`}>{organization.parent.name}</Link> : "—"}</td>
                  <td>{`${t("list.members", { count: organization._count.members })}, ${t("list.children", { count: organization._count.children })}`}</td>
                  <td>
                    {organization.kits.length
                      ? organization.kits
                          .map((e) => (e.via ? t("list.kitVia", { kit: e.kit, status: t(`status.${e.status}`), via: e.via }) : `${e.kit} (${t(`status.${e.status}`)})`))
                          .join(", ")
                      : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{q ? t("list.noMatch") : t("list.empty")}</p>
      )}
      <Pagination page={page} pageCount={pages} />
    </div>
  );
}
