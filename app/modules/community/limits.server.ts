// Posting limits (Discourse's defaults): at least 5 s between one person's posts and 15 s between
// their topics; accounts younger than a day wait longer (30 s and 60 s).
import { db } from "~/lib/db.server.ts";

const DAY_MS = 24 * 3600 * 1000;
export const POSTING_LIMITS = {
  post: { seconds: 5, newAccountSeconds: 30 },
  topic: { seconds: 15, newAccountSeconds: 60 },
} as const;

/** Thrown when a person posts again too soon; `retryAfter` is in whole seconds. */
export class PostingLimitError extends Error {
  constructor(readonly retryAfter: number) {
    super("community:errors.tooFast");
    this.name = "PostingLimitError";
  }
}

export async function checkPostingLimit(userId: string, kind: "post" | "topic", now = new Date()) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { createdAt: true } });
  const young = !user || now.getTime() - user.createdAt.getTime() < DAY_MS;
  const limit = POSTING_LIMITS[kind];
  const seconds = young ? limit.newAccountSeconds : limit.seconds;
  const since = new Date(now.getTime() - seconds * 1000);
  const latest =
    kind === "topic"
      ? await db.communityTopic.findFirst({ where: { authorId: userId, createdAt: { gt: since } }, orderBy: { createdAt: "desc" }, select: { createdAt: true } })
      : await db.communityPost.findFirst({ where: { authorId: userId, createdAt: { gt: since } }, orderBy: { createdAt: "desc" }, select: { createdAt: true } });
  if (latest) throw new PostingLimitError(Math.max(1, Math.ceil((latest.createdAt.getTime() + seconds * 1000 - now.getTime()) / 1000)));
}
