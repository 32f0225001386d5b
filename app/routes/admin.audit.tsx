// /admin/audit: the activity log, searchable by text, author, object type and days (Rome time).
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField, TextField } from "~/components/forms.tsx";
import { formatDateTime } from "~/lib/dates.ts";
import { authorize } from "~/modules/access/policy.server.ts";
import { auditTargetTypes, parseAuditFilters, searchAudit } from "~/modules/audit/search.server.ts";
import { DataTable, FilterCell, FilterForm, ListResults } from "~/components/list-page.tsx";
import { titleMeta } from "~/lib/i18n/meta.ts";

export const meta = titleMeta("audit:title");

export async function loader({ request }: LoaderFunctionArgs) {
  await authorize(request, "audit.view");
  const filters = parseAuditFilters(new URL(request.url));
  const [result, targetTypes] = await Promise.all([searchAudit(filters), auditTargetTypes()]);
  return json({ filters, targetTypes, ...result });
}

export default function AuditLog() {
  const { filters, targetTypes, entries, total, page, pageCount } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("audit");
  return (
    <div className="container page-section">
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>

      <FilterForm title={t("filters.title")} resetTo="/admin/audit" submitLabel={t("filters.submit")} resetLabel={t("filters.reset")}>
        <FilterCell width={3}>
          <TextField name="q" type="search" label={t("filters.q")} defaultValue={filters.q} />
        </FilterCell>
        <FilterCell width={3}>
          <TextField name="actor" type="search" label={t("filters.actor")} defaultValue={filters.actor} />
        </FilterCell>
        <FilterCell width={2}>
          <SelectField
            name="targetType"
            label={t("filters.targetType")}
            defaultValue={filters.targetType}
            options={[{ value: "", label: t("filters.anyTarget") }, ...targetTypes.map((type) => ({ value: type, label: t(`targets.${type}`, { defaultValue: type }) }))]}
          />
        </FilterCell>
        <FilterCell width={2}>
          <TextField name="from" type="date" label={t("filters.from")} defaultValue={filters.from ?? ""} />
        </FilterCell>
        <FilterCell width={2}>
          <TextField name="to" type="date" label={t("filters.to")} defaultValue={filters.to ?? ""} />
        </FilterCell>
      </FilterForm>

      <p className="small">{t("timezone")}</p>
      <ListResults count={t("results", { count: total })} hasRows={entries.length > 0} empty={t("empty")} page={page} pageCount={pageCount}>
        <DataTable
          caption={t("table.caption", { page, pages: pageCount })}
          rows={entries}
          rowKey={(entry) => entry.id}
          columns={[
            { header: t("table.when"), cell: (entry) => <time dateTime={entry.createdAt}>{formatDateTime(entry.createdAt, i18n.language)}</time> },
            { header: t("table.actor"), cell: (entry) => (entry.actor ? `${entry.actor.name} (${entry.actor.email})` : t("table.system")) },
            // Codes an older release recorded and this one has no words for are shown as they are.
            { header: t("table.action"), cell: (entry) => t(`actions.${entry.action}`, { defaultValue: entry.action }) },
            { header: t("table.target"), cell: (entry) => (entry.targetType ? t(`targets.${entry.targetType}`, { defaultValue: entry.targetType }) : "") },
            { header: t("table.summary"), cell: (entry) => entry.summary, className: "text-break" },
            { header: t("table.ip"), cell: (entry) => entry.ipAddress ?? <span className="text-secondary">{t("table.noIp")}</span> },
          ]}
        />
      </ListResults>
    </div>
  );
}
