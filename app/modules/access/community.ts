// The community platform (forum, and later its file area): ONE set of visibility rules used by the
// forum pages, search, quotes, mentions and notifications alike (Discourse's guardian idea).
//
// Who uses the community at all: staff (tutors, admins), and members whose organization's active
// enrolments grant "community" (the PLUS kit). The entitlement is loaded on the server
// (entitlements.server.ts) and handed to these pure rules as `reach`.
//
// Spaces (categories, folders) have a visibility:
//   COMMUNITY  everyone who uses the community
//   STAFF      tutors and admins only
//   LAB        the members and tutors of one lab (labId; `reach.labIds`, from app/modules/labs).
//              A lab's discussion is part of the lab (INTERMEDIATE grants it without the community):
//              a member whose kit grants "lab" but not "community" uses the community for their
//              labs' spaces only.
// Things one may not see answer 404 (never 403), so ids cannot be probed.
import { allow, defineRules, deny, type ActorUser, type Decision } from "./core.ts";
import { isAdmin, isStaff } from "./roles.ts";

export type CommunityVisibility = "COMMUNITY" | "STAFF" | "LAB";

/** What the actor's enrolments and labs give them; built by the server for each request. */
export type CommunityReach = { entitled: boolean; labIds: readonly string[] };

export type SpaceItem = { visibility: CommunityVisibility | string; labId: string | null; reach: CommunityReach };
export type TopicItem = SpaceItem & { locked: boolean; hidden: boolean };
export type PostItem = TopicItem & { authorId: string; postHidden: boolean };

/** A file of the file area: its folder's space, its author, and whether it is soft-deleted. */
export type FileItem = SpaceItem & { authorId: string; deleted: boolean };

export const COMMUNITY_REFUSED = "community:errors.notEntitled";
export const COMMUNITY_NOT_FOUND = "community:errors.notFound";

function uses(actor: ActorUser, reach: CommunityReach): boolean {
  return isStaff(actor) || reach.entitled || reach.labIds.length > 0;
}

/** May the actor see a space with this visibility? (The one visibility rule.) */
export function seesSpace(actor: ActorUser, space: SpaceItem): boolean {
  if (!uses(actor, space.reach)) return false;
  if (isStaff(actor)) return true;
  if (space.visibility === "COMMUNITY") return space.reach.entitled;
  if (space.visibility === "LAB") return Boolean(space.labId && space.reach.labIds.includes(space.labId));
  return false;
}

/**
 * The same rule as a filter for queries over many spaces (lists, search, notifications):
 * `all` (staff), or the visibilities and labs the actor may see. `null` means nothing at all.
 */
export function visibleSpaces(actor: ActorUser | null, reach: CommunityReach): { all: true } | { all: false; community: boolean; labIds: string[] } | null {
  if (!actor || !uses(actor, reach)) return null;
  if (isStaff(actor)) return { all: true };
  return { all: false, community: reach.entitled, labIds: [...reach.labIds] };
}

const view = (actor: ActorUser, item: SpaceItem): Decision => (seesSpace(actor, item) ? allow : deny(COMMUNITY_NOT_FOUND));

export const communityRules = defineRules({
  /** The community at all (menu, home, search, notifications). */
  "community.use": (actor, reach: CommunityReach) => (uses(actor, reach) ? allow : deny(COMMUNITY_REFUSED)),
  /** Create, edit and order categories. */
  "community.category.manage": (actor) => (isAdmin(actor) ? allow : deny()),
  /** Pin, lock, hide, move, review flags, read edit histories. */
  "community.moderate": (actor) => (isStaff(actor) ? allow : deny()),
  "community.space.view": view,
  /** See a topic: its space, and a hidden topic only for moderators. */
  "community.topic.view": (actor, topic: TopicItem) => (!seesSpace(actor, topic) || (topic.hidden && !isStaff(actor)) ? deny(COMMUNITY_NOT_FOUND) : allow),
  /** Start a topic in a space. */
  "community.topic.create": view,
  /** Reply: a locked topic takes replies from moderators only. */
  "community.topic.reply": (actor, topic: TopicItem): Decision => {
    if (!seesSpace(actor, topic) || (topic.hidden && !isStaff(actor))) return deny(COMMUNITY_NOT_FOUND);
    return topic.locked && !isStaff(actor) ? deny("community:errors.locked") : allow;
  },
  /** Edit a post: its author (while the topic is open and the post not hidden) or a moderator. */
  "community.post.edit": (actor, post: PostItem): Decision => {
    if (!seesSpace(actor, post)) return deny(COMMUNITY_NOT_FOUND);
    if (isStaff(actor)) return allow;
    if (post.authorId !== actor.id || post.hidden) return deny(COMMUNITY_NOT_FOUND);
    return post.locked || post.postHidden ? deny("community:errors.locked") : allow;
  },
  /** Flag a post for review: anyone who sees it, not their own. */
  "community.post.flag": (actor, post: PostItem): Decision => {
    if (!seesSpace(actor, post) || (post.hidden && !isStaff(actor))) return deny(COMMUNITY_NOT_FOUND);
    return post.authorId === actor.id ? deny("community:errors.ownPost") : allow;
  },
  // ---- the file area: folders judged by the same rule (seesSpace) as categories ----
  /** Create folders (like categories). */
  "community.folder.manage": (actor) => (isAdmin(actor) ? allow : deny()),
  /** Rename a folder, change its visibility, delete it when empty: staff (tutors and admins). */
  "community.folder.edit": (actor) => (isStaff(actor) ? allow : deny()),
  /** Upload a new file into a folder one sees. */
  "community.file.upload": view,
  /** See a file and download its versions: its folder; a deleted file only for admins (who restore it). */
  "community.file.view": (actor, file: FileItem) => (!seesSpace(actor, file) || (file.deleted && !isAdmin(actor)) ? deny(COMMUNITY_NOT_FOUND) : allow),
  /** Upload a new version or delete: the author or staff (a deleted file changes no more). */
  "community.file.change": (actor, file: FileItem): Decision => {
    if (!seesSpace(actor, file) || (file.deleted && !isAdmin(actor))) return deny(COMMUNITY_NOT_FOUND);
    if (file.deleted) return deny("files:errors.deleted");
    return isStaff(actor) || file.authorId === actor.id ? allow : deny("files:errors.notYours");
  },
  /** The deleted files, and restoring one. */
  "community.file.restore": (actor) => (isAdmin(actor) ? allow : deny()),
});
