// The one way an action reads a submitted form. `request.formData()` alone turns every body that
// is not a well-formed form (JSON, text, XML, no body, a multipart cut short) into a 500, and
// reads a body of any size into memory. Here the body is checked before and while it is read:
// a wrong type is a 415, a body over the limit a 413, a body that does not parse a 400, each
// thrown as a response the root error boundary renders as a localized page.
import { json } from "@remix-run/node";
import type { ErrorPayload } from "./http.server.ts";

/**
 * Largest body of an ordinary form. The biggest real one is the confirmation step of a CSV import
 * (the file's text carried in a hidden field, a few hundred KB at most); everything else is a few
 * KB. 1 MB leaves room for those and still refuses a large anonymous body after reading at most
 * 1 MB of it. Routes that take file uploads set their own limit (see UPLOAD_ROUTES).
 */
export const FORM_MAX_BYTES = 1024 * 1024;

/**
 * Routes that accept uploads, exempt from FORM_MAX_BYTES by name: they pass their own `maxBytes`
 * to readForm (or stream the upload with their own parser). Listed here so the exemption is a
 * visible decision (tests/integration/request-body.test.ts checks the names and each route's limit).
 */
export const UPLOAD_ROUTES = new Set(["admin.invitations.import", "admin.organizations.import", "organization.import", "webinars.$slug.recording._index", "blog.manage.images"]);

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

function refuse(status: 400 | 413 | 415, reason: string, values?: ErrorPayload["values"]): Response {
  return json<ErrorPayload>({ reason, values }, { status });
}

export function payloadTooLarge(maxBytes: number) {
  return refuse(413, "requests:tooLarge", { size: formatSize(maxBytes) });
}

function formatSize(bytes: number) {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/**
 * Reads the body up to maxBytes. It stops reading as soon as the limit is passed (a chunked body
 * announces no length) and leaves the rest unread, so a 200 MB body costs at most maxBytes of memory.
 */
async function readLimited(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) throw payloadTooLarge(maxBytes);
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof Response) throw error;
    // The client went away or sent a broken chunked encoding.
    throw refuse(400, "requests:unreadable");
  } finally {
    // Not cancel(): on Node that destroys the socket before the 413 page can be sent.
    reader.releaseLock();
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** The submitted form, or a thrown 400/413/415 response. */
export async function readForm(request: Request, options: { maxBytes?: number } = {}): Promise<FormData> {
  const maxBytes = options.maxBytes ?? FORM_MAX_BYTES;
  const contentType = request.headers.get("content-type") ?? "";
  const mediaType = contentType.split(";")[0].trim().toLowerCase();
  // A request with no body at all is a bad form, not a wrong type.
  if (!mediaType && (request.headers.get("content-length") ?? "0") === "0" && !request.headers.has("transfer-encoding")) {
    throw refuse(400, "requests:emptyBody");
  }
  if (!FORM_TYPES.includes(mediaType)) throw refuse(415, "requests:notAForm");
  if (mediaType === "multipart/form-data" && !/;\s*boundary=("[^"]+"|[^\s;]+)/i.test(contentType)) throw refuse(400, "requests:malformed");

  const declared = request.headers.get("content-length");
  if (declared !== null) {
    // Refused on the declared length before a byte is read.
    if (!/^\d+$/.test(declared)) throw refuse(400, "requests:malformed");
    if (Number(declared) > maxBytes) throw payloadTooLarge(maxBytes);
  }
  const body = await readLimited(request, maxBytes);
  try {
    // The body is complete and small now; the platform's parser does the rest.
    return await new Response(body, { headers: { "Content-Type": contentType } }).formData();
  } catch {
    throw refuse(400, "requests:malformed");
  }
}

/**
 * The same request with a body that fails (with a 413 response) once it passes maxBytes, for upload
 * routes that hand the stream to a multipart parser: a chunked upload announces no length.
 */
export function limitBody(request: Request, maxBytes: number): Request {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) throw payloadTooLarge(maxBytes);
  if (!request.body) return request;
  let total = 0;
  const counted = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        total += chunk.byteLength;
        if (total > maxBytes) controller.error(payloadTooLarge(maxBytes));
        else controller.enqueue(chunk);
      },
    }),
  );
  return new Request(request.url, { method: request.method, headers: request.headers, body: counted, signal: request.signal, duplex: "half" } as RequestInit);
}
