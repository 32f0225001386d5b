// The network estimate of the device check: GET serves N incompressible bytes, POST reads (and
// discards) what is sent and says how much arrived. Only for those who may attend the webinar,
// and bounded, so it cannot become a free bandwidth source or sink.
import { randomBytes } from "node:crypto";
import { requireRoomWebinar } from "./room-page.server.ts";

export const PROBE_MAX_BYTES = 4 * 1024 * 1024;
export const PROBE_DEFAULT_BYTES = 1024 * 1024;
// One random block, repeated: incompressible for any proxy on the way, cheap to serve.
const BLOCK = randomBytes(64 * 1024);

const noStore = { "Cache-Control": "no-store", "Content-Encoding": "identity" };

function requestedBytes(url: URL) {
  const raw = url.searchParams.get("bytes");
  if (raw === null) return PROBE_DEFAULT_BYTES;
  if (!/^\d{1,9}$/.test(raw)) return null;
  const bytes = Number(raw);
  return bytes >= 1 && bytes <= PROBE_MAX_BYTES ? bytes : null;
}

export async function probeDownload(request: Request, slug: string | undefined) {
  await requireRoomWebinar(request, slug);
  const bytes = requestedBytes(new URL(request.url));
  if (bytes === null) return new Response(`bytes must be 1-${PROBE_MAX_BYTES}`, { status: 400, headers: noStore });
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      const chunk = BLOCK.subarray(0, Math.min(BLOCK.length, bytes - sent));
      sent += chunk.length;
      controller.enqueue(new Uint8Array(chunk));
    },
  });
  return new Response(body, { headers: { ...noStore, "Content-Type": "application/octet-stream", "Content-Length": String(bytes) } });
}

export async function probeUpload(request: Request, slug: string | undefined) {
  await requireRoomWebinar(request, slug);
  const declared = request.headers.get("content-length");
  if (declared !== null && (!/^\d+$/.test(declared) || Number(declared) > PROBE_MAX_BYTES)) return new Response("too large", { status: 413, headers: noStore });
  let received = 0;
  if (request.body) {
    const reader = request.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        received += value.byteLength;
        if (received > PROBE_MAX_BYTES) return new Response("too large", { status: 413, headers: noStore });
      }
    } catch {
      return new Response("unreadable", { status: 400, headers: noStore });
    } finally {
      reader.releaseLock();
    }
  }
  return Response.json({ bytes: received }, { headers: noStore });
}
