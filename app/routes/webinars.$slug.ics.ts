// GET /webinars/<slug>/ics: "Add to calendar", the webinar as an iCalendar file (same UID and
// SEQUENCE as the emailed invitation, so a calendar that has both keeps one event).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/lib/http.server.ts";
import { contentDisposition } from "~/lib/storage/download.server.ts";
import { getUser } from "~/modules/auth/current-user.server.ts";
import { icsSource } from "~/modules/webinars/catalogue.server.ts";
import { webinarCalendar } from "~/modules/webinars/ics.ts";
import { appUrl } from "~/modules/webinars/notify.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const webinar = params.slug ? await icsSource(request, user, params.slug) : null;
  if (!webinar) throw notFound();
  return new Response(webinarCalendar(webinar, { appUrl: appUrl(), method: "PUBLISH" }), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": contentDisposition(`${webinar.slug}.ics`),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
