// GET /calendar/<token>.ics: a person's calendar feed (secret URL, no session: calendar apps
// fetch it on their own). Unknown or revoked tokens: 404.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, TOKEN_PAGE_HEADERS } from "~/lib/http.server.ts";
import { calendarFeedFor } from "~/modules/webinars/calendar-feed.server.ts";

export async function loader({ params }: LoaderFunctionArgs) {
  const token = (params.token ?? "").replace(/\.ics$/, "");
  const body = await calendarFeedFor(token);
  if (body === null) throw notFound();
  return new Response(body, {
    headers: { "Content-Type": "text/calendar; charset=utf-8", "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff", "Referrer-Policy": TOKEN_PAGE_HEADERS["Referrer-Policy"] },
  });
}
