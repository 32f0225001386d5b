// /surveys/manage/:id/export?type=raw|aggregates: the results as CSV (tutors, admins), with the
// same small-group rule as the page and formula-like cells neutralized.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { translatorFor } from "~/lib/i18n/locale.server.ts";
import { isLocale } from "~/lib/i18n/resources.ts";
import { toCsv } from "~/modules/surveys/csv.ts";
import { requireManagedSurvey } from "~/modules/surveys/manage-access.server.ts";
import { aggregatesCsvRows, rawCsvRows } from "~/modules/surveys/results.server.ts";
import { defaultLikertLabels } from "~/modules/surveys/templates.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, item } = await requireManagedSurvey(request, params.id, "survey.results");
  const type = new URL(request.url).searchParams.get("type") === "raw" ? "raw" : "aggregates";
  const t = translatorFor(isLocale(user.locale) ? user.locale : "it");
  const all = t("surveys:results.all");
  const rows = type === "raw" ? await rawCsvRows(item.id, all) : await aggregatesCsvRows(item.id, defaultLikertLabels(user.locale), all);
  return new Response(toCsv(rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="survey-${item.id}-${type}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
