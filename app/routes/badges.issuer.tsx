// /badges/issuer: the Open Badges 2.0 issuer Profile (JSON-LD), public.
import { translatorFor } from "~/lib/i18n/locale.server.ts";
import { issuerProfile, JSON_LD_HEADERS } from "~/modules/pathways/badges.server.ts";

export async function loader() {
  const t = translatorFor("it");
  return new Response(JSON.stringify(issuerProfile(t("pathways:issuer.description")), null, 2), { headers: JSON_LD_HEADERS });
}
