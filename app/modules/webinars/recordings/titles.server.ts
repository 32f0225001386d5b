import { db } from "~/lib/db.server.ts";

/** The webinar's title for page headings. */
export async function webinarTitle(webinarId: string): Promise<string> {
  return (await db.webinar.findUnique({ where: { id: webinarId }, select: { title: true } }))?.title ?? "";
}
