// /monitoring: the monitoring dashboards (issue 14). Admins see every organization, tutors the
// organizations of their labs, managers their organization and those it covers; filtered by
// period, kit and organization. Each section: an SVG chart per kit, its data table, the table per
// organization and its CSV; the whole page as a PDF report for funding.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField, TextField } from "~/components/forms.tsx";
import { DataTable, FilterCell, FilterForm } from "~/components/list-page.tsx";
import { BarChart } from "~/components/monitoring/bar-chart.tsx";
import { formatDate, romeDayStart } from "~/lib/dates.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { monitoringRequest } from "~/modules/monitoring/exports.server.ts";
import { filterQuery, KITS, PRESETS } from "~/modules/monitoring/filters.ts";
import { columnValue, formatNumber, isRate, SECTION_CHART, SECTION_COLUMNS, SECTIONS, type ColumnKey, type Section } from "~/modules/monitoring/tables.ts";

export const meta = titleMeta("monitoring:title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope, filters, data } = await monitoringRequest(request);
  return json({
    filters,
    data,
    all: scope.all,
    scopeSize: scope.organizations.length,
    choices: scope.organizations.map(({ id, name }) => ({ id, name })),
    query: filterQuery(filters),
  });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>["data"];

function SectionBlock({ section, data, query }: { section: Section; data: Data; query: string }) {
  const { t, i18n } = useTranslation("monitoring");
  const locale = i18n.language;
  const columns = SECTION_COLUMNS[section];
  const title = t(`sections.${section}.title`);
  const label = (key: ColumnKey) => t(`columns.${key}`);
  const show = (key: ColumnKey, figures: Parameters<typeof columnValue>[1]) => formatNumber(columnValue(key, figures, data.targetHours), locale);
  const [first, second] = SECTION_CHART[section];
  const kitName = (kit: string | null) => t(`kits.${kit ?? "none"}`);
  return (
    <section aria-labelledby={`section-${section}`} className="mb-5">
      <h2 id={`section-${section}`} className="h3">
        {title}
      </h2>
      <p>{t(`sections.${section}.note`, { year: data.year, target: data.targetHours })}</p>
      {data.kits.length ? (
        <BarChart
          title={t("chartTitle", { section: title })}
          description={t("chartDesc", { first: label(first), second: label(second) })}
          categories={data.kits.map((row) => kitName(row.kit))}
          series={[
            { label: label(first), values: data.kits.map((row) => columnValue(first, row, data.targetHours) ?? 0) },
            { label: label(second), values: data.kits.map((row) => columnValue(second, row, data.targetHours) ?? 0) },
          ]}
          format={(value) => formatNumber(value, locale)}
        />
      ) : null}
      <DataTable
        caption={t("byKitCaption", { section: title })}
        rows={data.kits}
        rowKey={(row) => row.kit ?? "none"}
        columns={[
          { header: t("columns.kit"), cell: (row) => kitName(row.kit), rowHeader: true },
          { header: t("columns.organizations"), cell: (row) => formatNumber(row.organizations, locale), className: "text-end" },
          ...columns.map((key) => ({ header: label(key), cell: (row: Data["kits"][number]) => show(key, row), className: "text-end" })),
        ]}
      />
      <DataTable
        caption={t("byOrganizationCaption", { section: title })}
        rows={data.organizations}
        rowKey={(row) => row.organizationId}
        columns={[
          { header: t("columns.organization"), cell: (row) => row.name, rowHeader: true },
          { header: t("columns.kit"), cell: (row) => kitName(row.kit) },
          ...columns.map((key) => ({ header: label(key), cell: (row: Data["organizations"][number]) => show(key, row), className: "text-end" })),
        ]}
      />
      <p>
        <a className="btn btn-outline-primary btn-sm" href={`/monitoring/csv?${query}&table=${section}`} download>
          {t("csvOf", { section: title })}
        </a>
      </p>
    </section>
  );
}

export default function Monitoring() {
  const { filters, data, all, scopeSize, choices, query } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("monitoring");
  const locale = i18n.language;
  const day = (value: string) => formatDate(romeDayStart(value), locale);
  return (
    <div className="container page-section">
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <p>{all ? t("scopeAll") : t("scopeCount", { count: scopeSize })}</p>
      <FilterForm title={t("filters.title")} resetTo="/monitoring" submitLabel={t("filters.submit")} resetLabel={t("filters.reset")}>
        <FilterCell width={4}>
          <SelectField
            name="preset"
            label={t("filters.preset")}
            defaultValue={filters.preset ?? ""}
            options={[{ value: "", label: t("filters.custom") }, ...PRESETS.map((preset) => ({ value: preset, label: t(`presets.${preset}`) }))]}
          />
        </FilterCell>
        <FilterCell width={4}>
          <TextField name="from" type="date" label={t("filters.from")} defaultValue={filters.from} />
        </FilterCell>
        <FilterCell width={4}>
          <TextField name="to" type="date" label={t("filters.to")} defaultValue={filters.to} />
        </FilterCell>
        <FilterCell width={4}>
          <SelectField name="kit" label={t("filters.kit")} defaultValue={filters.kit ?? ""} options={[{ value: "", label: t("filters.anyKit") }, ...KITS.map((kit) => ({ value: kit, label: t(`kits.${kit}`) }))]} />
        </FilterCell>
        {choices.length > 1 ? (
          <FilterCell width={8}>
            <SelectField
              name="organization"
              label={t("filters.organization")}
              defaultValue={filters.organizationId ?? ""}
              options={[{ value: "", label: t("filters.anyOrganization") }, ...choices.map((o) => ({ value: o.id, label: o.name }))]}
            />
          </FilterCell>
        ) : null}
      </FilterForm>
      <p className="fw-bold">{t("period", { from: day(data.from), to: day(data.to) })}</p>
      {scopeSize === 0 ? (
        <p>{t("emptyScope")}</p>
      ) : (
        <>
          <p className="d-flex flex-wrap gap-2">
            <a className="btn btn-primary" href={`/monitoring/report.pdf?${query}`} download>
              {t("pdf")}
            </a>
            <a className="btn btn-outline-primary" href={`/monitoring/csv?${query}&table=kits`} download>
              {t("csv")}
            </a>
          </p>
          <DataTable
            caption={t("summaryCaption")}
            rows={SECTIONS.flatMap((section) => SECTION_COLUMNS[section])}
            rowKey={(key) => key}
            columns={[
              { header: t("figure"), cell: (key) => t(`columns.${key}`), rowHeader: true },
              { header: t("value"), cell: (key) => formatNumber(columnValue(key, data.total, data.targetHours), locale, isRate(key) ? " %" : ""), className: "text-end" },
            ]}
          />
          {SECTIONS.map((section) => (
            <SectionBlock key={section} section={section} data={data} query={query} />
          ))}
        </>
      )}
    </div>
  );
}
