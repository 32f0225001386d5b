// The blog and its newsletter: FPA's staff (tutors and admins) write posts; a tutor edits their own
// posts, an admin every post. The public reads only published posts: drafts and scheduled posts
// answer 404 to everyone who may not edit them (mayReadPost, which also answers visitors).
// Admins run the newsletter (subscribers are personal data: export and removal); staff send posts.
import { allow, defineRules, deny, type Actor, type ActorUser } from "./core.ts";
import { isAdmin, isStaff } from "./roles.ts";

export type BlogPostItem = { authorId: string | null; status: string };

const staffOnly = (actor: ActorUser) => (isStaff(actor) ? allow : deny());

function editsPost(actor: ActorUser, post: BlogPostItem) {
  if (isAdmin(actor)) return allow;
  return isStaff(actor) && post.authorId === actor.id ? allow : deny();
}

export const blogRules = defineRules({
  /** The editor's area (/blog/manage): list, write, preview, schedule. */
  "blog.manage": staffOnly,
  /** Edit, schedule, publish, unpublish, see the history of a post. */
  "blog.post.edit": (actor, post: BlogPostItem) => editsPost(actor, post),
  /** Send a published post (or a digest) to the newsletter's subscribers and follow the send. */
  "newsletter.send": staffOnly,
  /** The subscribers (personal data): list, export as CSV, remove. */
  "newsletter.subscribers": (actor) => (isAdmin(actor) ? allow : deny()),
});

/** Whether `actor` (a visitor too) may read `post`: published for all, otherwise its editors only. */
export function mayReadPost(actor: Actor, post: BlogPostItem): boolean {
  if (post.status === "PUBLISHED") return true;
  return actor ? editsPost(actor, post).allowed : false;
}
