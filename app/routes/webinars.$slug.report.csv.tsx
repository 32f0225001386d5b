// /webinars/<slug>/report/csv: the attendance report as CSV (same access as the page).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/lib/http.server.ts";
import { translatorFor } from "~/lib/i18n/locale.server.ts";
import { defaultLocale, isLocale } from "~/lib/i18n/resources.ts";
import { csvResponse } from "~/modules/webinars/attendance/csv.ts";
import { attendanceReport, reportCsv } from "~/modules/webinars/attendance/report.server.ts";
import { requireWebinarPower } from "~/modules/webinars/recordings/access.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, webinar } = await requireWebinarPower(request, params.slug ?? "", "webinar.report");
  const report = await attendanceReport(webinar.id);
  if (!report) throw notFound();
  const locale = isLocale(user.locale) ? user.locale : defaultLocale;
  return csvResponse(reportCsv(report, translatorFor(locale), locale), `presenze-${report.webinar.slug}.csv`);
}
