// /account/training/attestation?year=YYYY: the person's yearly training-hours attestation (PDF).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { defaultLocale, isLocale } from "~/lib/i18n/resources.ts";
import { requireUser } from "~/modules/auth/current-user.server.ts";
import { pdfResponse } from "~/modules/certificates/pdf.server.ts";
import { yearlyAttestationPdf } from "~/modules/training/attestation.server.ts";
import { ledger, parseYear, targetHours } from "~/modules/training/ledger.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const year = parseYear(new URL(request.url).searchParams.get("year"));
  const [person] = await ledger({ userIds: [user.id] }, year);
  const locale = isLocale(user.locale) ? user.locale : defaultLocale;
  const pdf = await yearlyAttestationPdf(person, year, targetHours(), locale);
  return pdfResponse(pdf, `ore-formazione-${year}.pdf`);
}
