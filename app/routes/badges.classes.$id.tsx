// /badges/classes/<pathwayId>: the Open Badges 2.0 BadgeClass of a pathway (JSON-LD), public;
// /badges/classes/<pathwayId>.png: its image (not baked). 404 for an unknown pathway.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/lib/http.server.ts";
import { JSON_LD_HEADERS, badgeClass, badgePng, findPathwayForClass } from "~/modules/pathways/badges.server.ts";

export async function loader({ params }: LoaderFunctionArgs) {
  const raw = params.id ?? "";
  const image = raw.endsWith(".png");
  const pathway = await findPathwayForClass(image ? raw.slice(0, -4) : raw);
  if (!pathway) throw notFound();
  if (image) return new Response(new Uint8Array(await badgePng(pathway)), { headers: { "Content-Type": "image/png", "Cache-Control": "public, max-age=3600" } });
  return new Response(JSON.stringify(badgeClass(pathway), null, 2), { headers: JSON_LD_HEADERS });
}
