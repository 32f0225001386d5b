// The certificate PDF of one webinar, in the holder's language.
import { formatDate } from "~/lib/dates.ts";
import { env } from "~/lib/env.server.ts";
import { translatorFor } from "~/lib/i18n/locale.server.ts";
import type { Locale } from "~/lib/i18n/resources.ts";
import { hoursOf, type CertificateRecord } from "./certificates.server.ts";
import { renderPdf } from "./pdf.server.ts";

export const verifyUrl = (code: string) => `${env().APP_URL.replace(/\/$/, "")}/verify/${code}`;

export function certificatePdf(certificate: CertificateRecord, locale: Locale): Promise<Buffer> {
  const t = translatorFor(locale);
  const hours = hoursOf(certificate.creditedMinutes).toLocaleString(locale === "it" ? "it-IT" : "en-GB");
  return renderPdf({
    title: t("recordings:certificate.pdfTitle"),
    lines: [
      { text: "CO-OP", size: 14, bold: true },
      { text: t("recordings:certificate.pdfTitle"), size: 24, bold: true, gapBefore: 2 },
      { text: t("recordings:certificate.certifies"), gapBefore: 2 },
      { text: certificate.holderName, size: 20, bold: true, gapBefore: 0.5 },
      ...(certificate.organizationName ? [{ text: certificate.organizationName, size: 14 }] : []),
      { text: t("recordings:certificate.attended"), gapBefore: 1 },
      { text: certificate.webinarTitle, size: 16, bold: true, gapBefore: 0.5 },
      { text: t("recordings:certificate.held", { date: formatDate(certificate.webinarStartsAt, locale) }), gapBefore: 0.5 },
      { text: t("recordings:certificate.hours", { hours, minutes: certificate.creditedMinutes }), size: 14, bold: true, gapBefore: 1 },
      { text: t("recordings:certificate.issued", { date: formatDate(certificate.issuedAt, locale) }), size: 10, gapBefore: 3 },
      { text: t("recordings:certificate.code", { code: certificate.code }), size: 12, bold: true, gapBefore: 0.5 },
    ],
    qr: { url: verifyUrl(certificate.code), caption: t("recordings:certificate.qrCaption", { url: verifyUrl(certificate.code) }) },
  });
}
