// /webinars/<slug>/recording/<id>/video: the recording's bytes for the player and for download.
// Range requests get 206 (416 when unsatisfiable) from local storage; on S3 a 302 to a
// short-lived signed URL (the bucket answers the ranges). Access: who may watch the replay.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/lib/http.server.ts";
import { downloadResponse } from "~/lib/storage/download.server.ts";
import { storage } from "~/lib/storage/storage.server.ts";
import { requireReplay } from "~/modules/webinars/recordings/access.server.ts";
import { recordingOf } from "~/modules/webinars/recordings/recordings.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { webinar } = await requireReplay(request, params.slug ?? "");
  const recording = await recordingOf(webinar.id, params.id ?? "");
  if (!recording?.storageKey) throw notFound();
  const extension = recording.contentType === "video/webm" ? "webm" : "mp4";
  const fileName = recording.fileName ?? `registrazione.${extension}`;
  return downloadResponse(request, storage(), recording.storageKey, { fileName, preferSignedUrl: true });
}
