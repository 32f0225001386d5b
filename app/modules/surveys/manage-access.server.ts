// For the staff pages: the area first (so ids cannot be probed), then the survey (404 if missing),
// then the rule on the item.
import { notFound } from "~/lib/http.server.ts";
import { authorize, can, enforce } from "~/modules/access/policy.server.ts";
import { surveyItem } from "./access.server.ts";

export async function requireManagedSurvey(request: Request, id: string | undefined, action: "survey.edit" | "survey.results") {
  const user = await authorize(request, "surveys.manage");
  const item = id ? await surveyItem(id) : null;
  if (!item) throw notFound();
  enforce(can(user, action, item));
  return { user, item };
}
