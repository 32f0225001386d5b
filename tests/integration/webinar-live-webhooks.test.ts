// LiveKit webhooks signed with the test key pair, as LiveKit signs them: a valid delivery moves the
// webinar and records attendance; a tampered body, a wrong key or no signature is a 401 and stores
// nothing; a replay changes nothing; out-of-order delivery still gives the right intervals; an
// interval whose participant_left never comes is closed by room_finished; unknown rooms are
// acknowledged and ignored. Minutes per person are the union of their intervals.
import { randomBytes } from "node:crypto";
import { db } from "~/lib/db.server.ts";
import { attendanceMinutes, coveredMs } from "~/modules/webinars/livekit/attendance.server.ts";
import * as webhook from "~/routes/webhooks.livekit.ts";
import { createUser } from "../helpers/fixtures.ts";
import { signWebhook, useLiveKit } from "../helpers/livekit.ts";
import { BASE_URL, call } from "../helpers/requests.ts";

const T0 = Math.floor(Date.UTC(2026, 2, 10, 9, 0, 0) / 1000); // the scheduled start, in seconds
let counter = 0;

async function createWebinar() {
  const suffix = randomBytes(4).toString("hex");
  return db.webinar.create({
    data: { slug: `wh-${suffix}`, title: `Webhook ${suffix}`, description: "", status: "SCHEDULED", startsAt: new Date(T0 * 1000), durationMinutes: 90, audience: "PUBLIC", roomName: `room-wh-${suffix}` },
  });
}

type EventInput = { event: string; room: string; at: number; participant?: { sid: string; identity: string; joinedAt?: number }; id?: string };

function eventBody({ event, room, at, participant, id }: EventInput) {
  return JSON.stringify({
    event,
    id: id ?? `EV_${++counter}_${randomBytes(3).toString("hex")}`,
    createdAt: String(at),
    room: { sid: "RM_1", name: room },
    ...(participant
      ? { participant: { sid: participant.sid, identity: participant.identity, state: "ACTIVE", joinedAt: String(participant.joinedAt ?? at), joinedAtMs: String((participant.joinedAt ?? at) * 1000) } }
      : {}),
  });
}

async function deliver(body: string, authorization?: string | null) {
  const headers: Record<string, string> = { "Content-Type": "application/webhook+json" };
  const auth = authorization === undefined ? await signWebhook(body) : authorization;
  if (auth) headers.Authorization = auth;
  return call(webhook.action, new Request(new URL("/webhooks/livekit", BASE_URL), { method: "POST", headers, body }));
}

const send = async (input: EventInput) => {
  const response = await deliver(eventBody(input));
  expect(response.status).toBe(200);
  return response.text();
};

beforeAll(() => useLiveKit({ url: "http://127.0.0.1:9" }));
afterAll(() => useLiveKit(null));

it("turns room_started into a live webinar and room_finished into an ended one, storing each event id", async () => {
  const webinar = await createWebinar();
  const started = eventBody({ event: "room_started", room: webinar.roomName, at: T0 - 60, id: "EV_started_1" });
  expect(await (await deliver(started)).text()).toBe("handled");
  expect(await db.webinar.findUniqueOrThrow({ where: { id: webinar.id } })).toMatchObject({ status: "LIVE", liveStartedAt: new Date((T0 - 60) * 1000), liveEndedAt: null });
  expect(await db.liveKitWebhookEvent.findUnique({ where: { id: "EV_started_1" } })).toMatchObject({ event: "room_started", roomName: webinar.roomName });
  await send({ event: "room_finished", room: webinar.roomName, at: T0 + 95 * 60 });
  expect(await db.webinar.findUniqueOrThrow({ where: { id: webinar.id } })).toMatchObject({ status: "ENDED", liveEndedAt: new Date((T0 + 95 * 60) * 1000) });
  // A room_started from before that end arriving late does not reopen it.
  await send({ event: "room_started", room: webinar.roomName, at: T0 - 30 });
  expect((await db.webinar.findUniqueOrThrow({ where: { id: webinar.id } })).status).toBe("ENDED");
});

it("refuses a tampered body, a wrong key and a missing or malformed signature with 401, storing nothing", async () => {
  const webinar = await createWebinar();
  const body = eventBody({ event: "room_started", room: webinar.roomName, at: T0 });
  const tampered = body.replace("room_started", "room_finished");
  const events = await db.liveKitWebhookEvent.count();
  expect((await deliver(tampered, await signWebhook(body))).status).toBe(401);
  expect((await deliver(body, await signWebhook(body, "devkey-test", "another-secret-entirely-0123456789"))).status).toBe(401);
  expect((await deliver(body, await signWebhook(body, "other-key"))).status).toBe(401);
  expect((await deliver(body, null)).status).toBe(401);
  expect((await deliver(body, "not-a-jwt")).status).toBe(401);
  expect((await deliver(body, `Bearer ${await signWebhook(body)}`)).status).toBe(401);
  expect(await db.liveKitWebhookEvent.count()).toBe(events);
  expect((await db.webinar.findUniqueOrThrow({ where: { id: webinar.id } })).status).toBe("SCHEDULED");
  // An oversized body is refused before it is verified.
  const huge = JSON.stringify({ event: "room_started", pad: "x".repeat(70 * 1024) });
  expect((await deliver(huge)).status).toBe(413);
});

it("answers a replayed delivery without doing anything twice", async () => {
  const webinar = await createWebinar();
  const user = await createUser();
  const joined = eventBody({ event: "participant_joined", room: webinar.roomName, at: T0, participant: { sid: "PA_replay", identity: user.id }, id: "EV_replay_join" });
  const left = eventBody({ event: "participant_left", room: webinar.roomName, at: T0 + 600, participant: { sid: "PA_replay", identity: user.id, joinedAt: T0 }, id: "EV_replay_left" });
  expect(await (await deliver(joined)).text()).toBe("handled");
  expect(await (await deliver(left)).text()).toBe("handled");
  expect(await (await deliver(joined)).text()).toBe("duplicate");
  expect(await (await deliver(left)).text()).toBe("duplicate");
  const rows = await db.webinarAttendance.findMany({ where: { webinarId: webinar.id } });
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ userId: user.id, joinedAt: new Date(T0 * 1000), leftAt: new Date((T0 + 600) * 1000) });
});

it("gets the interval right when participant_left arrives before participant_joined", async () => {
  const webinar = await createWebinar();
  const user = await createUser();
  await send({ event: "participant_left", room: webinar.roomName, at: T0 + 1800, participant: { sid: "PA_late", identity: user.id, joinedAt: T0 + 300 } });
  await send({ event: "participant_joined", room: webinar.roomName, at: T0 + 300, participant: { sid: "PA_late", identity: user.id } });
  const [row] = await db.webinarAttendance.findMany({ where: { webinarId: webinar.id } });
  expect(row).toMatchObject({ joinedAt: new Date((T0 + 300) * 1000), leftAt: new Date((T0 + 1800) * 1000) });
  expect((await attendanceMinutes(webinar.id)).map(({ userId, minutes }) => ({ userId, minutes }))).toEqual([{ userId: user.id, minutes: 25 }]);
});

it("closes with room_finished the intervals whose participant_left never comes, and a late left still ends them right", async () => {
  const webinar = await createWebinar();
  const [anna, bruno] = [await createUser(), await createUser()];
  await send({ event: "room_started", room: webinar.roomName, at: T0 - 120 });
  await send({ event: "participant_joined", room: webinar.roomName, at: T0, participant: { sid: "PA_anna", identity: anna.id } });
  await send({ event: "participant_joined", room: webinar.roomName, at: T0 + 60, participant: { sid: "PA_bruno", identity: bruno.id } });
  await send({ event: "participant_connection_aborted", room: webinar.roomName, at: T0 + 30 * 60, participant: { sid: "PA_bruno", identity: bruno.id, joinedAt: T0 + 60 } });
  await send({ event: "room_finished", room: webinar.roomName, at: T0 + 90 * 60 });
  const rows = await db.webinarAttendance.findMany({ where: { webinarId: webinar.id }, orderBy: { joinedAt: "asc" } });
  expect(rows.map((row) => row.leftAt)).toEqual([new Date((T0 + 90 * 60) * 1000), new Date((T0 + 30 * 60) * 1000)]);
  // Anna's own participant_left, delivered after the room_finished, ends her interval when she really left.
  await send({ event: "participant_left", room: webinar.roomName, at: T0 + 80 * 60, participant: { sid: "PA_anna", identity: anna.id, joinedAt: T0 } });
  expect((await db.webinarAttendance.findFirstOrThrow({ where: { participantSid: "PA_anna" } })).leftAt).toEqual(new Date((T0 + 80 * 60) * 1000));
  expect((await db.webinar.findUniqueOrThrow({ where: { id: webinar.id } })).status).toBe("ENDED");
  const minutes = await attendanceMinutes(webinar.id);
  expect(minutes.map(({ userId, minutes }) => ({ userId, minutes }))).toEqual([
    { userId: anna.id, minutes: 80 },
    { userId: bruno.id, minutes: 29 },
  ]);
});

it("acknowledges and ignores events for rooms that are not a webinar's, and participants that are not accounts", async () => {
  const events = await db.liveKitWebhookEvent.count();
  expect(await send({ event: "room_started", room: "someone-elses-room", at: T0 })).toBe("ignored");
  expect(await send({ event: "participant_joined", room: "someone-elses-room", at: T0, participant: { sid: "PA_x", identity: "x" } })).toBe("ignored");
  expect(await db.liveKitWebhookEvent.count()).toBe(events);
  const webinar = await createWebinar();
  await send({ event: "participant_joined", room: webinar.roomName, at: T0, participant: { sid: "PA_rec", identity: "EG_recorder" } });
  expect(await db.webinarAttendance.count({ where: { webinarId: webinar.id } })).toBe(0);
});

it("treats a room closed before the scheduled start as a rehearsal, not the end of the webinar", async () => {
  const webinar = await createWebinar();
  await send({ event: "room_started", room: webinar.roomName, at: T0 - 10 * 60 });
  await send({ event: "room_finished", room: webinar.roomName, at: T0 - 5 * 60 });
  expect(await db.webinar.findUniqueOrThrow({ where: { id: webinar.id } })).toMatchObject({ status: "SCHEDULED", liveStartedAt: null, liveEndedAt: null });
  await send({ event: "room_started", room: webinar.roomName, at: T0 - 2 * 60 });
  expect((await db.webinar.findUniqueOrThrow({ where: { id: webinar.id } })).status).toBe("LIVE");
});

it("counts a person's overlapping and repeated connections once (union, not sum)", async () => {
  const at = (minutes: number) => new Date((T0 + minutes * 60) * 1000);
  // Laptop 0-50, phone 40-60 at the same time, back after a break 70-90: 60 + 20 minutes.
  expect(coveredMs([{ joinedAt: at(0), leftAt: at(50) }, { joinedAt: at(40), leftAt: at(60) }, { joinedAt: at(70), leftAt: at(90) }], at(100)) / 60_000).toBe(80);
  // An interval inside another adds nothing; an open one counts until now.
  expect(coveredMs([{ joinedAt: at(0), leftAt: at(30) }, { joinedAt: at(10), leftAt: at(20) }, { joinedAt: at(25), leftAt: null }], at(45)) / 60_000).toBe(45);
  expect(coveredMs([], at(0))).toBe(0);
});

it("turns signed egress news into the webinar's recording: started, then complete with its duration in seconds, whatever the order", async () => {
  const webinar = await createWebinar();
  const egress = (status: string, updatedAt: number, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      event: status === "EGRESS_COMPLETE" ? "egress_ended" : "egress_started",
      id: `EV_eg_${++counter}`,
      createdAt: String(updatedAt),
      egressInfo: { egressId: "EG_hook", roomName: webinar.roomName, status, updatedAt: `${updatedAt}000000000`, ...extra },
    });
  const complete = egress("EGRESS_COMPLETE", T0 + 5400, {
    startedAt: `${T0}000000000`,
    endedAt: `${T0 + 5400}000000000`,
    fileResults: [{ filename: "webinars/recordings/EG_hook", location: "s3://coop/webinars/recordings/EG_hook", duration: "5400000000000", size: "734003200" }],
  });
  // The end arrives first; the late start must not move the recording back.
  expect(await (await deliver(complete)).text()).toBe("handled");
  expect(await (await deliver(egress("EGRESS_STARTING", T0))).text()).toBe("ignored");
  expect(await (await deliver(complete, "not-a-signature")).status).toBe(401);
  const recording = await db.recording.findUniqueOrThrow({ where: { egressId: "EG_hook" } });
  expect(recording).toMatchObject({ webinarId: webinar.id, status: "COMPLETE", durationSeconds: 5400, location: "s3://coop/webinars/recordings/EG_hook" });
  expect(Number(recording.size)).toBe(734003200);
});
