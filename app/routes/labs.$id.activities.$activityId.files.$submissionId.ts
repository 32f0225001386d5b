// GET /labs/<id>/activities/<activityId>/files/<submissionId>: a submission's file, for its author
// and the lab's tutors and admins. Anyone else: 404 (the file's existence is not revealed).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/lib/http.server.ts";
import { downloadResponse } from "~/lib/storage/download.server.ts";
import { storage } from "~/lib/storage/storage.server.ts";
import { can } from "~/modules/access/policy.server.ts";
import { requireUser } from "~/modules/auth/current-user.server.ts";
import { requireLab } from "~/modules/labs/access.server.ts";
import { submissionFile } from "~/modules/labs/activities.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const item = await requireLab(user, params.id, "lab.view");
  const file = await submissionFile(item.id, params.activityId ?? "", params.submissionId ?? "");
  if (!file?.fileKey || (file.userId !== user.id && !can(user, "lab.manage", item).allowed)) throw notFound("labs:errors.submissionNotFound");
  return downloadResponse(request, storage(), file.fileKey, { fileName: file.fileName ?? "file" });
}
