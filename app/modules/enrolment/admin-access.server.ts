// The enrolment an admin page works on: access first (deny by default), then a 404 if it is gone.
import { notFound } from "~/lib/http.server.ts";
import { authorize } from "~/modules/access/policy.server.ts";
import { getEnrolmentDetail } from "./enrolments.server.ts";

export async function requireEnrolment(request: Request, id: string | undefined, action: "enrolments.view" | "enrolments.manage") {
  const user = await authorize(request, action);
  const enrolment = await getEnrolmentDetail(id ?? "");
  if (!enrolment) throw notFound();
  return { user, enrolment };
}
