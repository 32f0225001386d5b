// /webinars/<slug>/recording/<id>/captions: the recording's WebVTT captions for the <track>.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/lib/http.server.ts";
import { storage } from "~/lib/storage/storage.server.ts";
import { requireReplay } from "~/modules/webinars/recordings/access.server.ts";
import { recordingOf } from "~/modules/webinars/recordings/recordings.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { webinar } = await requireReplay(request, params.slug ?? "");
  const recording = await recordingOf(webinar.id, params.id ?? "");
  if (!recording?.captionsKey) throw notFound();
  const object = await storage().get(recording.captionsKey);
  if (!object) throw notFound();
  const chunks: Buffer[] = [];
  for await (const chunk of object.body) chunks.push(chunk as Buffer);
  return new Response(new Uint8Array(Buffer.concat(chunks)), {
    headers: { "Content-Type": "text/vtt; charset=utf-8", "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" },
  });
}
