// /webinars/<slug>/live/questions.csv: the webinar's Q&A for its hosts, speakers and support staff.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { forbidden } from "~/lib/http.server.ts";
import { resolveLocale } from "~/lib/i18n/locale.server.ts";
import { questionsCsv } from "~/modules/webinars/live/export.server.ts";
import { loadRoom } from "~/modules/webinars/live/room.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const room = await loadRoom(request, params.slug ?? "");
  if (!room.staff) throw forbidden();
  const csv = await questionsCsv(room, await resolveLocale(request, room.user.locale));
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="domande-${room.webinar.slug}.csv"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
