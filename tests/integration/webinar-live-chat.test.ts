// Live chat of a webinar: sending (markdown subset, limits, bad input), the per-person rate limit
// and slow mode, moderation (hide, mute, chat off, remove) and the room's stream (order, replay
// after a dropped connection, a hidden message never replayed, access re-checked).
import { db } from "~/lib/db.server.ts";
import { eventBus } from "~/lib/events/index.server.ts";
import { closeAllStreams } from "~/lib/events/sse.server.ts";
import { CHAT_MAX_LENGTH } from "~/modules/webinars/live/limits.ts";
import { act, endWebinar, createWebinar, loadData, load, openStream, parsed, person, readStream, withRole, type Person } from "./webinar-live-helpers.ts";
import { formRequest, call } from "../helpers/requests.ts";
import * as live from "~/routes/webinars.$slug.live.tsx";

afterAll(() => {
  closeAllStreams();
});

// One message a second per person: tests that send twice move the person's clock back.
async function rewind(webinarId: string, who: Person) {
  await db.webinarLiveMember.updateMany({ where: { webinarId, userId: who.id }, data: { lastMessageAt: new Date(Date.now() - 120_000) } });
}

async function say(webinar: { id: string; slug: string }, who: Person, message: string) {
  await rewind(webinar.id, who);
  const response = await act(webinar.slug, who, { intent: "chat", message });
  expect(response.status, await response.clone().text()).toBe(302);
}

describe("sending", () => {
  it("shows a message to everyone on the page, rendered through the safe markdown subset", async () => {
    const webinar = await createWebinar();
    const [anna, bruno] = [await person({ name: "Anna Rossi" }), await person({ name: "Bruno Verdi" })];
    const response = await act(webinar.slug, anna, { intent: "chat", message: "Buongiorno **a tutti**, ecco [il piano](https://example.org) <script>alert(1)</script>" });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/webinars/${webinar.slug}/live#chat`);
    const page = await loadData(webinar.slug, bruno);
    expect(page.messages).toHaveLength(1);
    expect(page.messages[0].author).toBe("Anna Rossi");
    expect(page.messages[0].html).toContain("<strong>a tutti</strong>");
    expect(page.messages[0].html).toContain('rel="nofollow ugc noopener"');
    expect(page.messages[0].html).not.toContain("<script");
    expect(page.messages[0].html).toContain("&lt;script&gt;");
  });

  it.each([
    ["empty", "   ", "validation.required"],
    ["too long", "x".repeat(CHAT_MAX_LENGTH + 1), "validation.tooLong"],
    ["control characters", "ciao\u0000a tutti", "requests:controlCharacters"],
    ["a direction override", "ciao \u202e a tutti", "requests:controlCharacters"],
  ])("refuses a message that is %s with a message and keeps what was typed", async (_label, message, error) => {
    const webinar = await createWebinar();
    const anna = await person();
    const response = await act(webinar.slug, anna, { intent: "chat", message });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { fieldErrors: Record<string, string[]>; values: Record<string, string> };
    expect(body.fieldErrors.message[0]).toContain(error);
    expect(body.values.message).toBe(message);
    expect(await db.webinarChatMessage.count({ where: { webinarId: webinar.id } })).toBe(0);
  });

  it("refuses a 1 MB body with 413 before reading it", async () => {
    const webinar = await createWebinar();
    const anna = await person();
    const response = await call(live.action, formRequest(`/webinars/${webinar.slug}/live`, { intent: "chat", message: "x".repeat(1024 * 1024 + 10) }, { cookie: anna.cookie }), { slug: webinar.slug });
    expect(response.status).toBe(413);
    expect(await db.webinarChatMessage.count({ where: { webinarId: webinar.id } })).toBe(0);
  });

  it("allows one message a second per person, and slow mode raises the wait", async () => {
    const webinar = await createWebinar();
    const [anna, bruno] = [await person(), await person()];
    const host = await withRole(webinar.id, "HOST");
    expect((await act(webinar.slug, anna, { intent: "chat", message: "uno" })).status).toBe(302);
    const second = await act(webinar.slug, anna, { intent: "chat", message: "due" });
    expect(second.status).toBe(429);
    expect(((await second.json()) as { formError: string }).formError).toBe("webinarLive:errors.tooFast?count=1");
    // Someone else is not slowed down by Anna.
    expect((await act(webinar.slug, bruno, { intent: "chat", message: "tre" })).status).toBe(302);

    expect((await act(webinar.slug, host, { intent: "settings", chatEnabled: "on", slowModeSeconds: "30" })).status).toBe(302);
    await db.webinarLiveMember.updateMany({ where: { webinarId: webinar.id, userId: anna.id }, data: { lastMessageAt: new Date(Date.now() - 5_000) } });
    const slowed = await act(webinar.slug, anna, { intent: "chat", message: "quattro" });
    expect(slowed.status).toBe(429);
    expect(((await slowed.json()) as { formError: string }).formError).toBe("webinarLive:errors.tooFast?count=30");
    expect((await db.webinarChatMessage.findMany({ where: { webinarId: webinar.id }, orderBy: { createdAt: "asc" } })).map((m) => m.body)).toEqual(["uno", "tre"]);
  });

  it("lets only one of two simultaneous messages of the same person through", async () => {
    const webinar = await createWebinar();
    const anna = await person();
    const answers = await Promise.all([1, 2, 3].map((n) => act(webinar.slug, anna, { intent: "chat", message: `messaggio ${n}` })));
    expect(answers.map((a) => a.status).sort()).toEqual([302, 429, 429]);
    expect(await db.webinarChatMessage.count({ where: { webinarId: webinar.id } })).toBe(1);
  });

  it("refuses writing once the webinar has ended, and shows the archive", async () => {
    const webinar = await createWebinar();
    const anna = await person();
    await say(webinar, anna, "prima della fine");
    await endWebinar(webinar);
    const late = await act(webinar.slug, anna, { intent: "chat", message: "dopo la fine" });
    expect(late.status).toBe(409);
    const page = await loadData(webinar.slug, anna);
    expect(page.messages.map((m) => m.html)).toEqual(["<p>prima della fine</p>\n"]);
  });
});

describe("moderation", () => {
  it("hides a message: it vanishes live, is gone from the page, and a replaying client never receives its text", async () => {
    const webinar = await createWebinar();
    const [anna, bruno] = [await person(), await person()];
    const host = await withRole(webinar.id, "HOST");
    const watching = await readStream(webinar.id, bruno, "room", 0);
    await say(webinar, anna, "messaggio inopportuno");
    await say(webinar, anna, "messaggio normale");
    await vi.waitFor(() => expect(watching.events()).toHaveLength(2));
    const [bad] = parsed(watching.events());
    expect((await act(webinar.slug, bruno, { intent: "hide", id: String(bad.data.id) })).status).toBe(403);
    expect((await act(webinar.slug, host, { intent: "hide", id: String(bad.data.id) })).status).toBe(302);
    await vi.waitFor(() => expect(watching.events()).toHaveLength(3));
    expect(parsed(watching.events())[2]).toEqual({ event: "chat-hidden", data: { id: bad.data.id } });
    await watching.cancel();

    expect((await loadData(webinar.slug, bruno)).messages.map((m) => m.html)).toEqual(["<p>messaggio normale</p>\n"]);
    // A browser that reconnects from before the message: the text is not in the replay.
    const replay = await readStream(webinar.id, bruno, "room", 0);
    await vi.waitFor(() => expect(replay.events()).toHaveLength(3));
    const text = replay.frames.map((frame) => frame.data ?? "").join("\n");
    expect(text).not.toContain("inopportuno");
    expect(text).toContain("messaggio normale");
    await replay.cancel();
  });

  it("mutes a person: they read but cannot write, until unmuted", async () => {
    const webinar = await createWebinar();
    const anna = await person();
    const support = await withRole(webinar.id, "SUPPORT");
    expect((await act(webinar.slug, support, { intent: "mute", id: anna.id })).status).toBe(302);
    const refused = await act(webinar.slug, anna, { intent: "chat", message: "posso parlare?" });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { formError: string }).formError).toBe("webinarLive:errors.muted");
    expect((await load(webinar.slug, anna)).status).toBe(200);
    expect((await act(webinar.slug, support, { intent: "unmute", id: anna.id })).status).toBe(302);
    expect((await act(webinar.slug, anna, { intent: "chat", message: "ora sì" })).status).toBe(302);
    expect(await db.auditLog.count({ where: { action: { in: ["webinar-live.mute", "webinar-live.unmute"] }, targetId: anna.id } })).toBe(2);
  });

  it("turns the chat off and on for attendees; the change reaches open pages", async () => {
    const webinar = await createWebinar();
    const anna = await person();
    const host = await withRole(webinar.id, "HOST");
    const watching = await readStream(webinar.id, anna);
    expect((await act(webinar.slug, host, { intent: "settings", slowModeSeconds: "0" })).status).toBe(302);
    await vi.waitFor(() => expect(parsed(watching.events())).toEqual([{ event: "settings", data: { chatEnabled: false, slowModeSeconds: 0, qaPremoderated: false } }]));
    const refused = await act(webinar.slug, anna, { intent: "chat", message: "c'è qualcuno?" });
    expect(refused.status).toBe(409);
    expect((await act(webinar.slug, host, { intent: "chat", message: "La chat riapre tra poco" })).status).toBe(302);
    expect((await act(webinar.slug, host, { intent: "settings", chatEnabled: "on", slowModeSeconds: "0" })).status).toBe(302);
    expect((await act(webinar.slug, anna, { intent: "chat", message: "eccomi" })).status).toBe(302);
    await watching.cancel();
  });

  it("refuses moderation to attendees and an unknown slow-mode value", async () => {
    const webinar = await createWebinar();
    const anna = await person();
    const host = await withRole(webinar.id, "HOST");
    expect((await act(webinar.slug, anna, { intent: "settings", chatEnabled: "", slowModeSeconds: "0" })).status).toBe(403);
    expect((await act(webinar.slug, anna, { intent: "mute", id: host.id })).status).toBe(403);
    expect((await act(webinar.slug, host, { intent: "settings", chatEnabled: "on", slowModeSeconds: "7" })).status).toBe(400);
  });
});

describe("the room's stream", () => {
  it("delivers in order, and a reconnecting browser gets exactly what it missed", async () => {
    const webinar = await createWebinar();
    const [anna, bruno] = [await person(), await person()];
    const page = await loadData(webinar.slug, bruno);
    const first = await readStream(webinar.id, bruno, "room", page.seq.room);
    for (const n of [1, 2, 3]) await say(webinar, anna, `messaggio ${n}`);
    await vi.waitFor(() => expect(first.events()).toHaveLength(3));
    const lastSeen = first.ids().at(-1)!;
    await first.cancel();
    // Disconnected: more happens.
    for (const n of [4, 5]) await say(webinar, anna, `messaggio ${n}`);
    const again = await readStream(webinar.id, bruno, "room", lastSeen);
    await say(webinar, anna, "messaggio 6");
    await vi.waitFor(() => expect(again.events()).toHaveLength(3));
    const seen = [...parsed(first.events()), ...parsed(again.events())].map((e) => String(e.data.html));
    expect(seen).toEqual([1, 2, 3, 4, 5, 6].map((n) => `<p>messaggio ${n}</p>\n`));
    const ids = [...first.ids(), ...again.ids()];
    expect(ids).toEqual([...new Set(ids)].sort((a, b) => a - b));
    await again.cancel();
  });

  it("gives nothing to a visitor or to someone outside the webinar's audience", async () => {
    const webinar = await createWebinar({ audience: "KITS", audienceKits: { create: [{ kit: "PLUS" }] } });
    const outsider = await person();
    expect((await openStream(webinar.id, null)).status).toBe(403);
    expect((await openStream(webinar.id, outsider)).status).toBe(403);
    expect((await openStream(webinar.id, outsider, "staff")).status).toBe(403);
    expect((await load(webinar.slug, outsider)).status).toBe(403);
    const draft = await createWebinar({ status: "DRAFT" });
    expect((await openStream(draft.id, outsider)).status).toBe(404);
    expect((await load(draft.slug, outsider)).status).toBe(404);
  });

  it("ends the stream of a person removed mid-webinar and refuses them afterwards", async () => {
    const webinar = await createWebinar();
    const anna = await person();
    const host = await withRole(webinar.id, "HOST");
    const watching = await readStream(webinar.id, anna);
    expect((await act(webinar.slug, host, { intent: "remove", id: anna.id })).status).toBe(302);
    await vi.waitFor(() => expect(watching.ended()).toBe(true));
    await say(webinar, host, "dopo l'allontanamento");
    expect(watching.events()).toHaveLength(0);
    expect((await openStream(webinar.id, anna)).status).toBe(403);
    expect((await load(webinar.slug, anna)).status).toBe(403);
    expect((await act(webinar.slug, anna, { intent: "chat", message: "rientro?" })).status).toBe(403);
  });

  it("ends the stream of someone who loses access (their per-webinar role is taken away)", async () => {
    const webinar = await createWebinar({ audience: "ORGANIZATIONS" });
    const speaker = await withRole(webinar.id, "SPEAKER");
    const watching = await readStream(webinar.id, speaker);
    await db.webinarRole.deleteMany({ where: { webinarId: webinar.id, userId: speaker.id } });
    const { publishAccessChanged } = await import("~/lib/events/sse.server.ts");
    await publishAccessChanged([speaker.id]);
    await vi.waitFor(() => expect(watching.ended()).toBe(true));
  });

  it("keeps 400 allowed readers' streams through a re-check of all of them at once", async () => {
    const webinar = await createWebinar();
    const people = await Promise.all(Array.from({ length: 51 }, () => person()));
    const opened = await Promise.all(Array.from({ length: 400 }, (_, i) => openStream(webinar.id, people[1 + (i % 50)])));
    expect(new Set(opened.map((r) => r.status))).toEqual(new Set([200]));
    const watching = await readStream(webinar.id, people[0]);
    const { recheckAllStreams } = await import("~/lib/events/sse.server.ts");
    await recheckAllStreams();
    await say(webinar, people[0], "ancora qui");
    await vi.waitFor(() => expect(watching.events()).toHaveLength(1));
    expect(watching.ended()).toBe(false);
    await Promise.all(opened.map((r) => r.body?.cancel()));
  });

  it("stores each message and its event together", async () => {
    const webinar = await createWebinar();
    const anna = await person();
    const before = await eventBus().latestSeq(`webinar:${webinar.id}:room`);
    await say(webinar, anna, "uno");
    expect(await eventBus().latestSeq(`webinar:${webinar.id}:room`)).toBe(before + 1);
  });

  it("writes the person's room row with their first message only, not with every message", async () => {
    const webinar = await createWebinar();
    const anna = await person();
    const upsert = vi.spyOn(db.webinarLiveMember, "upsert");
    try {
      await say(webinar, anna, "uno");
      expect(upsert).toHaveBeenCalledTimes(1);
      await say(webinar, anna, "due");
      await say(webinar, anna, "tre");
      expect(upsert).toHaveBeenCalledTimes(1);
      expect((await loadData(webinar.slug, anna)).messages.map((message) => message.html)).toEqual(["<p>uno</p>\n", "<p>due</p>\n", "<p>tre</p>\n"]);
    } finally {
      upsert.mockRestore();
    }
  });
});

// Chat messages and votes read the webinar and the person's room row from copies held a few
// seconds per process (decision 0027): every change that matters drops them at once.
describe("changes reach people who have just written", () => {
  it("refuses the next message of a person muted after they wrote, with the muted message", async () => {
    const webinar = await createWebinar();
    const anna = await person();
    const support = await withRole(webinar.id, "SUPPORT");
    await say(webinar, anna, "prima");
    expect((await act(webinar.slug, support, { intent: "mute", id: anna.id })).status).toBe(302);
    await rewind(webinar.id, anna);
    const refused = await act(webinar.slug, anna, { intent: "chat", message: "e ancora" });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { formError: string }).formError).toBe("webinarLive:errors.muted");
    expect((await act(webinar.slug, support, { intent: "unmute", id: anna.id })).status).toBe(302);
    await say(webinar, anna, "di nuovo");
  });

  it("refuses the next message and vote of a person removed after they wrote", async () => {
    const webinar = await createWebinar();
    const anna = await person();
    const host = await withRole(webinar.id, "HOST");
    await say(webinar, anna, "prima");
    await act(webinar.slug, host, { intent: "ask", question: "Una domanda?" });
    const [question] = (await loadData(webinar.slug, host)).questions;
    expect((await act(webinar.slug, anna, { intent: "vote", id: question.id })).status).toBe(302);
    expect((await act(webinar.slug, host, { intent: "remove", id: anna.id })).status).toBe(302);
    await rewind(webinar.id, anna);
    expect((await act(webinar.slug, anna, { intent: "chat", message: "rientro?" })).status).toBe(403);
    expect((await act(webinar.slug, anna, { intent: "vote", id: question.id })).status).toBe(403);
    expect(await db.webinarChatMessage.count({ where: { webinarId: webinar.id } })).toBe(1);
    expect(await db.webinarQuestionVote.count({ where: { questionId: question.id } })).toBe(1);
  });

  it("lets a person given a support role write while the chat is off, and not once it is taken away", async () => {
    const webinar = await createWebinar();
    const host = await withRole(webinar.id, "HOST");
    const anna = await person();
    const { email } = await db.user.findUniqueOrThrow({ where: { id: anna.id } });
    expect((await act(webinar.slug, host, { intent: "settings", chatEnabled: "", slowModeSeconds: "0" })).status).toBe(302);
    expect((await act(webinar.slug, anna, { intent: "chat", message: "posso?" })).status).toBe(409);
    const { addRole, removeRole } = await import("~/modules/webinars/webinars.server.ts");
    await addRole(webinar.id, email, "SUPPORT", host.id, {});
    await say(webinar, anna, "ora sì, come assistenza");
    await removeRole(webinar.id, anna.id, "SUPPORT", host.id, {});
    await rewind(webinar.id, anna);
    expect((await act(webinar.slug, anna, { intent: "chat", message: "e adesso?" })).status).toBe(409);
  });
});
