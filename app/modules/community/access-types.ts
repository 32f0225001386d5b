// Re-exports of the community's pure access rules for the community module (one rule set).
export { seesSpace, visibleSpaces, type CommunityReach, type FileItem, type PostItem, type SpaceItem, type TopicItem } from "~/modules/access/community.ts";
export type { ActorUser as ActorForCommunity } from "~/modules/access/core.ts";
