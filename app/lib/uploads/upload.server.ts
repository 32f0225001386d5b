// Reading a form with a file upload as a stream (busboy), never holding the whole body:
//  - the size limit is counted while the bytes arrive; past it the request stops being read,
//    whatever was written is removed, and the answer is 413;
//  - the file's kind must be allowed by its extension AND match its first bytes (415 otherwise);
//  - a malformed or truncated body is a 400, a body that is no form at all a 415;
//  - the other form fields come back in every outcome, so the page can keep what was typed;
//  - storage keys are made by the server; the browser's file name is kept for display only.
// The same parser reads url-encoded forms (a confirmation step that carries no file).
import busboy from "busboy";
import { Readable } from "node:stream";
import { errorFields, logger } from "~/lib/logger.server.ts";
import { newStorageKey } from "~/lib/storage/keys.ts";
import type { Storage } from "~/lib/storage/types.ts";
import { FILE_KINDS, SNIFF_BYTES, allowedExtensions, detectKind, formatBytes, kindsForExtension, type FileKind } from "./file-kinds.ts";

export type UploadProblem = { status: 400 | 413 | 415; key: string; values?: Record<string, string | number> };

export type UploadRule = {
  /** The file input's name. */
  field?: string;
  maxBytes: number;
  kinds: readonly FileKind[];
  /** Limit for each ordinary field (a carried-back CSV text needs more than the default 64 KB). */
  maxFieldBytes?: number;
  maxFields?: number;
};

export type UploadedFile = {
  /** The browser's file name, cleaned, for display and Content-Disposition only. */
  name: string;
  kind: FileKind;
  contentType: string;
  size: number;
};

export type UploadResult<F> =
  | { ok: true; fields: Record<string, string>; file?: F }
  | { ok: false; problem: UploadProblem; fields: Record<string, string> };

class UploadRefused extends Error {
  constructor(readonly problem: UploadProblem) {
    super(problem.key);
  }
}

const FORM_TYPES = ["multipart/form-data", "application/x-www-form-urlencoded"];
const DEFAULT_FIELD_BYTES = 64 * 1024;
const DEFAULT_FIELDS = 50;
const DISCARD_MAX_BYTES = 8 * 1024 * 1024;

/** The name a person gave the file, without any folder part or control characters. */
export function displayName(fileName: string) {
  const base = fileName.split(/[\\/]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex
  return base.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 200);
}

/**
 * Cancelling a request body destroys the socket, and a browser still sending would then show a
 * connection error instead of our 413 page. So the rest of a refused body is read and thrown
 * away (nothing is kept), as nginx's lingering close does, up to DISCARD_MAX_BYTES; past that
 * the connection is cut.
 */
function discardRest(source: Readable) {
  let discarded = 0;
  source.on("error", () => undefined);
  source.on("data", (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > DISCARD_MAX_BYTES) source.destroy();
  });
  source.resume();
}

type Sink<F> = (body: Readable, file: Omit<UploadedFile, "size">) => Promise<F>;

async function readUpload<F extends UploadedFile>(request: Request, rule: UploadRule, sink: Sink<F>, discard: (file: F) => Promise<void>): Promise<UploadResult<F>> {
  const fields: Record<string, string> = {};
  const field = rule.field ?? "file";
  const maxFieldBytes = rule.maxFieldBytes ?? DEFAULT_FIELD_BYTES;
  const maxFields = rule.maxFields ?? DEFAULT_FIELDS;
  const tooLarge: UploadProblem = { status: 413, key: "uploads:errors.tooLarge", values: { max: formatBytes(rule.maxBytes) } };
  const refuse = (problem: UploadProblem): UploadResult<F> => ({ ok: false, problem, fields });

  const contentType = request.headers.get("content-type") ?? "";
  if (!FORM_TYPES.some((type) => contentType.toLowerCase().startsWith(type))) return refuse({ status: 415, key: "uploads:errors.notAForm" });
  // A declared length past everything the form may hold is refused before reading a byte.
  const declared = Number(request.headers.get("content-length") ?? "");
  // (One large field, e.g. a confirmation carrying a file back, or one file, plus small fields.)
  if (Number.isFinite(declared) && declared > Math.max(rule.maxBytes, maxFieldBytes) + 64 * 1024) {
    if (request.body) discardRest(Readable.fromWeb(request.body as import("node:stream/web").ReadableStream<Uint8Array>));
    return refuse(tooLarge);
  }

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      defParamCharset: "utf8",
      // busboy's own file limit sits one byte past ours: our count below decides, busboy only
      // makes sure it never buffers more.
      limits: { fileSize: rule.maxBytes + 1, files: 1, fields: maxFields, fieldSize: maxFieldBytes, parts: maxFields + 1 },
    });
  } catch {
    // e.g. multipart without a boundary
    return refuse({ status: 400, key: "uploads:errors.malformed" });
  }
  const source = request.body ? Readable.fromWeb(request.body as import("node:stream/web").ReadableStream<Uint8Array>) : Readable.from([]);

  let stored: F | undefined;
  let fileWork: Promise<void> = Promise.resolve();
  let failure: UploadProblem | undefined;
  let currentFile: Readable | undefined;
  let finish = () => {};
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const fail = (problem: UploadProblem) => {
    // The first problem wins: a later "unexpected end" caused by stopping is not the cause.
    if (failure) return;
    failure = problem;
    source.unpipe(parser);
    // Not from inside busboy's own event (it still touches its state after emitting).
    setImmediate(() => {
      currentFile?.destroy(new UploadRefused(problem));
      parser.destroy();
    });
    discardRest(source);
    finish();
  };

  // The visitor sees "malformed"; the log keeps the cause (a parser complaint, a client that hung
  // up, a storage failure), which the message alone would hide.
  const malformed = (where: string) => (error: unknown) => {
    if (!failure) logger.warn("upload refused as malformed", { where, ...errorFields(error) });
    fail({ status: 400, key: "uploads:errors.malformed" });
  };

  parser.on("field", (name, value, info) => {
    if (info.valueTruncated) return fail({ status: 413, key: "uploads:errors.fieldTooLarge" });
    fields[name] = value;
  });
  parser.on("fieldsLimit", () => fail({ status: 413, key: "uploads:errors.tooManyFields" }));
  parser.on("partsLimit", () => fail({ status: 413, key: "uploads:errors.tooManyFields" }));
  parser.on("filesLimit", () => fail({ status: 400, key: "uploads:errors.oneFile" }));
  parser.on("file", (name, stream, info) => {
    if (name !== field || stored || failure) {
      stream.resume();
      return;
    }
    currentFile = stream;
    // busboy saw one byte more than allowed: stop now, before the sink catches up.
    stream.once("limit", () => fail(tooLarge));
    fileWork = (async () => {
      const fileName = displayName(info.filename ?? "");
      const candidates = kindsForExtension(fileName, rule.kinds);
      let size = 0;
      const chunks = stream[Symbol.asyncIterator]();
      // Read the first block to recognise the content before anything is stored.
      const headParts: Buffer[] = [];
      let headLength = 0;
      let ended = false;
      while (headLength < SNIFF_BYTES) {
        const next = await chunks.next();
        if (next.done) {
          ended = true;
          break;
        }
        headParts.push(next.value as Buffer);
        headLength += (next.value as Buffer).length;
      }
      const head = Buffer.concat(headParts);
      // A form sent without choosing a file has an empty part with no name.
      if (head.length === 0 && !fileName) return;
      if (candidates.length === 0) throw new UploadRefused({ status: 415, key: "uploads:errors.wrongExtension", values: { allowed: allowedExtensions(rule.kinds) } });
      const kind = detectKind(head, candidates);
      if (!kind && head.length === 0) throw new UploadRefused({ status: 400, key: "uploads:errors.emptyFile" });
      if (!kind) throw new UploadRefused({ status: 415, key: "uploads:errors.wrongContent", values: { allowed: allowedExtensions(rule.kinds) } });
      size = head.length;
      if (size > rule.maxBytes) throw new UploadRefused(tooLarge);
      async function* counted() {
        yield head;
        if (ended) return;
        for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
          size += (next.value as Buffer).length;
          if (size > rule.maxBytes) throw new UploadRefused(tooLarge);
          yield next.value as Buffer;
        }
      }
      const result = await sink(Readable.from(counted(), { objectMode: false }), { name: fileName, kind, contentType: FILE_KINDS[kind].contentType });
      stored = { ...result, size };
    })().catch((error: unknown) => {
      stream.resume();
      if (error instanceof UploadRefused) fail(error.problem);
      else malformed("file")(error);
    });
  });
  parser.on("error", malformed("parser"));
  parser.on("close", () => finish());
  source.on("error", malformed("body"));
  source.pipe(parser);
  await finished;
  await fileWork;
  if (failure) {
    if (stored) await discard(stored).catch(() => undefined);
    return refuse(failure);
  }
  return { ok: true, fields, file: stored };
}

export type StoredUpload = UploadedFile & { key: string };

/** Streams the file into `store` under a new key below `keyPrefix`. */
export function readUploadToStorage(request: Request, rule: UploadRule & { storage: Storage; keyPrefix: string }) {
  return readUpload<StoredUpload>(
    request,
    rule,
    async (body, file) => {
      const key = newStorageKey(rule.keyPrefix);
      const info = await rule.storage.put(key, body, { contentType: file.contentType });
      return { ...file, key, size: info.size };
    },
    (file) => rule.storage.delete(file.key),
  );
}

export type BufferedUpload = UploadedFile & { bytes: Uint8Array };

// Files read into memory must be small: the same counting applies, so this bound is real.
const MEMORY_MAX_BYTES = 8 * 1024 * 1024;

/** For small files that are parsed whole anyway (CSV imports): the same checks, bytes kept in memory. */
export function readUploadToMemory(request: Request, rule: UploadRule) {
  if (rule.maxBytes > MEMORY_MAX_BYTES) throw new Error(`readUploadToMemory is for files up to ${MEMORY_MAX_BYTES} bytes`);
  return readUpload<BufferedUpload>(
    request,
    rule,
    async (body, file) => {
      const parts: Buffer[] = [];
      for await (const chunk of body) parts.push(chunk as Buffer);
      const bytes = new Uint8Array(Buffer.concat(parts));
      return { ...file, bytes, size: bytes.length };
    },
    async () => undefined,
  );
}
