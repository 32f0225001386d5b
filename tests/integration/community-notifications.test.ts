// Mentions and watching, as the people notified meet them: an in-app notification (and an event
// on their own stream, live), an email through the outbox to a real SMTP server with an
// unsubscribe link that works without signing in, or the daily digest instead; nobody is told
// about a post they may not read.
import { db } from "~/lib/db.server.ts";
import { resetEnvCache } from "~/lib/env.server.ts";
import { eventBus } from "~/lib/events/index.server.ts";
import { runDueJobs } from "~/lib/jobs/runner.server.ts";
import { notificationStream } from "~/modules/community/notifications.server.ts";
import { sendDigests } from "~/modules/digest/digest.server.ts";
import { loader as homeLoader } from "~/routes/community._index.tsx";
import { action as categoryAction } from "~/routes/community.c.$categoryId.tsx";
import { action as topicAction } from "~/routes/community.t.$topicId.tsx";
import { action as settingsAction, loader as notificationsLoader } from "~/routes/community.notifications.tsx";
import { action as unsubscribeAction, loader as unsubscribeLoader } from "~/routes/community.unsubscribe.$token.tsx";
import { loader as rootLoader } from "~/root.tsx";
import { startSmtpCapture, type SmtpCapture } from "../helpers/smtp.ts";
import { call, formRequest, getRequest } from "../helpers/requests.ts";
import { ageLastPosts, category, enrolledOrganization, person } from "./community-helpers.ts";

type Person = Awaited<ReturnType<typeof person>>;
let capture: SmtpCapture;
let anna: Person, bruno: Person, carla: Person, basic: Person;
let open: { id: string }, staff: { id: string };

beforeAll(async () => {
  capture = await startSmtpCapture();
  process.env.SMTP_URL = capture.url;
  resetEnvCache();
  const org = await enrolledOrganization("PLUS");
  anna = await person({ organizationId: org.id, name: "Anna Verdi", email: "anna.verdi@comune.example.it" });
  bruno = await person({ organizationId: org.id, name: "Bruno Neri", email: "bruno.neri@comune.example.it" });
  carla = await person({ organizationId: org.id, name: "Carla Blu", email: "carla.blu@comune.example.it" });
  basic = await person({ organizationId: (await enrolledOrganization("BASIC")).id, name: "Dario Base" });
  open = await category("Generale");
  staff = await category("Staff", "STAFF");
  // Each visits the community once, which gives them their @handle.
  for (const who of [anna, bruno, carla]) expect((await call(homeLoader, getRequest("/community", { cookie: who.cookie }))).status).toBe(200);
});

afterAll(async () => {
  await capture.stop();
  delete process.env.SMTP_URL;
  resetEnvCache();
});

async function newTopic(who: Person, categoryId: string, title: string, body: string) {
  await ageLastPosts(who.id);
  const response = await call(categoryAction, formRequest(`/community/c/${categoryId}`, { intent: "topic", title, body }, { cookie: who.cookie }), { categoryId });
  expect(response.status).toBe(302);
  return response.headers.get("Location")!.split("/").pop()!;
}

it("a mention notifies the colleague in the app, live, and by email with a working unsubscribe link", async () => {
  const seen: string[] = [];
  const follower = eventBus().follow(notificationStream(bruno.id), null, (events) => seen.push(...events.map((e) => e.type)));
  const topicId = await newTopic(anna, open.id, "Transizione digitale", "Che ne pensi @bruno.neri?");
  await runDueJobs();
  const email = await capture.waitForMessage((m) => JSON.stringify(m.to).includes("bruno.neri@"));
  expect(email.subject).toBe("Anna Verdi ti ha menzionato in «Transizione digitale»");
  expect(email.text).toContain(`/community/t/${topicId}?from=1#post-1`);
  const unsubscribe = /\/community\/unsubscribe\/([A-Za-z0-9_-]+)/.exec(email.text ?? "")![1];

  const list = await (await call(notificationsLoader, getRequest("/community/notifications", { cookie: bruno.cookie }))).json();
  expect(list.notifications).toHaveLength(1);
  expect(list.notifications[0]).toMatchObject({ kind: "mention", topicTitle: "Transizione digitale", actorName: "Anna Verdi", postNumber: 1 });
  await vi.waitFor(() => expect(seen).toContain("notification"));
  follower.close();

  // The link works without signing in: the page asks, the button does it.
  expect((await call(unsubscribeLoader, getRequest(`/community/unsubscribe/${unsubscribe}`), { token: unsubscribe })).status).toBe(200);
  expect((await call(unsubscribeAction, formRequest(`/community/unsubscribe/${unsubscribe}`, {}), { token: unsubscribe })).status).toBe(200);
  expect((await db.communityProfile.findUniqueOrThrow({ where: { userId: bruno.id } })).emailMode).toBe("NONE");
  const before = capture.messages.length;
  await ageLastPosts(anna.id);
  await call(topicAction, formRequest(`/community/t/${topicId}`, { intent: "reply", body: "Ancora tu, @bruno.neri" }, { cookie: anna.cookie }), { topicId });
  await runDueJobs();
  expect(capture.messages.length).toBe(before);
  expect(await db.communityNotification.count({ where: { userId: bruno.id } })).toBe(2);
});

it("watching a topic brings replies; the digest choice puts them in the person's one digest instead", async () => {
  expect((await call(settingsAction, formRequest("/community/notifications", { emailMode: "DAILY" }, { cookie: carla.cookie }))).status).toBe(302);
  const topicId = await newTopic(carla, open.id, "Riuso del software", "Esperienze?");
  await ageLastPosts(anna.id);
  await call(topicAction, formRequest(`/community/t/${topicId}`, { intent: "reply", body: "Noi usiamo il catalogo di Developers Italia." }, { cookie: anna.cookie }), { topicId });
  await ageLastPosts(bruno.id);
  await call(topicAction, formRequest(`/community/t/${topicId}`, { intent: "reply", body: "Anche noi." }, { cookie: bruno.cookie }), { topicId });
  await runDueJobs();
  expect(capture.messages.some((m) => JSON.stringify(m.to).includes("carla.blu@"))).toBe(false);
  expect(await db.communityNotification.count({ where: { userId: carla.id, kind: "reply" } })).toBe(2);

  // Carla is a member: her digest is weekly unless she chooses otherwise (issue 14: one digest).
  expect(await sendDigests("WEEKLY")).toBe(1);
  await runDueJobs();
  const digest = await capture.waitForMessage((m) => JSON.stringify(m.to).includes("carla.blu@"));
  expect(digest.subject).toBe("Il riepilogo della settimana su CO-OP: 2 novità");
  expect(digest.text).toContain("NELLA COMUNITÀ");
  expect(digest.text).toContain("- Riuso del software\n  Anna Verdi ha risposto");
  expect(digest.text).toContain("/digest/unsubscribe/");
  // nothing twice, and the notifications count as emailed
  expect(await sendDigests("WEEKLY")).toBe(0);
  expect(await db.communityNotification.count({ where: { userId: carla.id, emailedAt: null } })).toBe(0);
});

it("nobody is told about a post they may not read: staff topics, BASIC members", async () => {
  const tutor = await person({ role: "TUTOR", name: "Tiziana Tutor" });
  await call(homeLoader, getRequest("/community", { cookie: basic.cookie })); // 403, no profile
  const count = await db.communityNotification.count();
  await newTopic(tutor, staff.id, "Solo staff", "Per @anna.verdi e @dario.base");
  expect(await db.communityNotification.count()).toBe(count);
  // and a notification whose topic later became staff-only disappears from the list
  const topicId = await newTopic(bruno, open.id, "Poi riservata", "Ciao @anna.verdi");
  const visible = async () => (await (await call(notificationsLoader, getRequest("/community/notifications", { cookie: anna.cookie }))).json()).notifications.length;
  const shown = await visible();
  await db.communityTopic.update({ where: { id: topicId }, data: { categoryId: staff.id } });
  expect(await visible()).toBe(shown - 1);
});

it("the header's badge counts unread notifications, the stream carries new ones from where the page was counted, reading empties it", async () => {
  const badge = async (who: { cookie: string }) => (await (await call(rootLoader, getRequest("/", { cookie: who.cookie }))).json()).communityNotifications;
  const markAllRead = () => call(settingsAction, formRequest("/community/notifications", { intent: "read" }, { cookie: carla.cookie }));
  expect((await badge(carla)).count).toBe(2); // the replies of the test above
  expect((await markAllRead()).status).toBe(302);
  const before = await badge(carla);
  expect(before.count).toBe(0);
  // A mention after the page was rendered reaches the page's stream (replayed from the badge's position).
  await newTopic(anna, open.id, "Badge", "Ciao @carla.blu");
  const seen: string[] = [];
  const follower = eventBus().follow(notificationStream(carla.id), before.seq, (events) => seen.push(...events.map((e) => e.type)));
  await vi.waitFor(() => expect(seen).toEqual(["notification"]));
  follower.close();
  expect((await badge(carla)).count).toBe(1);
  await markAllRead();
  expect((await badge(carla)).count).toBe(0);
  // People who do not use the community get no badge (and no query for it).
  expect(await badge(basic)).toBeNull();
});
