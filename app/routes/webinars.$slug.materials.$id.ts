// GET /webinars/<slug>/materials/<id>: download a material, for those who may attend (and, after
// the webinar, those who were registered). Anyone else: 404, the file's existence is not revealed.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/lib/http.server.ts";
import { downloadResponse } from "~/lib/storage/download.server.ts";
import { storage } from "~/lib/storage/storage.server.ts";
import { requireUser } from "~/modules/auth/current-user.server.ts";
import { mayReadMaterials } from "~/modules/webinars/catalogue.server.ts";
import { materialOf, webinarIdBySlug } from "~/modules/webinars/webinars.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const webinar = params.slug ? await webinarIdBySlug(params.slug) : null;
  if (!webinar || !(await mayReadMaterials(request, user, webinar.id))) throw notFound();
  const material = params.id ? await materialOf(webinar.id, params.id) : null;
  if (!material) throw notFound();
  return downloadResponse(request, storage(), material.storageKey, { fileName: material.fileName });
}
