// Fixtures for the live page tests: a webinar (created here: the webinars helper writes the seed in
// parallel), people with their sessions, and calls to the page's loader, action and stream.
import { randomBytes } from "node:crypto";
import { db } from "~/lib/db.server.ts";
import { serveStream } from "~/lib/events/registry.server.ts";
import { handleWebhookEvent } from "~/modules/webinars/livekit/webhooks.server.ts";
import "~/modules/streams.server.ts";
import * as live from "~/routes/webinars.$slug.live.tsx";
import { createUser, sessionCookieFor } from "../helpers/fixtures.ts";
import { call, formRequest, getRequest } from "../helpers/requests.ts";
import { sseReader } from "../helpers/sse.ts";

type WebinarOverrides = Partial<Parameters<typeof db.webinar.create>[0]["data"]>;

export async function createWebinar(overrides: WebinarOverrides = {}) {
  const suffix = randomBytes(4).toString("hex");
  return db.webinar.create({
    data: {
      slug: `webinar-${suffix}`,
      title: `Webinar ${suffix}`,
      description: "Descrizione",
      status: "LIVE",
      audience: "PUBLIC",
      startsAt: new Date(Date.now() - 10 * 60_000),
      roomName: `room-${suffix}`,
      ...overrides,
    },
  });
}

/** Ends the webinar as in production: LiveKit tells that its room finished (after the start). */
export async function endWebinar(webinar: { roomName: string }) {
  const event = { event: "room_finished", room: { name: webinar.roomName }, createdAt: BigInt(Math.floor(Date.now() / 1000)) };
  expect(await handleWebhookEvent(event as unknown as Parameters<typeof handleWebhookEvent>[0])).toBe("handled");
}

export type Person = { id: string; name: string; cookie: string };

export async function person(overrides: Parameters<typeof createUser>[0] = {}): Promise<Person> {
  const user = await createUser(overrides);
  return { id: user.id, name: user.name, cookie: await sessionCookieFor(user.id) };
}

export async function withRole(webinarId: string, role: "HOST" | "SPEAKER" | "SUPPORT", overrides: Parameters<typeof createUser>[0] = {}) {
  const someone = await person(overrides);
  await db.webinarRole.create({ data: { webinarId, userId: someone.id, role } });
  return someone;
}

export const pagePath = (slug: string) => `/webinars/${slug}/live`;

export async function load(slug: string, who: Person, query = "") {
  return call(live.loader, getRequest(`${pagePath(slug)}${query}`, { cookie: who.cookie }), { slug });
}

export async function loadData(slug: string, who: Person, query = "") {
  const response = await load(slug, who, query);
  expect(response.status).toBe(200);
  return (await response.json()) as LoaderShape;
}

type LoaderShape = {
  messages: { id: string; author: string; html: string }[];
  questions: { id: string; author: string | null; askedBy?: string; body: string; state: string; votes: number; answer: string | null }[];
  myVotes: string[];
  polls: { id: string; state: string; total: number | null; options: { id: string; label: string; votes: number | null }[] }[];
  assist: { body: string; fromStaff: boolean }[];
  queue: { threadId: string; person: string; awaitingStaff: boolean; handledBy: string | null }[];
  seq: { room: number; staff: number; me: number };
  settings: { chatEnabled: boolean; slowModeSeconds: number };
  presence: number | null;
};

export async function act(slug: string, who: Person, fields: Record<string, string | string[]>) {
  return call(live.action, formRequest(pagePath(slug), fields, { cookie: who.cookie }), { slug });
}

/** Opens /events/webinar-live as the browser would (cookie, optional Last-Event-ID). */
export async function openStream(webinarId: string, who: Person | null, channel = "room", lastEventId?: number) {
  const url = `http://localhost:3000/events/webinar-live?webinar=${webinarId}&channel=${channel}${lastEventId !== undefined ? `&lastEventId=${lastEventId}` : ""}`;
  const request = new Request(url, { headers: who ? { Cookie: who.cookie } : {} });
  try {
    return await serveStream(request, "webinar-live");
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

export async function readStream(webinarId: string, who: Person | null, channel = "room", lastEventId?: number) {
  const response = await openStream(webinarId, who, channel, lastEventId);
  expect(response.status).toBe(200);
  const sse = sseReader(response);
  // The opening frame says the follower is in place.
  await vi.waitFor(() => expect(sse.comments).toContain("open"));
  return sse;
}

export const parsed = (frames: { event?: string; data?: string }[]) => frames.map((frame) => ({ event: frame.event, data: JSON.parse(frame.data ?? "null") as Record<string, unknown> }));
