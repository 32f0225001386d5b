// The forum as members and staff meet it: who gets in (PLUS members and staff; BASIC members and
// visitors are refused), staff-only categories invisible to members everywhere (category, topic,
// quote, edit, mention), topics and replies with permalinks, unread counts, concurrent replies
// keeping the counters right, posting limits, flags hiding a post at three, XSS inert.
import { db } from "~/lib/db.server.ts";
import { formatDateTime } from "~/lib/dates.ts";
import { loader as homeLoader } from "~/routes/community._index.tsx";
import { action as categoryAction, loader as categoryLoader } from "~/routes/community.c.$categoryId.tsx";
import { action as topicAction, loader as topicLoader } from "~/routes/community.t.$topicId.tsx";
import { loader as editLoader } from "~/routes/community.p.$postId.edit.tsx";
import { action as editAction } from "~/routes/community.p.$postId.edit.tsx";
import { loader as reviewLoader } from "~/routes/community.review.tsx";
import { COOK_VERSION, rebakePosts } from "~/modules/community/forum.server.ts";
import { XSS_CORPUS } from "../fixtures/xss-corpus.ts";
import { unsafeParts } from "../helpers/html-safety.ts";
import { call, formRequest, getRequest } from "../helpers/requests.ts";
import { ageLastPosts, category, enrolledOrganization, person } from "./community-helpers.ts";

type Person = Awaited<ReturnType<typeof person>>;
let plus: Person, colleague: Person, basic: Person, tutor: Person, admin: Person;
let open: { id: string }, staffOnly: { id: string }, lab: { id: string };

beforeAll(async () => {
  const orgPlus = await enrolledOrganization("PLUS");
  const orgBasic = await enrolledOrganization("BASIC");
  plus = await person({ organizationId: orgPlus.id, name: "Maria Rossi" });
  colleague = await person({ organizationId: orgPlus.id, name: "Luca Bianchi" });
  basic = await person({ organizationId: orgBasic.id });
  tutor = await person({ role: "TUTOR", name: "Tina Tutor" });
  admin = await person({ role: "ADMIN" });
  open = await category("Innovazione");
  staffOnly = await category("Riservata allo staff", "STAFF");
  lab = await category("Laboratorio Val di Non", "LAB", "lab-1");
});

// The helpers move the writer's earlier posts back in time first: the posting limits have their own tests.
async function newTopic(who: Person, categoryId: string, title: string, body: string) {
  await ageLastPosts(who.id);
  const response = await call(categoryAction, formRequest(`/community/c/${categoryId}`, { intent: "topic", title, body }, { cookie: who.cookie }), { categoryId });
  expect(response.status, await response.clone().text()).toBe(302);
  const topicId = response.headers.get("Location")!.split("/").pop()!;
  return topicId;
}

async function replyTo(who: Person, topicId: string, body: string, options: { age?: boolean } = {}) {
  if (options.age !== false) await ageLastPosts(who.id);
  return call(topicAction, formRequest(`/community/t/${topicId}`, { intent: "reply", body }, { cookie: who.cookie }), { topicId });
}

async function topicPage(who: Person, topicId: string, query = "") {
  const response = await call(topicLoader, getRequest(`/community/t/${topicId}${query}`, { cookie: who.cookie }), { topicId });
  return { status: response.status, data: response.status === 200 ? await response.json() : null };
}

describe("who may use the community", () => {
  it("a PLUS member and staff get in; a BASIC member is told why; a visitor is sent to sign in", async () => {
    expect((await call(homeLoader, getRequest("/community", { cookie: plus.cookie }))).status).toBe(200);
    expect((await call(homeLoader, getRequest("/community", { cookie: tutor.cookie }))).status).toBe(200);
    const refused = await call(homeLoader, getRequest("/community", { cookie: basic.cookie }));
    expect(refused.status).toBe(403);
    expect((await refused.json()).reason).toMatch(/kitLacks\.community/);
    const visitor = await call(homeLoader, getRequest("/community"));
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("Location")).toMatch(/^\/login/);
  });

  it("members see community categories only; staff see staff and lab categories too", async () => {
    const names = async (who: Person) => ((await (await call(homeLoader, getRequest("/community", { cookie: who.cookie }))).json()) as { categories: { name: string }[] }).categories.map((c) => c.name);
    expect(await names(plus)).toEqual(["Innovazione"]);
    expect((await names(tutor)).sort()).toEqual(["Innovazione", "Laboratorio Val di Non", "Riservata allo staff"]);
  });
});

describe("a staff-only category is a 404 for members wherever its ids appear", () => {
  let staffTopic: string;
  let staffPostId: string;
  beforeAll(async () => {
    staffTopic = await newTopic(tutor, staffOnly.id, "Coordinamento tutor", "Note interne per @maria.rossi");
    staffPostId = (await db.communityPost.findFirstOrThrow({ where: { topicId: staffTopic } })).id;
  });

  it("category, topic, reply, edit and lab category", async () => {
    expect((await call(categoryLoader, getRequest(`/community/c/${staffOnly.id}`, { cookie: plus.cookie }), { categoryId: staffOnly.id })).status).toBe(404);
    expect((await call(categoryLoader, getRequest(`/community/c/${lab.id}`, { cookie: plus.cookie }), { categoryId: lab.id })).status).toBe(404);
    expect((await topicPage(plus, staffTopic)).status).toBe(404);
    expect((await replyTo(plus, staffTopic, "ciao")).status).toBe(404);
    expect((await call(editLoader, getRequest(`/community/p/${staffPostId}/edit`, { cookie: plus.cookie }), { postId: staffPostId })).status).toBe(404);
    expect((await call(categoryAction, formRequest(`/community/c/${staffOnly.id}`, { intent: "topic", title: "x", body: "y" }, { cookie: plus.cookie }), { categoryId: staffOnly.id })).status).toBe(404);
    // a missing id answers the same
    expect((await topicPage(plus, "nosuchtopic")).status).toBe(404);
  });

  it("quoting a staff post from a community topic is a 404", async () => {
    const topicId = await newTopic(colleague, open.id, "Citazioni", "Testo");
    expect((await topicPage(plus, topicId, `?quote=${staffPostId}`)).status).toBe(404);
  });

  it("a member mentioned in a staff topic is not notified", async () => {
    await call(homeLoader, getRequest("/community", { cookie: plus.cookie })); // makes @maria.rossi
    const again = await newTopic(admin, staffOnly.id, "Altro", "Per @maria.rossi");
    expect(again).toBeTruthy();
    expect(await db.communityNotification.count({ where: { userId: plus.id } })).toBe(0);
  });
});

describe("topics and replies", () => {
  it("a reply gets the next number and a permalink; the topic counts it", async () => {
    const topicId = await newTopic(plus, open.id, "Piano triennale", "Come vi state organizzando?");
    const response = await replyTo(colleague, topicId, "Noi con un gruppo di lavoro.");
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/community/t/${topicId}?from=1#post-2`);
    const { data } = await topicPage(plus, topicId);
    expect(data.topic.postCount).toBe(2);
    expect(data.posts.map((p: { postNumber: number }) => p.postNumber)).toEqual([1, 2]);
    expect(data.posts[1].html).toContain("gruppo di lavoro");
  });

  it("each post shows the date and time it was written", async () => {
    const topicId = await newTopic(plus, open.id, "Quando", "Scritto in una data precisa.");
    const written = new Date("2026-03-14T09:26:53.589Z");
    await db.communityPost.updateMany({ where: { topicId }, data: { createdAt: written } });
    const { data } = await topicPage(colleague, topicId);
    // Sent as a number (no Date in the page's JSON, decision 0029): the same instant, the same words on the page.
    expect(new Date(data.posts[0].createdAt).toISOString()).toBe(written.toISOString());
    expect(formatDateTime(data.posts[0].createdAt, "it")).toBe(formatDateTime(written, "it"));
    expect(formatDateTime(data.posts[0].createdAt, "it")).toMatch(/14 marzo 2026/);
  });

  it("quoting a visible post fills the reply with the quote", async () => {
    const topicId = await newTopic(plus, open.id, "Da citare", "Una frase **importante**");
    await ageLastPosts(plus.id);
    const postId = (await db.communityPost.findFirstOrThrow({ where: { topicId } })).id;
    const { data } = await topicPage(colleague, topicId, `?quote=${postId}`);
    expect(data.quote).toBe('[quote="Maria Rossi" post=1]\nUna frase **importante**\n[/quote]\n\n');
  });

  it("unread: new posts count until read, and the page offers the first unread", async () => {
    await call(homeLoader, getRequest("/community", { cookie: colleague.cookie }));
    await db.communityProfile.updateMany({ where: { userId: colleague.id }, data: { createdAt: new Date(Date.now() - 60_000) } });
    const unreadOf = async (who: Person) =>
      ((await (await call(homeLoader, getRequest("/community", { cookie: who.cookie }))).json()) as { categories: { name: string; unread: number }[] }).categories.find((c) => c.name === "Innovazione")!.unread;
    const before = await unreadOf(colleague);
    await ageLastPosts(plus.id);
    const topicId = await newTopic(plus, open.id, "Nuova per Luca", "Primo");
    expect(await unreadOf(colleague)).toBe(before + 1);
    const first = await topicPage(colleague, topicId);
    expect(first.data.firstUnread).toBe(1); // as loaded, before the page marked them read
    expect(await unreadOf(colleague)).toBe(before);
    await ageLastPosts(plus.id);
    await replyTo(plus, topicId, "Secondo");
    expect(await unreadOf(colleague)).toBe(before + 1);
    expect((await topicPage(colleague, topicId)).data.firstUnread).toBe(2);
  });

  it("posting again within 5 seconds is refused with the wait, and the text is kept", async () => {
    const someone = await person({ organizationId: plus.organizationId });
    const topicId = await newTopic(someone, open.id, "Veloce", "uno");
    const response = await replyTo(someone, topicId, "due, subito", { age: false });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await response.json()).values.body).toBe("due, subito");
  });

  it("an account younger than a day waits longer (30 s between posts)", async () => {
    const fresh = await person({ organizationId: plus.organizationId, createdAt: new Date() });
    const topicId = await newTopic(fresh, open.id, "Appena arrivato", "ciao");
    await db.communityPost.updateMany({ where: { authorId: fresh.id }, data: { createdAt: new Date(Date.now() - 10_000) } });
    const response = await replyTo(fresh, topicId, "dopo dieci secondi", { age: false });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("Retry-After"))).toBeGreaterThan(15);
  });

  it("20 concurrent replies get 20 distinct numbers and the counters stay right", async () => {
    const topicId = await newTopic(tutor, open.id, "Tutti insieme", "Via!");
    const before = (await db.communityCategory.findUniqueOrThrow({ where: { id: open.id } })).topicCount;
    const writers = await Promise.all(Array.from({ length: 20 }, () => person({ organizationId: plus.organizationId })));
    const responses = await Promise.all(writers.map((w, i) => replyTo(w, topicId, `risposta ${i}`)));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(302));
    const topic = await db.communityTopic.findUniqueOrThrow({ where: { id: topicId } });
    expect(topic.postCount).toBe(21);
    const numbers = (await db.communityPost.findMany({ where: { topicId }, select: { postNumber: true } })).map((p) => p.postNumber).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    expect((await db.communityCategory.findUniqueOrThrow({ where: { id: open.id } })).topicCount).toBe(before);
  });

  it("editing keeps the earlier text for moderators", async () => {
    await ageLastPosts(colleague.id);
    const topicId = await newTopic(colleague, open.id, "Da correggere", "Testo sbagliato");
    const postId = (await db.communityPost.findFirstOrThrow({ where: { topicId } })).id;
    const saved = await call(editAction, formRequest(`/community/p/${postId}/edit`, { body: "Testo giusto" }, { cookie: colleague.cookie }), { postId });
    expect(saved.status).toBe(302);
    expect((await call(editLoader, getRequest(`/community/p/${postId}/edit`, { cookie: plus.cookie }), { postId })).status).toBe(404);
    const own = await (await call(editLoader, getRequest(`/community/p/${postId}/edit`, { cookie: colleague.cookie }), { postId })).json();
    expect(own.history).toEqual([]);
    const forTutor = await (await call(editLoader, getRequest(`/community/p/${postId}/edit`, { cookie: tutor.cookie }), { postId })).json();
    expect(forTutor.history.map((h: { body: string }) => h.body)).toEqual(["Testo sbagliato"]);
    expect((await topicPage(plus, topicId)).data.posts[0].html).toContain("Testo giusto");
  });
});

describe("flags and moderation", () => {
  it("three different members' flags hide a post until a moderator reviews it", async () => {
    await ageLastPosts(colleague.id);
    const topicId = await newTopic(colleague, open.id, "Discutibile", "Un messaggio da segnalare");
    const postId = (await db.communityPost.findFirstOrThrow({ where: { topicId } })).id;
    const flaggers = [plus, ...(await Promise.all([1, 2].map(() => person({ organizationId: plus.organizationId }))))];
    const flag = (who: Person) => call(topicAction, formRequest(`/community/t/${topicId}`, { intent: "flag", postId, reason: "Offensivo" }, { cookie: who.cookie }), { topicId });
    expect((await flag(flaggers[0])).status).toBe(302);
    expect((await flag(flaggers[0])).status).toBe(302); // the same person twice counts once
    expect((await flag(flaggers[1])).status).toBe(302);
    expect((await topicPage(plus, topicId)).data.posts[0].hidden).toBe(false);
    expect((await flag(flaggers[2])).status).toBe(302);
    const hidden = (await topicPage(plus, topicId)).data.posts[0];
    expect(hidden.hidden).toBe(true);
    expect(hidden.html).toBe("");
    expect((await topicPage(tutor, topicId)).data.posts[0].html).toContain("da segnalare");
    // the author may not flag their own post
    expect((await flag(colleague)).status).toBe(403);
    const queue = await (await call(reviewLoader, getRequest("/community/review", { cookie: tutor.cookie }))).json();
    expect(queue.queue.find((p: { id: string }) => p.id === postId).flags).toHaveLength(3);
    expect((await call(reviewLoader, getRequest("/community/review", { cookie: plus.cookie }))).status).toBe(403);
  });

  it("pin, lock and move are for moderators, and audited", async () => {
    await ageLastPosts(plus.id);
    const topicId = await newTopic(plus, open.id, "Da moderare", "x");
    const step = (who: Person, intent: string, extra: Record<string, string> = {}) =>
      call(topicAction, formRequest(`/community/t/${topicId}`, { intent, ...extra }, { cookie: who.cookie }), { topicId });
    expect((await step(plus, "pin")).status).toBe(403);
    expect((await step(tutor, "lock")).status).toBe(302);
    await ageLastPosts(plus.id);
    expect((await replyTo(plus, topicId, "ancora")).status).toBe(403);
    const other = await category("Altra categoria");
    expect((await step(tutor, "move", { categoryId: other.id })).status).toBe(302);
    expect((await db.communityCategory.findUniqueOrThrow({ where: { id: other.id } })).topicCount).toBe(1);
    const audit = await db.auditLog.findMany({ where: { targetId: topicId }, select: { action: true } });
    expect(audit.map((a) => a.action).sort()).toEqual(["community.topic_lock", "community.topic_move"]);
  });
});

describe("XSS", () => {
  it("every payload of the corpus renders inert in a topic", async () => {
    const writer = await person({ role: "TUTOR" });
    const topicId = await newTopic(writer, open.id, "<script>alert(1)</script> titolo", "inizio");
    const bodies = XSS_CORPUS.filter((payload) => !payload.includes("{{"));
    // written straight to the table (posting limits would make this slow), read through the page
    await db.communityPost.createMany({ data: bodies.map((body, i) => ({ topicId, postNumber: i + 2, authorId: writer.id, body })) });
    await db.communityTopic.update({ where: { id: topicId }, data: { postCount: bodies.length + 1 } });
    for (let from = 1; from <= bodies.length + 1; from += 30) {
      const { data } = await topicPage(plus, topicId, `?from=${from}`);
      for (const post of data.posts) expect(unsafeParts(post.html), post.html).toEqual([]);
    }
  });
});

describe("stored HTML (cooked) and rebaking", () => {
  it("a post stored without its HTML is rendered safely on its first reading and kept; posts cooked by an older renderer are cooked again by the job, edits left alone", async () => {
    const topicId = await newTopic(plus, open.id, "Importati", "Il primo messaggio.");
    const raw = "Un **messaggio** importato con [un link](javascript:alert(1)) e <script>alert(2)</script>";
    const imported = await db.communityPost.create({ data: { topicId, postNumber: 2, authorId: colleague.id, body: raw } });
    await db.communityTopic.update({ where: { id: topicId }, data: { postCount: 2 } });
    const first = (await topicPage(plus, topicId)).data.posts[1].html as string;
    expect(first).toContain("<strong>messaggio</strong>");
    expect(unsafeParts(first), first).toEqual([]);
    const stored = await db.communityPost.findUniqueOrThrow({ where: { id: imported.id } });
    expect(stored.cooked).toBe(first);
    expect(stored.cookedVersion).toBe(COOK_VERSION);
    // an older renderer's HTML: shown as it is until the job cooks it again
    const stale = await db.communityPost.update({ where: { id: imported.id }, data: { cooked: "<p>HTML di un vecchio renderer</p>", cookedVersion: COOK_VERSION - 1 } });
    expect((await topicPage(plus, topicId)).data.posts[1].html).toBe("<p>HTML di un vecchio renderer</p>");
    expect(await rebakePosts()).toBeGreaterThanOrEqual(1);
    expect(await db.communityPost.findUniqueOrThrow({ where: { id: stale.id } })).toMatchObject({ cooked: first, cookedVersion: COOK_VERSION });
    expect((await topicPage(plus, topicId)).data.posts[1].html).toBe(first);
    expect(await rebakePosts()).toBe(0);
  });
});
