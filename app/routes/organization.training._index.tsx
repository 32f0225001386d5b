// /organization/training: the training hours of the members of the organizations a manager manages.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PeopleTable, YearFilter } from "~/components/training/ledger.tsx";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { requireOrganizationArea } from "~/modules/access/policy.server.ts";
import { currentYear, ledger, parseYear, targetHours } from "~/modules/training/ledger.server.ts";

export const meta = titleMeta("recordings:training.organizationTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, organizations } = await requireOrganizationArea(request);
  const year = parseYear(new URL(request.url).searchParams.get("year"));
  const people = await ledger({ organizationIds: organizations.map((o) => o.id) }, year);
  const now = currentYear();
  return json({ year, years: [now, now - 1, now - 2], target: targetHours(), people, locale: user.locale });
}

export default function OrganizationTrainingHours() {
  const { year, years, target, people, locale } = useLoaderData<typeof loader>();
  const { t } = useTranslation("recordings");
  return (
    <div className="container page-section">
      <h1>{t("training.organizationTitle")}</h1>
      <YearFilter year={year} years={years} />
      <p>
        <a className="btn btn-outline-primary" href={`/organization/training/csv?year=${year}`} download>
          {t("training.csvDownload")}
        </a>
      </p>
      <PeopleTable people={people} year={year} target={target} locale={locale} />
    </div>
  );
}
