// POST /webhooks/livekit (under /webhooks/, exempt from the same-origin guard: the signature authenticates it): LiveKit's webhooks (room started/finished, participants joined/left).
// Verified with the LiveKit key pair; not a form, so the body is read as text with its own cap.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { receiveWebhook } from "~/modules/webinars/livekit/webhooks.server.ts";

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return new Response("method not allowed", { status: 405, headers: { Allow: "POST" } });
  return receiveWebhook(request);
}

export function loader(_args: LoaderFunctionArgs) {
  return new Response("method not allowed", { status: 405, headers: { Allow: "POST" } });
}
