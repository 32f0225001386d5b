// The site-wide service notice: an admin publishes and clears it from /admin/service-notice; the
// change is audit-logged, stored as an event that open pages receive, and empties the cache of
// public pages; every page's root data carries it.
import { db } from "~/lib/db.server.ts";
import { eventBus, type StoredEvent } from "~/lib/events/index.server.ts";
import { onPublicPagesChanged } from "~/lib/page-cache/invalidate.server.ts";
import { SERVICE_NOTICE_STREAM } from "~/modules/service-notice/notice.server.ts";
import { action, loader } from "~/routes/admin.service-notice.tsx";
import { loader as rootLoader } from "~/root.tsx";
import { createUser, sessionCookieFor } from "../helpers/fixtures.ts";
import { call, formRequest, getRequest } from "../helpers/requests.ts";

async function admin() {
  const user = await createUser({ role: "ADMIN" });
  return { user, cookie: await sessionCookieFor(user.id) };
}

it("publishes a notice that open pages receive live, the next page load shows, and the audit log records", async () => {
  const { user, cookie } = await admin();
  const live: StoredEvent[] = [];
  const follower = eventBus().follow(SERVICE_NOTICE_STREAM, null, (events) => live.push(...events));
  await follower.ready;
  let invalidations = 0;
  const stop = onPublicPagesChanged(() => invalidations++);

  const response = await call(action, formRequest("/admin/service-notice", { intent: "publish", message: "Manutenzione stasera dalle 20 alle 22", level: "warning" }, { cookie }));
  expect(response.status).toBe(302);
  expect(response.headers.get("Location")).toBe("/admin/service-notice");

  await vi.waitFor(() => expect(live).toHaveLength(1));
  expect(JSON.parse(live[0].data)).toEqual({ message: "Manutenzione stasera dalle 20 alle 22", level: "warning" });
  await vi.waitFor(() => expect(invalidations).toBe(1));

  // A visitor's next page load carries it, with the stream position to resume from.
  const root = await (await call(rootLoader, getRequest("/accessibility"))).json();
  expect(root.serviceNotice).toEqual({ notice: { message: "Manutenzione stasera dalle 20 alle 22", level: "warning" }, seq: live[0].seq });

  const audit = await db.auditLog.findFirst({ where: { action: "service-notice.publish" } });
  expect(audit).toMatchObject({ actorId: user.id, summary: "Pubblicato l'avviso di servizio: Manutenzione stasera dalle 20 alle 22" });

  const cleared = await call(action, formRequest("/admin/service-notice", { intent: "clear" }, { cookie }));
  expect(cleared.status).toBe(302);
  await vi.waitFor(() => expect(live).toHaveLength(2));
  expect(JSON.parse(live[1].data)).toBeNull();
  expect((await (await call(rootLoader, getRequest("/"))).json()).serviceNotice.notice).toBeNull();
  expect(await db.auditLog.count({ where: { action: "service-notice.clear" } })).toBe(1);
  follower.close();
  stop();
});

it("keeps what the admin typed and says what is wrong when the notice is empty or too long", async () => {
  const { cookie } = await admin();
  const seqBefore = await eventBus().latestSeq(SERVICE_NOTICE_STREAM);
  const empty = await call(action, formRequest("/admin/service-notice", { intent: "publish", message: "  ", level: "info" }, { cookie }));
  expect(empty.status).toBe(400);
  expect((await empty.json()).fieldErrors.message).toEqual(["validation.required"]);
  const long = await call(action, formRequest("/admin/service-notice", { intent: "publish", message: "x".repeat(281), level: "info" }, { cookie }));
  expect(long.status).toBe(400);
  const body = await long.json();
  expect(body.fieldErrors.message[0]).toMatch(/validation\.tooLong/);
  expect(body.values.message).toBe("x".repeat(281));
  const level = await call(action, formRequest("/admin/service-notice", { intent: "publish", message: "ok", level: "panic" }, { cookie }));
  expect(level.status).toBe(400);
  expect(await db.serviceNotice.count()).toBe(0);
  expect(await eventBus().latestSeq(SERVICE_NOTICE_STREAM)).toBe(seqBefore);
});

it("is for admins only: tutors and members get 403, visitors are sent to sign in", async () => {
  const tutor = await createUser({ role: "TUTOR" });
  const cookie = await sessionCookieFor(tutor.id);
  expect((await call(loader, getRequest("/admin/service-notice", { cookie }))).status).toBe(403);
  expect((await call(action, formRequest("/admin/service-notice", { intent: "publish", message: "x", level: "info" }, { cookie }))).status).toBe(403);
  const visitor = await call(loader, getRequest("/admin/service-notice"));
  expect(visitor.status).toBe(302);
  expect(visitor.headers.get("Location")).toMatch(/^\/login/);
  expect(await db.serviceNotice.count()).toBe(0);
});

it("a notice another worker or instance publishes is on this process's next page load (its event drops the copy held in memory)", async () => {
  const pageNotice = async () => (await (await call(rootLoader, getRequest("/"))).json()).serviceNotice;
  const { user } = await admin();
  await pageNotice(); // the copy is now held in memory
  // Another process publishes: the row and the event, as its publishNotice would, but not through
  // this process's functions (so only the event can tell this process).
  await eventBus().publish(SERVICE_NOTICE_STREAM, "notice", { message: "Da un'altra istanza", level: "info" }, async (tx) => {
    await tx.serviceNotice.upsert({
      where: { id: "site" },
      create: { id: "site", message: "Da un'altra istanza", level: "info", updatedById: user.id },
      update: { message: "Da un'altra istanza", level: "info", updatedById: user.id },
    });
  });
  await vi.waitFor(async () => expect((await pageNotice()).notice).toEqual({ message: "Da un'altra istanza", level: "info" }), { timeout: 2_000 });
});
