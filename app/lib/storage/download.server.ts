// Serving a stored file: always as an attachment with a safe file name (RFC 6266 / RFC 5987),
// `nosniff`, byte ranges for media players (206, 416), or a redirect to a short-lived signed
// URL when the backend has one and the caller prefers it (the bytes then bypass the app).
import { createReadableStreamFromReadable } from "@remix-run/node";
import type { ByteRange, Storage } from "./types.ts";

export type RangeRequest = { kind: "none" } | { kind: "range"; range: ByteRange } | { kind: "unsatisfiable" };

/**
 * Reads a Range header against the object's size. Only one `bytes=` range is honoured; a
 * multi-range or malformed header is ignored (RFC 9110 allows answering it with the whole file).
 */
export function parseRange(header: string | null, size: number): RangeRequest {
  if (!header) return { kind: "none" };
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === "" && match[2] === "")) return { kind: "none" };
  if (match[1] === "") {
    // Suffix range: the last N bytes.
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return { kind: "unsatisfiable" };
    return { kind: "range", range: { start: Math.max(0, size - suffix), end: size - 1 } };
  }
  const start = Number(match[1]);
  const end = match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (!Number.isSafeInteger(start) || start >= size || end < start) return { kind: "unsatisfiable" };
  return { kind: "range", range: { start, end } };
}

/**
 * `attachment; filename="ascii"; filename*=UTF-8''percent-encoded`: old clients read the ASCII
 * fallback, current ones the exact name. Path separators, quotes and control characters never
 * reach the header, whatever the stored name was.
 */
export function contentDisposition(fileName: string, type: "attachment" | "inline" = "attachment") {
  const cleaned =
    fileName
      .normalize("NFC")
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f-\u009f"\\/:*?<>|]+/g, "_")
      .replace(/^[.\s]+/, "")
      .trim()
      .slice(0, 180) || "file";
  const ascii = cleaned.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^\x20-\x7e]/g, "_").replace(/%/g, "_");
  const encoded = encodeURIComponent(cleaned).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export type DownloadOptions = {
  /** The name the person sees when saving; never used to find the file. */
  fileName: string;
  /** For S3: answer with a redirect to a signed URL instead of streaming through the app. */
  preferSignedUrl?: boolean;
  signedUrlSeconds?: number;
};

const baseHeaders = { "X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store" };

export async function downloadResponse(request: Request, store: Storage, key: string, options: DownloadOptions): Promise<Response> {
  const info = await store.head(key);
  if (!info) return new Response("Not found", { status: 404, headers: baseHeaders });
  const disposition = contentDisposition(options.fileName);
  if (options.preferSignedUrl && store.signedUrl) {
    const url = await store.signedUrl(key, { contentDisposition: disposition, contentType: info.contentType, expiresIn: options.signedUrlSeconds });
    return new Response(null, { status: 302, headers: { ...baseHeaders, Location: url } });
  }
  const headers: Record<string, string> = {
    ...baseHeaders,
    "Content-Type": info.contentType,
    "Content-Disposition": disposition,
    "Accept-Ranges": "bytes",
  };
  if (info.lastModified) headers["Last-Modified"] = info.lastModified.toUTCString();
  const wanted = parseRange(request.headers.get("Range"), info.size);
  if (wanted.kind === "unsatisfiable") {
    return new Response(null, { status: 416, headers: { ...headers, "Content-Range": `bytes */${info.size}` } });
  }
  const range = wanted.kind === "range" ? wanted.range : undefined;
  const object = await store.get(key, range);
  if (!object) return new Response("Not found", { status: 404, headers: baseHeaders });
  const body = request.method === "HEAD" ? null : createReadableStreamFromReadable(object.body);
  if (request.method === "HEAD") object.body.destroy();
  if (range) {
    headers["Content-Range"] = `bytes ${range.start}-${range.end}/${info.size}`;
    headers["Content-Length"] = String(range.end - range.start + 1);
    return new Response(body, { status: 206, headers });
  }
  headers["Content-Length"] = String(info.size);
  return new Response(body, { status: 200, headers });
}
