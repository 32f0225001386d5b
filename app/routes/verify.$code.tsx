// /verify/<code>: public verification of an attendance certificate (the QR code on the PDF leads
// here). Shows what the certificate certifies and nothing more; an unknown code is a plain 404,
// reached through the same work as a known one (the lookup is by the code's hash, always made).
// (Figures are computed in the loader: .server modules do not reach the browser.)
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DefinitionList } from "~/components/definition-list.tsx";
import { formatDate } from "~/lib/dates.ts";
import { forwardedHeaders, notFound } from "~/lib/http.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { hoursOf, verifyCertificate } from "~/modules/certificates/certificates.server.ts";

export const meta = titleMeta("recordings:verify.title", undefined, [{ name: "robots", content: "noindex" }]);
export const headers = forwardedHeaders;

const PRIVATE = { "Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer" };

export async function loader({ params }: LoaderFunctionArgs) {
  const certificate = await verifyCertificate(params.code ?? "");
  if (!certificate) throw notFound();
  return json(
    {
      code: certificate.code,
      holderName: certificate.holderName,
      organizationName: certificate.organizationName,
      webinarTitle: certificate.webinarTitle,
      webinarStartsAt: certificate.webinarStartsAt.toISOString(),
      creditedMinutes: certificate.creditedMinutes,
      hours: hoursOf(certificate.creditedMinutes),
      issuedAt: certificate.issuedAt.toISOString(),
    },
    { headers: PRIVATE },
  );
}

export default function VerifyCertificate() {
  const certificate = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("recordings");
  const locale = i18n.language;
  return (
    <div className="container page-section">
      <h1>{t("verify.title")}</h1>
      <div className="alert alert-success" role="status">
        {t("verify.valid")}
      </div>
      <DefinitionList
        rows={[
          [t("verify.holder"), certificate.holderName],
          ...(certificate.organizationName ? [[t("verify.organization"), certificate.organizationName] as [string, string]] : []),
          [t("verify.webinar"), certificate.webinarTitle],
          [t("verify.date"), formatDate(certificate.webinarStartsAt, locale)],
          [t("verify.hours"), t("verify.hoursValue", { hours: certificate.hours.toLocaleString(locale), minutes: certificate.creditedMinutes })],
          [t("verify.issued"), formatDate(certificate.issuedAt, locale)],
          [t("verify.code"), certificate.code],
        ]}
      />
    </div>
  );
}
