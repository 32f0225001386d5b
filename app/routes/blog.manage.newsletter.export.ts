// /blog/manage/newsletter/export: every subscriber with their consent record, as CSV (admins).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { romeDay } from "~/lib/dates.ts";
import { authorize } from "~/modules/access/policy.server.ts";
import { subscribersCsv } from "~/modules/blog/newsletter.server.ts";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await authorize(request, "newsletter.subscribers");
  const rows = subscribersCsv(user.id, { ipAddress: context.clientIp });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await rows.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="iscritti-newsletter-${romeDay(new Date())}.csv"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
