// One active recording per webinar across instances: the slot is a unique column in the database
// (Recording.activeWebinarId), reserved before LiveKit is asked, so two starts at once (two hosts,
// two instances) give one recording and one clear refusal, on SQLite and PostgreSQL alike.
import { randomBytes } from "node:crypto";
import { db } from "~/lib/db.server.ts";
import { isUniqueViolation } from "~/lib/prisma-errors.ts";
import { recordEgressUpdate, reserveRecording, STALE_RESERVATION_MS } from "~/modules/webinars/recordings/egress.server.ts";
import * as room from "~/routes/webinars.$slug.room.tsx";
import { createUser, sessionCookieFor } from "../helpers/fixtures.ts";
import { startTwirpServer, useLiveKit, type TwirpServer } from "../helpers/livekit.ts";
import { call, formRequest } from "../helpers/requests.ts";

let twirp: TwirpServer;
beforeAll(async () => {
  twirp = await startTwirpServer();
  useLiveKit(twirp);
});
afterAll(async () => {
  useLiveKit(null);
  await twirp?.close();
});

async function liveWebinar() {
  const suffix = randomBytes(4).toString("hex");
  const webinar = await db.webinar.create({
    data: { slug: `slot-${suffix}`, title: `Slot ${suffix}`, description: "", status: "LIVE", startsAt: new Date(Date.now() - 300_000), audience: "PUBLIC", roomName: `webinar-slot-${suffix}` },
  });
  const hosts = [];
  for (let i = 0; i < 2; i++) {
    const user = await createUser();
    await db.webinarRole.create({ data: { webinarId: webinar.id, userId: user.id, role: "HOST" } });
    hosts.push({ ...user, cookie: await sessionCookieFor(user.id) });
  }
  return { webinar, hosts };
}

const start = (slug: string, cookie: string) => call(room.action, formRequest(`/webinars/${slug}/room`, { intent: "record-start" }, { cookie }), { slug });
const startCalls = () => twirp.callsOf("StartRoomCompositeEgress").length;

it("two hosts starting at once: one recording starts, the other host is told one is already running", async () => {
  for (let round = 0; round < 3; round++) {
    const { webinar, hosts } = await liveWebinar();
    const before = startCalls();
    const answers = await Promise.all(hosts.map((host) => start(webinar.slug, host.cookie)));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, 409]);
    const refused = answers.find((answer) => answer.status === 409)!;
    expect(await refused.json()).toMatchObject({ ok: false, reason: "webinarRoom:errors.recordingActive" });
    // LiveKit was asked once; one Recording holds the webinar's slot, with the egress id.
    expect(startCalls() - before).toBe(1);
    const rows = await db.recording.findMany({ where: { webinarId: webinar.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "STARTING", activeWebinarId: webinar.id });
    expect(rows[0].egressId).toMatch(/^EG_/);
  }
});

it("two instances (separate copies of the app's modules) starting at once: one recording, one refusal", async () => {
  // Each copy has its own module state, as two processes would: only the database is shared.
  vi.resetModules();
  const first = await import("~/routes/webinars.$slug.room.tsx");
  vi.resetModules();
  const second = await import("~/routes/webinars.$slug.room.tsx");
  expect(first.action).not.toBe(second.action);
  for (let round = 0; round < 3; round++) {
    const { webinar, hosts } = await liveWebinar();
    const answers = await Promise.all([
      call(first.action, formRequest(`/webinars/${webinar.slug}/room`, { intent: "record-start" }, { cookie: hosts[0].cookie }), { slug: webinar.slug }),
      call(second.action, formRequest(`/webinars/${webinar.slug}/room`, { intent: "record-start" }, { cookie: hosts[1].cookie }), { slug: webinar.slug }),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    expect(await db.recording.count({ where: { webinarId: webinar.id } })).toBe(1);
  }
});

it("a recording started on another instance holds the slot until it ends", async () => {
  const { webinar, hosts } = await liveWebinar();
  // Another instance reserved the slot a moment ago and is waiting for LiveKit.
  const other = await reserveRecording(webinar.id, hosts[1].id);
  expect(other).not.toBeNull();
  const before = startCalls();
  expect((await start(webinar.slug, hosts[0].cookie)).status).toBe(409);
  expect(startCalls()).toBe(before);
  // Its egress webhook arrives before LiveKit's answer reached that instance: it claims the reservation.
  expect(await recordEgressUpdate({ egressId: "EG_other_instance", roomName: webinar.roomName, status: "EGRESS_ACTIVE", updatedAt: `${Date.now()}000000` })).toBe("updated");
  expect(await db.recording.findUniqueOrThrow({ where: { id: other!.id } })).toMatchObject({ egressId: "EG_other_instance", status: "ACTIVE", activeWebinarId: webinar.id });
  expect((await start(webinar.slug, hosts[0].cookie)).status).toBe(409);
  // It ends: the slot is free and the next start succeeds.
  await recordEgressUpdate({ egressId: "EG_other_instance", roomName: webinar.roomName, status: "EGRESS_COMPLETE", updatedAt: `${Date.now() + 1}000000` });
  expect((await db.recording.findUniqueOrThrow({ where: { id: other!.id } })).activeWebinarId).toBeNull();
  expect((await start(webinar.slug, hosts[0].cookie)).status).toBe(200);
  expect(await db.recording.count({ where: { webinarId: webinar.id, activeWebinarId: webinar.id } })).toBe(1);
});

it("the database itself refuses a second active recording of a webinar; finished ones do not count", async () => {
  const { webinar } = await liveWebinar();
  await db.recording.create({ data: { webinarId: webinar.id, source: "EGRESS", status: "ACTIVE", egressId: "EG_a", activeWebinarId: webinar.id } });
  const second = await db.recording.create({ data: { webinarId: webinar.id, source: "EGRESS", status: "STARTING", egressId: "EG_b", activeWebinarId: webinar.id } }).catch((error: unknown) => error);
  expect(isUniqueViolation(second)).toBe(true);
  await db.recording.create({ data: { webinarId: webinar.id, source: "EGRESS", status: "COMPLETE", egressId: "EG_c" } });
  await db.recording.create({ data: { webinarId: webinar.id, source: "EGRESS", status: "FAILED", egressId: "EG_d" } });
  expect(await db.recording.count({ where: { webinarId: webinar.id } })).toBe(3);
});

it("a reservation left by a start that never finished (a crash) is released after two minutes", async () => {
  const { webinar, hosts } = await liveWebinar();
  const stale = await reserveRecording(webinar.id, hosts[1].id, new Date(Date.now() - STALE_RESERVATION_MS - 10_000));
  await db.recording.update({ where: { id: stale!.id }, data: { createdAt: new Date(Date.now() - STALE_RESERVATION_MS - 10_000) } });
  expect(await reserveRecording(webinar.id, hosts[0].id, new Date(Date.now() - 60_000))).toBeNull();
  expect((await start(webinar.slug, hosts[0].cookie)).status).toBe(200);
  expect(await db.recording.findUniqueOrThrow({ where: { id: stale!.id } })).toMatchObject({ status: "ABORTED", activeWebinarId: null });
});

it("an egress nobody reserved (started outside the app) is still recorded while another holds the slot", async () => {
  const { webinar, hosts } = await liveWebinar();
  expect((await start(webinar.slug, hosts[0].cookie)).status).toBe(200);
  expect(await recordEgressUpdate({ egressId: "EG_outside", roomName: webinar.roomName, status: "EGRESS_ACTIVE" })).toBe("created");
  expect(await db.recording.findUniqueOrThrow({ where: { egressId: "EG_outside" } })).toMatchObject({ status: "ACTIVE", activeWebinarId: null });
  expect(await db.recording.count({ where: { webinarId: webinar.id } })).toBe(2);
});
