// /admin/training/csv?year=YYYY: everyone's training hours as CSV (admins).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { translatorFor } from "~/lib/i18n/locale.server.ts";
import { defaultLocale, isLocale } from "~/lib/i18n/resources.ts";
import { authorize } from "~/modules/access/policy.server.ts";
import { csvResponse } from "~/modules/webinars/attendance/csv.ts";
import { ledger, ledgerCsv, parseYear } from "~/modules/training/ledger.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await authorize(request, "training.all");
  const year = parseYear(new URL(request.url).searchParams.get("year"));
  const people = await ledger("all", year);
  const locale = isLocale(user.locale) ? user.locale : defaultLocale;
  return csvResponse(ledgerCsv(people, translatorFor(locale), locale), `ore-formazione-${year}.csv`);
}
