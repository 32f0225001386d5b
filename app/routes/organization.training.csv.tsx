// /organization/training/csv?year=YYYY: the organization's training hours as CSV.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { translatorFor } from "~/lib/i18n/locale.server.ts";
import { defaultLocale, isLocale } from "~/lib/i18n/resources.ts";
import { requireOrganizationArea } from "~/modules/access/policy.server.ts";
import { csvResponse } from "~/modules/webinars/attendance/csv.ts";
import { ledger, ledgerCsv, parseYear } from "~/modules/training/ledger.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, organizations } = await requireOrganizationArea(request);
  const year = parseYear(new URL(request.url).searchParams.get("year"));
  const people = await ledger({ organizationIds: organizations.map((o) => o.id) }, year);
  const locale = isLocale(user.locale) ? user.locale : defaultLocale;
  return csvResponse(ledgerCsv(people, translatorFor(locale), locale), `ore-formazione-${year}.csv`);
}
