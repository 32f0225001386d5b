// /admin/audit: the activity log, searchable by text, author, object type and days (Rome time).
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField, TextField } from "~/components/forms.tsx";
import { formatDateTime } from "~/lib/dates.ts";
import { authorize } from "~/modules/access/policy.server.ts";
import { auditTargetTypes, parseAuditFilters, searchAudit } from "~/modules/audit/search.server.ts";
import { pageTitle } from "~/modules/users/page-title.server.ts";
import { Pagination } from "~/components/pagination.tsx";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "CO-OP" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await authorize(request, "audit.view");
  const filters = parseAuditFilters(new URL(request.url));
  const [result, targetTypes] = await Promise.all([searchAudit(filters), auditTargetTypes()]);
  return json({ title: await pageTitle(request, user.locale, "audit:title"), filters, targetTypes, ...result });
}

export default function AuditLog() {
  const { filters, targetTypes, entries, total, page, pageCount } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("audit");
  const location = useLocation();
  return (
    <div className="container page-section">
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>

      <section aria-labelledby="filters-title" className="mb-4">
        <h2 id="filters-title" className="h5">
          {t("filters.title")}
        </h2>
        <Form method="get" className="row g-3 align-items-end" key={location.search}>
          <div className="col-md-6 col-lg-3">
            <TextField name="q" type="search" label={t("filters.q")} defaultValue={filters.q} />
          </div>
          <div className="col-md-6 col-lg-3">
            <TextField name="actor" type="search" label={t("filters.actor")} defaultValue={filters.actor} />
          </div>
          <div className="col-md-4 col-lg-2">
            <SelectField
              name="targetType"
              label={t("filters.targetType")}
              defaultValue={filters.targetType}
              options={[{ value: "", label: t("filters.anyTarget") }, ...targetTypes.map((type) => ({ value: type, label: t(`targets.${type}`, { defaultValue: type }) }))]}
            />
          </div>
          <div className="col-md-4 col-lg-2">
            <TextField name="from" type="date" label={t("filters.from")} defaultValue={filters.from ?? ""} />
          </div>
          <div className="col-md-4 col-lg-2">
            <TextField name="to" type="date" label={t("filters.to")} defaultValue={filters.to ?? ""} />
          </div>
          <div className="col-12 d-flex gap-2">
            <button type="submit" className="btn btn-primary">
              {t("filters.submit")}
            </button>
            <Link to="/admin/audit" className="btn btn-outline-secondary">
              {t("filters.reset")}
            </Link>
          </div>
        </Form>
      </section>

      <p role="status">{t("results", { count: total })}</p>
      <p className="small">{t("timezone")}</p>
      {entries.length ? (
        <div className="table-responsive">
          <table className="table table-striped">
            <caption>{t("table.caption", { page, pages: pageCount })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("table.when")}</th>
                <th scope="col">{t("table.actor")}</th>
                <th scope="col">{t("table.action")}</th>
                <th scope="col">{t("table.target")}</th>
                <th scope="col">{t("table.summary")}</th>
                <th scope="col">{t("table.ip")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>
                    <time dateTime={entry.createdAt}>{formatDateTime(entry.createdAt, i18n.language)}</time>
                  </td>
                  <td>{entry.actor ? `${entry.actor.name} (${entry.actor.email})` : t("table.system")}</td>
                  {/* Codes an older release recorded and this one has no words for are shown as they are. */}
                  <td>{t(`actions.${entry.action}`, { defaultValue: entry.action })}</td>
                  <td>{entry.targetType ? t(`targets.${entry.targetType}`, { defaultValue: entry.targetType }) : ""}</td>
                  <td className="text-break">{entry.summary}</td>
                  <td>{entry.ipAddress ?? <span className="text-secondary">{t("table.noIp")}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t("empty")}</p>
      )}
      <Pagination page={page} pageCount={pageCount} />
    </div>
  );
}
