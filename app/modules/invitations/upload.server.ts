// Reads the CSV invitation form: a file upload (multipart) the first time, or the file's text
// carried back in a hidden field when the person confirms sending to the good rows only.
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { limitBody, readForm } from "~/lib/request-body.server.ts";
import { CSV_MAX_BYTES } from "./csv.server.ts";

export type CsvForm =
  | { ok: true; text: string; fields: Record<string, string>; fileName?: string }
  | { ok: false; problem: { key: string; values?: Record<string, string | number> }; fields: Record<string, string> };

const tooLarge = { key: "invitations:csv.problems.fileTooLarge", values: { kb: CSV_MAX_BYTES / 1024 } };
// The hidden field holds the same text, plus form fields and encoding overhead.
const REQUEST_MAX_BYTES = CSV_MAX_BYTES * 4 + 16 * 1024;

function stringFields(formData: FormData) {
  const fields: Record<string, string> = {};
  for (const [key, value] of formData.entries()) if (typeof value === "string" && key !== "csvText") fields[key] = value;
  return fields;
}

export async function readCsvForm(request: Request): Promise<CsvForm> {
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > REQUEST_MAX_BYTES) return { ok: false, problem: tooLarge, fields: {} };
  let formData: FormData;
  try {
    const multipart = (request.headers.get("content-type") ?? "").startsWith("multipart/form-data");
    formData = multipart
      ? await unstable_parseMultipartFormData(limitBody(request, REQUEST_MAX_BYTES), unstable_createMemoryUploadHandler({ maxPartSize: CSV_MAX_BYTES + 1024 }))
      : await readForm(request, { maxBytes: REQUEST_MAX_BYTES });
  } catch (error) {
    // Over the limit while streaming: the same answer as an oversized declared length.
    if (error instanceof Response && error.status === 413) return { ok: false, problem: tooLarge, fields: {} };
    if (error instanceof Response && error.status !== 400) throw error;
    if (error instanceof MaxPartSizeExceededError) return { ok: false, problem: tooLarge, fields: {} };
    return { ok: false, problem: { key: "invitations:csv.problems.noFile" }, fields: {} };
  }
  const fields = stringFields(formData);
  const file = formData.get("file");
  if (file && typeof file !== "string" && file.size > 0) {
    if (file.size > CSV_MAX_BYTES) return { ok: false, problem: tooLarge, fields };
    return { ok: true, text: await file.text(), fields, fileName: file.name };
  }
  const carried = formData.get("csvText");
  if (typeof carried === "string" && carried.trim()) return { ok: true, text: carried, fields };
  return { ok: false, problem: { key: "invitations:csv.problems.noFile" }, fields };
}
