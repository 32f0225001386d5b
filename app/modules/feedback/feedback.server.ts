// The footer's feedback form (AgID asks for one) and the admin list of what was written.
import { db } from "~/lib/db.server.ts";

export const FEEDBACK_PAGE_SIZE = 50;

export type FeedbackInput = { name?: string; email?: string; page?: string; message: string };

export async function saveFeedback(input: FeedbackInput, userId: string | null) {
  return db.feedback.create({
    data: {
      name: input.name ?? null,
      email: input.email ? input.email.toLowerCase() : null,
      page: input.page ?? null,
      message: input.message,
      userId,
    },
  });
}

/** One page of feedback, newest first. */
export async function listFeedback(page: number) {
  const [items, total] = await Promise.all([
    db.feedback.findMany({ orderBy: { createdAt: "desc" }, skip: (page - 1) * FEEDBACK_PAGE_SIZE, take: FEEDBACK_PAGE_SIZE }),
    db.feedback.count(),
  ]);
  return { items, page, pages: Math.max(1, Math.ceil(total / FEEDBACK_PAGE_SIZE)), total };
}
