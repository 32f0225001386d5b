// /monitoring/csv?table=<section|kits>&<filters>: one dashboard table as CSV (every figure per kit
// when no table is named), in the same scope and with the same filters as the page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/lib/http.server.ts";
import { monitoringCsv, monitoringRequest } from "~/modules/monitoring/exports.server.ts";
import { isSection } from "~/modules/monitoring/tables.ts";
import { csvResponse } from "~/modules/webinars/attendance/csv.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const input = await monitoringRequest(request);
  const table = new URL(request.url).searchParams.get("table") ?? "kits";
  if (table !== "kits" && !isSection(table)) throw notFound();
  return csvResponse(monitoringCsv(input.data, table, input.locale), `monitoraggio-${table}-${input.filters.from}-${input.filters.to}.csv`);
}
