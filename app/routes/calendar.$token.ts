// GET /calendar/<token>.ics: a person's one calendar feed (secret URL, no session: calendar apps
// fetch it on their own). Unknown or revoked tokens: 404. An ETag over the events (not the
// DTSTAMP, which is the time of the request) lets a calendar app revalidate with a 304.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, TOKEN_PAGE_HEADERS } from "~/lib/http.server.ts";
import { calendarFeedFor, feedEtag } from "~/modules/webinars/calendar-feed.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = (params.token ?? "").replace(/\.ics$/, "");
  const body = await calendarFeedFor(token);
  if (body === null) throw notFound();
  const etag = feedEtag(body);
  const headers = {
    ETag: etag,
    "Cache-Control": "private, no-cache",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": TOKEN_PAGE_HEADERS["Referrer-Policy"],
  };
  const ifNoneMatch = request.headers.get("if-none-match");
  if (ifNoneMatch && ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)) return new Response(null, { status: 304, headers });
  return new Response(body, { headers: { ...headers, "Content-Type": "text/calendar; charset=utf-8" } });
}
