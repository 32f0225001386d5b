// The training-hours ledger's pieces: the year chooser, one person's webinars, everyone's totals.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/list-page.tsx";
import { formatDate } from "~/lib/dates.ts";

type Entry = { webinarId: string; title: string; startsAt: string; liveMinutes: number; replayMinutes: number; creditedMinutes: number; kind?: string };
type Person = { userId: string; name: string; email: string; organization: string | null; minutes: number; entries: Entry[] };

export const hoursText = (minutes: number, locale: string) => (Math.floor((minutes / 60) * 10) / 10).toLocaleString(locale === "it" ? "it-IT" : "en-GB");

export function YearFilter({ year, years }: { year: number; years: number[] }) {
  const { t } = useTranslation("recordings");
  return (
    <Form method="get" className="d-flex align-items-end gap-3 mb-4">
      <div>
        <label htmlFor="ledger-year" className="form-label d-block">
          {t("training.year")}
        </label>
        <select id="ledger-year" name="year" defaultValue={String(year)} className="form-select">
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="btn btn-outline-primary">
        {t("training.show")}
      </button>
    </Form>
  );
}

export function HoursProgress({ minutes, target, year, locale }: { minutes: number; target: number; year: number; locale: string }) {
  const { t } = useTranslation("recordings");
  const hours = Math.floor((minutes / 60) * 10) / 10;
  const percent = Math.min(100, Math.round((hours / target) * 100));
  return (
    <div className="mb-4">
      <p className="fw-bold mb-1" id="ledger-total">
        {t("training.total", { year, hours: hoursText(minutes, locale), target })}
      </p>
      <div className="progress" style={{ height: "1rem" }}>
        <div className="progress-bar" role="progressbar" aria-labelledby="ledger-total" aria-valuenow={hours} aria-valuemin={0} aria-valuemax={target} style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

export function EntriesTable({ entries, year, locale, certificateLinks }: { entries: Entry[]; year: number; locale: string; certificateLinks?: boolean }) {
  const { t } = useTranslation("recordings");
  if (entries.length === 0) return <p>{t("training.empty")}</p>;
  return (
    <DataTable<Entry>
      caption={t("training.entriesCaption", { year })}
      rows={entries}
      rowKey={(e) => e.webinarId}
      columns={[
        { header: t("training.csv.webinar"), cell: (e) => e.title, rowHeader: true },
        { header: t("training.csv.date"), cell: (e) => formatDate(e.startsAt, locale) },
        { header: t("training.csv.liveMinutes"), cell: (e) => String(e.liveMinutes) },
        { header: t("training.csv.replayMinutes"), cell: (e) => String(e.replayMinutes) },
        { header: t("training.csv.hours"), cell: (e) => hoursText(e.creditedMinutes, locale) },
        ...(certificateLinks
          ? [
              {
                header: t("certificate.pdfTitle"),
                cell: (e: Entry) =>
                  // Lab sessions have no certificate (their hours come from the register).
                  e.kind === "lab" ? (
                    "—"
                  ) : (
                    <a href={`/account/training/certificates/${e.webinarId}`} download>
                      {t("certificate.download")}
                      <span className="visually-hidden"> – {e.title}</span>
                    </a>
                  ),
              },
            ]
          : []),
      ]}
    />
  );
}

export function PeopleTable({ people, year, target, locale }: { people: Person[]; year: number; target: number; locale: string }) {
  const { t } = useTranslation("recordings");
  if (people.length === 0) return <p>{t("training.empty")}</p>;
  return (
    <DataTable<Person>
      caption={t("training.peopleCaption", { year })}
      rows={people}
      rowKey={(p) => p.userId}
      columns={[
        { header: t("training.csv.name"), cell: (p) => p.name, rowHeader: true },
        { header: t("training.csv.organization"), cell: (p) => p.organization ?? "—" },
        { header: t("training.csv.webinar"), cell: (p) => String(p.entries.length) },
        { header: t("training.csv.hours"), cell: (p) => t("training.hoursCell", { hours: hoursText(p.minutes, locale), target }) },
      ]}
    />
  );
}
