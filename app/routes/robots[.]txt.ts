// /robots.txt: what crawlers may index, and where the sitemap is.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { conditionalResponse, robots } from "~/modules/blog/feeds.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  return conditionalResponse(request, robots(), "text/plain; charset=utf-8", null);
}
