// The editor's page for one post: who may open it (area first, then the post, then the rule).
import { notFound } from "~/lib/http.server.ts";
import { authorize, can, enforce } from "~/modules/access/policy.server.ts";
import { findPostById } from "./posts.server.ts";

export async function requireEditablePost(request: Request, id: string | undefined) {
  const user = await authorize(request, "blog.manage");
  const post = await findPostById(id ?? "");
  if (!post) throw notFound();
  enforce(can(user, "blog.post.edit", post));
  return { user, post };
}
