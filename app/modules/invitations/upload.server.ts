// Reads the CSV invitation form: a file upload (multipart, streamed and counted by
// app/lib/uploads) the first time, or the same bytes carried back base64-encoded in the hidden
// field `csvText` when the person confirms sending to the good rows only.
import { readUploadToMemory } from "~/lib/uploads/upload.server.ts";
import { CSV_MAX_BYTES } from "./limits.ts";

export type CsvForm =
  | { ok: true; bytes: Uint8Array; fields: Record<string, string>; fileName?: string }
  | { ok: false; status: number; problem: { key: string; values?: Record<string, string | number> }; fields: Record<string, string> };

export async function readCsvForm(request: Request): Promise<CsvForm> {
  const form = await readUploadToMemory(request, {
    maxBytes: CSV_MAX_BYTES,
    kinds: ["csv"],
    // The carried file: base64 is 4/3 of the bytes.
    maxFieldBytes: Math.ceil(CSV_MAX_BYTES / 3) * 4 + 1024,
    maxFields: 10,
  });
  const { csvText, ...fields } = form.fields;
  if (!form.ok) return { ok: false, status: form.problem.status, problem: { key: form.problem.key, values: form.problem.values }, fields };
  if (form.file) return { ok: true, bytes: form.file.bytes, fields, fileName: form.file.name };
  if (csvText?.trim()) return { ok: true, bytes: new Uint8Array(Buffer.from(csvText, "base64")), fields };
  return { ok: false, status: 400, problem: { key: "invitations:csv.problems.noFile" }, fields };
}
