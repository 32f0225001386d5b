// /admin/training: everyone's training hours of a year (admins).
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PeopleTable, YearFilter } from "~/components/training/ledger.tsx";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { authorize } from "~/modules/access/policy.server.ts";
import { currentYear, ledger, parseYear, targetHours } from "~/modules/training/ledger.server.ts";

export const meta = titleMeta("recordings:training.adminTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await authorize(request, "training.all");
  const year = parseYear(new URL(request.url).searchParams.get("year"));
  const people = await ledger("all", year);
  const now = currentYear();
  return json({ year, years: [now, now - 1, now - 2], target: targetHours(), people, locale: user.locale });
}

export default function AllTrainingHours() {
  const { year, years, target, people, locale } = useLoaderData<typeof loader>();
  const { t } = useTranslation("recordings");
  return (
    <div className="container page-section">
      <h1>{t("training.adminTitle")}</h1>
      <YearFilter year={year} years={years} />
      <p>
        <a className="btn btn-outline-primary" href={`/admin/training/csv?year=${year}`} download>
          {t("training.csvDownload")}
        </a>
      </p>
      <PeopleTable people={people} year={year} target={target} locale={locale} />
    </div>
  );
}
