// The kinds of file the app accepts, each recognised by its extension AND by its first bytes
// ("magic numbers"): a renamed executable is refused even with a .pdf name, and a real PDF is
// refused under a .png name. Each use of uploads passes its own allow-list of kinds.
// (Plain module, no .server: pages show the allowed extensions too.)

export type FileKind = "csv" | "txt" | "pdf" | "png" | "jpeg" | "gif" | "webp" | "mp4" | "webm" | "mp3" | "vtt" | "docx" | "xlsx" | "pptx" | "odt" | "ods" | "odp" | "zip";

type KindSpec = { extensions: string[]; contentType: string; matches: (head: Uint8Array) => boolean };

const startsWith = (head: Uint8Array, bytes: number[], offset = 0) => bytes.every((byte, i) => head[offset + i] === byte);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const isZip = (head: Uint8Array) => startsWith(head, ZIP);

const BINARY_SIGNATURES = [ZIP, ascii("%PDF-"), [0x89, 0x50, 0x4e, 0x47], [0xff, 0xd8, 0xff], ascii("GIF8"), ascii("RIFF"), [0x1a, 0x45, 0xdf, 0xa3], ascii("MZ"), [0x7f, 0x45, 0x4c, 0x46], [0x1f, 0x8b], ascii("7z"), ascii("Rar!"), [0xd0, 0xcf, 0x11, 0xe0]];

/**
 * Text as a CSV may be: no NUL byte in the first block and no binary signature. A UTF-16 byte
 * order mark is let through so the CSV reader can explain how to save the file as UTF-8.
 */
function looksLikeText(head: Uint8Array) {
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) return true;
  if (BINARY_SIGNATURES.some((signature) => startsWith(head, signature))) return false;
  return !head.includes(0);
}

export const FILE_KINDS: Record<FileKind, KindSpec> = {
  csv: { extensions: [".csv", ".txt"], contentType: "text/csv", matches: looksLikeText },
  txt: { extensions: [".txt"], contentType: "text/plain; charset=utf-8", matches: looksLikeText },
  pdf: { extensions: [".pdf"], contentType: "application/pdf", matches: (h) => startsWith(h, ascii("%PDF-")) },
  png: { extensions: [".png"], contentType: "image/png", matches: (h) => startsWith(h, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  jpeg: { extensions: [".jpg", ".jpeg"], contentType: "image/jpeg", matches: (h) => startsWith(h, [0xff, 0xd8, 0xff]) },
  gif: { extensions: [".gif"], contentType: "image/gif", matches: (h) => startsWith(h, ascii("GIF87a")) || startsWith(h, ascii("GIF89a")) },
  webp: { extensions: [".webp"], contentType: "image/webp", matches: (h) => startsWith(h, ascii("RIFF")) && startsWith(h, ascii("WEBP"), 8) },
  mp4: { extensions: [".mp4", ".m4v", ".m4a"], contentType: "video/mp4", matches: (h) => startsWith(h, ascii("ftyp"), 4) },
  webm: { extensions: [".webm"], contentType: "video/webm", matches: (h) => startsWith(h, [0x1a, 0x45, 0xdf, 0xa3]) },
  mp3: { extensions: [".mp3"], contentType: "audio/mpeg", matches: (h) => startsWith(h, ascii("ID3")) || (h[0] === 0xff && ((h[1] ?? 0) & 0xe0) === 0xe0) },
  // WebVTT captions: text starting with "WEBVTT" (after an optional UTF-8 byte order mark).
  vtt: { extensions: [".vtt"], contentType: "text/vtt; charset=utf-8", matches: (h) => startsWith(h, ascii("WEBVTT")) || startsWith(h, [0xef, 0xbb, 0xbf, ...ascii("WEBVTT")]) },
  // Office files are ZIP archives; the archive's inner layout is not checked (it would mean unzipping).
  docx: { extensions: [".docx"], contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", matches: isZip },
  xlsx: { extensions: [".xlsx"], contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", matches: isZip },
  pptx: { extensions: [".pptx"], contentType: "application/vnd.openxmlformats-officedocument.presentationml.presentation", matches: isZip },
  odt: { extensions: [".odt"], contentType: "application/vnd.oasis.opendocument.text", matches: isZip },
  ods: { extensions: [".ods"], contentType: "application/vnd.oasis.opendocument.spreadsheet", matches: isZip },
  odp: { extensions: [".odp"], contentType: "application/vnd.oasis.opendocument.presentation", matches: isZip },
  // A plain ZIP archive (its content is not inspected).
  zip: { extensions: [".zip"], contentType: "application/zip", matches: isZip },
};

/** Bytes read before deciding (enough for every signature above). */
export const SNIFF_BYTES = 4096;

export function extensionOf(fileName: string) {
  const base = fileName.split(/[\\/]/).pop() ?? "";
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot).toLowerCase() : "";
}

export function kindsForExtension(fileName: string, allowed: readonly FileKind[]): FileKind[] {
  const extension = extensionOf(fileName);
  return allowed.filter((kind) => FILE_KINDS[kind].extensions.includes(extension));
}

export function detectKind(head: Uint8Array, candidates: readonly FileKind[]): FileKind | undefined {
  return candidates.find((kind) => FILE_KINDS[kind].matches(head));
}

/** ".csv, .txt" for the pages and messages. */
export function allowedExtensions(kinds: readonly FileKind[]) {
  return [...new Set(kinds.flatMap((kind) => FILE_KINDS[kind].extensions))].join(", ");
}

export function formatBytes(bytes: number) {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  return `${Math.round(bytes / 1024)} KB`;
}
