// /sitemap.xml: the public pages, with every published post, tag and author page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { conditionalResponse, sitemap } from "~/modules/blog/feeds.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const map = await sitemap();
  return conditionalResponse(request, map.body, "application/xml; charset=utf-8", map.updated);
}
