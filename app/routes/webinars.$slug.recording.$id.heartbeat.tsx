// POST /webinars/<slug>/recording/<id>/heartbeat: the player reports the span of video played
// (from, to in seconds of video); the server marks those seconds watched, once each.
import { json, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { badRequest, notFound } from "~/lib/http.server.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { requireReplay } from "~/modules/webinars/recordings/access.server.ts";
import { recordHeartbeat, recordingOf, setDurationIfUnknown } from "~/modules/webinars/recordings/recordings.server.ts";

const schema = z.object({
  from: z.coerce.number().int().min(0).max(24 * 3600),
  to: z.coerce.number().int().min(0).max(24 * 3600),
  duration: z.coerce.number().int().min(0).max(24 * 3600).optional(),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, webinar } = await requireReplay(request, params.slug ?? "");
  const recording = await recordingOf(webinar.id, params.id ?? "");
  if (!recording) throw notFound();
  const parsed = schema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success || parsed.data.to < parsed.data.from) throw badRequest();
  if (recording.durationSeconds === null && parsed.data.duration) await setDurationIfUnknown(recording.id, parsed.data.duration);
  const watchedSeconds = await recordHeartbeat(recording.id, user.id, parsed.data.from, parsed.data.to);
  return json({ watchedSeconds });
}
