// The enrolment an admin page works on. Deny by default: first the staff area (so a member cannot
// probe which ids exist), then a 404 if it is gone, then the rule for this enrolment (tutors read,
// only admins change).
import { notFound } from "~/lib/http.server.ts";
import { authorize, can, enforce } from "~/modules/access/policy.server.ts";
import { getEnrolmentDetail } from "./enrolments.server.ts";

export async function requireEnrolment(request: Request, id: string | undefined, action: "enrolment.view" | "enrolment.change") {
  const user = await authorize(request, "enrolments.view");
  const enrolment = await getEnrolmentDetail(id ?? "");
  if (!enrolment) throw notFound();
  enforce(can(user, action, enrolment));
  return { user, enrolment };
}
