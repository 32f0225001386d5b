// /webinars/<slug>/check/probe: download (GET ?bytes=N) and upload (POST) samples for the network
// estimate of the device check page. Raw bytes, not a form: see probe.server.ts for the bounds.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { probeDownload, probeUpload } from "~/modules/webinars/livekit/probe.server.ts";

export function loader({ request, params }: LoaderFunctionArgs) {
  return probeDownload(request, params.slug);
}

export function action({ request, params }: ActionFunctionArgs) {
  return probeUpload(request, params.slug);
}
