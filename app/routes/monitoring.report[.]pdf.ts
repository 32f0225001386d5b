// /monitoring/report.pdf?<filters>: the organization report for funding (PNRR asks every action to
// be monitored): the period, the organization(s), every figure and the generation date.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { pdfResponse } from "~/modules/certificates/pdf.server.ts";
import { monitoringPdf, monitoringRequest } from "~/modules/monitoring/exports.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const input = await monitoringRequest(request);
  const pdf = await monitoringPdf(input);
  return pdfResponse(pdf, `report-monitoraggio-${input.filters.from}-${input.filters.to}.pdf`);
}
