// /account/training: the signed-in person's training hours of a year, against the yearly target,
// with each webinar's certificate and the yearly attestation PDF; then their badges (pathways) with
// the progress on each, and each badge once earned.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BadgesProgress } from "~/components/pathways/progress.tsx";
import { EntriesTable, HoursProgress, YearFilter } from "~/components/training/ledger.tsx";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { requireUser } from "~/modules/auth/current-user.server.ts";
import { badgesOf } from "~/modules/pathways/badges.server.ts";
import { currentYear, ledger, parseYear, targetHours } from "~/modules/training/ledger.server.ts";

export const meta = titleMeta("recordings:training.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const year = parseYear(new URL(request.url).searchParams.get("year"));
  const [[person], pathways] = await Promise.all([ledger({ userIds: [user.id] }, year), badgesOf(user.id)]);
  const now = currentYear();
  return json({ year, years: [now, now - 1, now - 2], target: targetHours(), minutes: person?.minutes ?? 0, entries: person?.entries ?? [], pathways, locale: user.locale });
}

export default function MyTrainingHours() {
  const { year, years, target, minutes, entries, pathways, locale } = useLoaderData<typeof loader>();
  const { t } = useTranslation("recordings");
  return (
    <section aria-labelledby="training-title">
      <h2 id="training-title">{t("training.title")}</h2>
      <YearFilter year={year} years={years} />
      <HoursProgress minutes={minutes} target={target} year={year} locale={locale} />
      <EntriesTable entries={entries} year={year} locale={locale} certificateLinks />
      <p className="mt-3">
        <a className="btn btn-outline-primary" href={`/account/training/attestation?year=${year}`} download>
          {t("training.attestation")}
        </a>
      </p>
      <BadgesProgress pathways={pathways} locale={locale} />
    </section>
  );
}
