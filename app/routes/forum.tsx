// /forum: the SPEC's stable address of the forum, permanently moved to /community.
import { redirect } from "@remix-run/node";

export function loader() {
  return redirect("/community", 301);
}
