// /account/training/certificates/<webinarId>: the person's attendance certificate (PDF), issued on
// first download once the webinar is over and their minutes reach its threshold.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { forbidden, notFound } from "~/lib/http.server.ts";
import { defaultLocale, isLocale } from "~/lib/i18n/resources.ts";
import { requireUser } from "~/modules/auth/current-user.server.ts";
import { certificatePdf } from "~/modules/certificates/attestation.server.ts";
import { certificateFor, eligibility } from "~/modules/certificates/certificates.server.ts";
import { pdfResponse } from "~/modules/certificates/pdf.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const webinarId = params.webinarId ?? "";
  const found = await eligibility(webinarId, user.id);
  // Nothing to certify (no such webinar, or the person never came): nothing is revealed.
  if (!found || (found.credit.liveSeconds === 0 && found.credit.replaySeconds === 0)) throw notFound();
  if (found.webinar.status !== "ENDED") throw forbidden("recordings:certificate.notOver");
  const certificate = await certificateFor(webinarId, user.id);
  if (!certificate) throw forbidden("recordings:certificate.notReached");
  const locale = isLocale(user.locale) ? user.locale : defaultLocale;
  return pdfResponse(await certificatePdf(certificate, locale), `attestato-${found.webinar.slug}.pdf`);
}
