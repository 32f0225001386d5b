// The yearly training-hours attestation PDF of one person.
import { formatDate } from "~/lib/dates.ts";
import { translatorFor } from "~/lib/i18n/locale.server.ts";
import type { Locale } from "~/lib/i18n/resources.ts";
import { renderPdf } from "~/modules/certificates/pdf.server.ts";
import { hoursOfMinutes, type LedgerPerson } from "./ledger.server.ts";

export function yearlyAttestationPdf(person: LedgerPerson, year: number, target: number, locale: Locale, now = new Date()): Promise<Buffer> {
  const t = translatorFor(locale);
  const number = (value: number) => value.toLocaleString(locale === "it" ? "it-IT" : "en-GB");
  return renderPdf({
    title: t("recordings:training.pdfTitle", { year }),
    lines: [
      { text: "CO-OP", size: 14, bold: true },
      { text: t("recordings:training.pdfTitle", { year }), size: 22, bold: true, gapBefore: 1.5 },
      { text: person.name, size: 18, bold: true, gapBefore: 1.5 },
      ...(person.organization ? [{ text: person.organization, size: 13 }] : []),
      { text: t("recordings:training.pdfTotal", { hours: number(hoursOfMinutes(person.minutes)), target, minutes: person.minutes }), size: 13, gapBefore: 1 },
      { text: t("recordings:training.pdfIssued", { date: formatDate(now, locale) }), size: 10, gapBefore: 0.5 },
    ],
    table: {
      header: [t("recordings:training.csv.date"), t("recordings:training.csv.webinar"), t("recordings:training.csv.creditedMinutes"), t("recordings:training.csv.hours")],
      rows: person.entries.map((e) => [formatDate(e.startsAt, locale), e.title, String(e.creditedMinutes), number(hoursOfMinutes(e.creditedMinutes))]),
      widths: [80, 260, 80, 60],
    },
  });
}
