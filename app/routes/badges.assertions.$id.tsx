// /badges/assertions/<id>: the Open Badges 2.0 hosted Assertion (JSON-LD), public (verifiers fetch
// it); 410 with { revoked: true } once revoked; 404 for an unknown id through the same lookup.
// /badges/assertions/<id>.png: the badge image baked with the assertion's URL.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/lib/http.server.ts";
import { JSON_LD_HEADERS, assertionJson, assertionUrl, badgePng, bakePng, findAssertion } from "~/modules/pathways/badges.server.ts";

export async function loader({ params }: LoaderFunctionArgs) {
  const raw = params.id ?? "";
  const image = raw.endsWith(".png");
  const row = await findAssertion(image ? raw.slice(0, -4) : raw);
  if (!row) throw notFound();
  if (image) {
    if (row.revokedAt) return new Response("Gone", { status: 410, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    const png = bakePng(await badgePng(row.pathway), assertionUrl(row.id));
    return new Response(new Uint8Array(png), {
      headers: { "Content-Type": "image/png", "Content-Disposition": `attachment; filename="badge-${row.id}.png"`, "Cache-Control": "private, max-age=300" },
    });
  }
  return new Response(JSON.stringify(assertionJson(row), null, 2), { status: row.revokedAt ? 410 : 200, headers: JSON_LD_HEADERS });
}
