// /files/file/<fileId>/v/<number>: one version of a file, for those who may see the file (404
// otherwise): an attachment with nosniff and byte ranges (local disk), or a short-lived signed URL (S3).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/lib/http.server.ts";
import { downloadResponse } from "~/lib/storage/download.server.ts";
import { storage } from "~/lib/storage/storage.server.ts";
import { requireCommunity } from "~/modules/community/access.server.ts";
import { loadFile } from "~/modules/community/files.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireCommunity(request);
  const { file } = await loadFile(viewer, params.fileId);
  const version = file.versions.find((v) => String(v.number) === params.number);
  if (!version) throw notFound("community:errors.notFound");
  return downloadResponse(request, storage(), version.storageKey, { fileName: version.fileName, preferSignedUrl: true });
}
