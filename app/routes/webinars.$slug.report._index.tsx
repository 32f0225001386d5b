// /webinars/<slug>/report: the attendance report (staff and the webinar's hosts): registrants and
// participants with join/leave times, live minutes and share of the duration, recording minutes,
// certificate threshold reached; totals per organization; the satisfaction results (surveys issue).
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/list-page.tsx";
import { formatDateTime } from "~/lib/dates.ts";
import { notFound } from "~/lib/http.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { attendanceReport, type OrganizationTotal, type ReportRow } from "~/modules/webinars/attendance/report.server.ts";
import { requireWebinarPower } from "~/modules/webinars/recordings/access.server.ts";

export const meta = titleMeta("recordings:report.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, webinar } = await requireWebinarPower(request, params.slug ?? "", "webinar.report");
  const report = await attendanceReport(webinar.id);
  if (!report) throw notFound();
  return json({ ...report, locale: user.locale });
}

export default function AttendanceReportPage() {
  const { webinar, rows, organizations, satisfaction, locale } = useLoaderData<typeof loader>();
  const { t } = useTranslation("recordings");
  const yesNo = (value: boolean) => (value ? t("report.yes") : t("report.no"));
  const when = (value: string | null) => (value ? formatDateTime(value, locale) : "—");
  return (
    <div className="container page-section">
      <h1>{t("report.heading", { title: webinar.title })}</h1>
      <p>
        {t("report.summary", {
          minutes: webinar.durationMinutes,
          threshold: webinar.certificateThresholdPercent,
          replay: webinar.replayCountsForCertificate ? t("report.replayCounts") : "",
        })}
      </p>
      <p>
        <a className="btn btn-outline-primary" href={`/webinars/${webinar.slug}/report/csv`} download>
          {t("report.download")}
        </a>
      </p>
      <h2>{t("report.people")}</h2>
      {rows.length === 0 ? (
        <p>{t("report.empty")}</p>
      ) : (
        <DataTable<ReportRow>
          caption={t("report.peopleCaption")}
          captionHidden
          rows={rows}
          rowKey={(row) => row.userId}
          columns={[
            { header: t("report.csv.name"), cell: (row) => row.name, rowHeader: true },
            { header: t("report.csv.organization"), cell: (row) => row.organization ?? t("report.noOrganization") },
            { header: t("report.csv.registered"), cell: (row) => yesNo(row.registered) },
            { header: t("report.csv.firstJoin"), cell: (row) => when(row.firstJoin) },
            { header: t("report.csv.lastLeave"), cell: (row) => when(row.lastLeave) },
            { header: t("report.csv.liveMinutes"), cell: (row) => String(row.liveMinutes) },
            { header: t("report.csv.livePercent"), cell: (row) => `${row.livePercent}%` },
            { header: t("report.csv.replayMinutes"), cell: (row) => String(row.replayMinutes) },
            { header: t("report.csv.certified"), cell: (row) => yesNo(row.certified) },
          ]}
        />
      )}
      <h2>{t("report.organizations")}</h2>
      {organizations.length === 0 ? (
        <p>{t("report.empty")}</p>
      ) : (
        <DataTable<OrganizationTotal>
          caption={t("report.organizationsCaption")}
          captionHidden
          rows={organizations}
          rowKey={(row) => row.organization ?? ""}
          columns={[
            { header: t("report.csv.organization"), cell: (row) => row.organization ?? t("report.noOrganization") },
            { header: t("report.csv.registrants"), cell: (row) => String(row.registrants) },
            { header: t("report.csv.attendedLive"), cell: (row) => String(row.attendedLive) },
            { header: t("report.csv.liveMinutes"), cell: (row) => String(row.liveMinutes) },
            { header: t("report.csv.replayMinutes"), cell: (row) => String(row.replayMinutes) },
            { header: t("report.csv.certified"), cell: (row) => String(row.certified) },
          ]}
        />
      )}
      {satisfaction ? (
        <>
          <h2>{t("report.satisfaction")}</h2>
          <p>{t("report.satisfactionResult", { responses: satisfaction.responses, average: satisfaction.average ?? "—" })}</p>
        </>
      ) : null}
    </div>
  );
}
