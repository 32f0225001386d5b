// Recording the live room through LiveKit Egress, via livekit-server-sdk against the loopback Twirp
// server: a host starts (the Recording exists at once, STARTING, written to a storage key), a second
// start is refused while one runs, stop, then LiveKit's signed egress_ended webhook completes it.
// Non-hosts are refused before anything reaches LiveKit; everyone in the room sees that it records.
import { randomBytes } from "node:crypto";
import { EncodedFileType } from "livekit-server-sdk";
import { db } from "~/lib/db.server.ts";
import { isValidStorageKey } from "~/lib/storage/storage.server.ts";
import { fileOutputFor } from "~/modules/webinars/livekit/recording-actions.server.ts";
import * as room from "~/routes/webinars.$slug.room.tsx";
import * as webhook from "~/routes/webhooks.livekit.ts";
import { createUser, sessionCookieFor } from "../helpers/fixtures.ts";
import { signWebhook, startTwirpServer, useLiveKit, type TwirpServer } from "../helpers/livekit.ts";
import { BASE_URL, call, formRequest, getRequest } from "../helpers/requests.ts";

const MINUTE = 60_000;
const KEY = /^webinars\/recordings\/\d{4}\/\d{2}\/[0-9a-f-]{36}$/;
let twirp: TwirpServer;

async function createWebinar() {
  const suffix = randomBytes(4).toString("hex");
  return db.webinar.create({
    data: { slug: `reg-${suffix}`, title: `Registrato ${suffix}`, description: "", status: "LIVE", startsAt: new Date(Date.now() - 5 * MINUTE), audience: "PUBLIC", roomName: `webinar-rec-${suffix}` },
  });
}

async function person(overrides: Parameters<typeof createUser>[0] = {}) {
  const user = await createUser(overrides);
  return { ...user, cookie: await sessionCookieFor(user.id) };
}

async function withHost() {
  const webinar = await createWebinar();
  const host = await person();
  await db.webinarRole.create({ data: { webinarId: webinar.id, userId: host.id, role: "HOST" } });
  return { webinar, host };
}

const post = (slug: string, cookie: string, intent: string) => call(room.action, formRequest(`/webinars/${slug}/room`, { intent }, { cookie }), { slug });
const page = async (slug: string, cookie: string) => {
  const response = await call(room.loader, getRequest(`/webinars/${slug}/room`, { cookie }), { slug });
  expect(response.status).toBe(200);
  return (await response.json()) as { recording: { active: { status: string } | null; failed: { error: string } | null } };
};
const egressCalls = () => twirp.calls.filter((entry) => entry.service === "Egress").length;

async function deliverEgress(event: string, egressInfo: Record<string, unknown>) {
  const body = JSON.stringify({ event, id: `EV_${randomBytes(4).toString("hex")}`, createdAt: String(Math.floor(Date.now() / 1000)), egressInfo });
  const response = await call(webhook.action, new Request(new URL("/webhooks/livekit", BASE_URL), { method: "POST", headers: { "Content-Type": "application/webhook+json", Authorization: await signWebhook(body) }, body }));
  expect(response.status).toBe(200);
}

beforeAll(async () => {
  twirp = await startTwirpServer();
  useLiveKit(twirp);
});
afterAll(async () => {
  useLiveKit(null);
  await twirp?.close();
});

it("records from start to the file: STARTING at once, a second start refused, stop, then complete from the webhook", async () => {
  const { webinar, host } = await withHost();
  const attendee = await person();
  expect((await page(webinar.slug, attendee.cookie)).recording.active).toBeNull();

  const started = await post(webinar.slug, host.cookie, "record-start");
  expect(started.status).toBe(200);
  const [start] = twirp.callsOf("StartRoomCompositeEgress").slice(-1);
  type FileOut = { fileType: string; filepath: string; s3?: unknown };
  const request = start.body as { roomName?: string; room_name?: string; layout: string; file?: FileOut; fileOutputs?: FileOut[] };
  const file = request.fileOutputs?.[0] ?? request.file!;
  expect(request.roomName ?? request.room_name).toBe(webinar.roomName);
  expect(request.layout).toBe("speaker");
  expect(file.fileType).toBe("MP4");
  expect(file.filepath).toMatch(KEY);
  expect(file.s3).toBeUndefined(); // local storage here: nothing to upload to

  const recording = await db.recording.findFirstOrThrow({ where: { webinarId: webinar.id } });
  expect(recording).toMatchObject({ source: "EGRESS", status: "STARTING", createdById: host.id });
  expect(recording.egressId).toMatch(/^EG_/);
  // Everyone in the room is told it is being recorded.
  expect((await page(webinar.slug, attendee.cookie)).recording.active).toEqual({ status: "STARTING" });

  const again = await post(webinar.slug, host.cookie, "record-start");
  expect(again.status).toBe(409);
  expect(await again.json()).toMatchObject({ ok: false, reason: "webinarRoom:errors.recordingActive" });
  expect(twirp.callsOf("StartRoomCompositeEgress").filter((entry) => entry.body.roomName === webinar.roomName || entry.body.room_name === webinar.roomName)).toHaveLength(1);

  const stopped = await post(webinar.slug, host.cookie, "record-stop");
  expect(stopped.status).toBe(200);
  const [stop] = twirp.callsOf("StopEgress").slice(-1);
  expect(stop.body.egressId ?? stop.body.egress_id).toBe(recording.egressId);
  // ENDING: still being written (not yet a file), so still "active" for a second start.
  expect((await db.recording.findUniqueOrThrow({ where: { id: recording.id } })).status).toBe("ACTIVE");
  expect((await post(webinar.slug, host.cookie, "record-start")).status).toBe(409);

  await deliverEgress("egress_ended", {
    egressId: recording.egressId,
    roomName: webinar.roomName,
    status: "EGRESS_COMPLETE",
    startedAt: `${Date.now() - 10 * MINUTE}000000`,
    endedAt: `${Date.now()}000000`,
    updatedAt: `${Date.now() + 1000}000000`,
    // LiveKit Egress appends the file type's extension to the path it was given.
    fileResults: [{ filename: `${file.filepath}.mp4`, location: `s3://coop/${file.filepath}.mp4`, duration: "600000000000", size: "52428800" }],
  });
  const done = await db.recording.findUniqueOrThrow({ where: { id: recording.id } });
  expect(done).toMatchObject({ status: "COMPLETE", durationSeconds: 600, storageKey: `${file.filepath}.mp4` });
  expect(Number(done.size)).toBe(52428800);
  expect((await page(webinar.slug, attendee.cookie)).recording.active).toBeNull();

  const log = await db.auditLog.findMany({ where: { targetId: webinar.id, action: { startsWith: "webinar-room.record" } }, orderBy: { createdAt: "asc" } });
  expect(log.map((entry) => [entry.action, entry.actorId])).toEqual([
    ["webinar-room.record_start", host.id],
    ["webinar-room.record_stop", host.id],
  ]);
});

it("refuses attendees and speakers (403) before anything reaches LiveKit, and a stop with nothing running (409)", async () => {
  const { webinar, host } = await withHost();
  const attendee = await person();
  const speaker = await person();
  await db.webinarRole.create({ data: { webinarId: webinar.id, userId: speaker.id, role: "SPEAKER" } });
  const before = egressCalls();
  for (const who of [attendee, speaker]) {
    for (const intent of ["record-start", "record-stop"]) expect((await post(webinar.slug, who.cookie, intent)).status).toBe(403);
  }
  const stop = await post(webinar.slug, host.cookie, "record-stop");
  expect(stop.status).toBe(409);
  expect(await stop.json()).toMatchObject({ reason: "webinarRoom:errors.noRecording" });
  expect(egressCalls()).toBe(before);
  expect(await db.recording.count({ where: { webinarId: webinar.id } })).toBe(0);
});

it("gives two hosts pressing start together one recording", async () => {
  const { webinar, host } = await withHost();
  const statuses = await Promise.all([post(webinar.slug, host.cookie, "record-start"), post(webinar.slug, host.cookie, "record-start")]).then((answers) => answers.map((answer) => answer.status).sort());
  expect(statuses).toEqual([200, 409]);
  expect(await db.recording.count({ where: { webinarId: webinar.id } })).toBe(1);
});

it("answers 503 with a message when LiveKit fails, and keeps no recording", async () => {
  const { webinar, host } = await withHost();
  twirp.replyOnce("StartRoomCompositeEgress", { status: 503, body: { code: "unavailable", msg: "no egress workers" } });
  const response = await post(webinar.slug, host.cookie, "record-start");
  expect(response.status).toBe(503);
  expect(await response.json()).toMatchObject({ ok: false, reason: "webinarRoom:errors.unavailable" });
  expect(await db.recording.count({ where: { webinarId: webinar.id } })).toBe(0);
});

it("shows hosts, and only hosts, why the last recording failed; a new one may then start", async () => {
  const { webinar, host } = await withHost();
  const attendee = await person();
  expect((await post(webinar.slug, host.cookie, "record-start")).status).toBe(200);
  const recording = await db.recording.findFirstOrThrow({ where: { webinarId: webinar.id } });
  await deliverEgress("egress_ended", { egressId: recording.egressId, roomName: webinar.roomName, status: "EGRESS_FAILED", error: "Start signal not received", updatedAt: `${Date.now()}000000` });
  expect((await page(webinar.slug, host.cookie)).recording).toEqual({ active: null, failed: expect.objectContaining({ error: "Start signal not received" }) });
  expect((await page(webinar.slug, attendee.cookie)).recording).toEqual({ active: null, failed: null });
  expect((await post(webinar.slug, host.cookie, "record-start")).status).toBe(200);
});

it("stops a recording whose end LiveKit knows but whose webhook was lost, from LiveKit's own list; keeps it when LiveKit fails", async () => {
  const { webinar, host } = await withHost();
  expect((await post(webinar.slug, host.cookie, "record-start")).status).toBe(200);
  const recording = await db.recording.findFirstOrThrow({ where: { webinarId: webinar.id } });

  twirp.replyOnce("StopEgress", { status: 503, body: { code: "unavailable", msg: "try later" } });
  const failing = await post(webinar.slug, host.cookie, "record-stop");
  expect(failing.status).toBe(503);
  expect((await db.recording.findUniqueOrThrow({ where: { id: recording.id } })).status).toBe("STARTING");

  twirp.replyOnce("StopEgress", { status: 412, body: { code: "failed_precondition", msg: "egress with status EGRESS_FAILED cannot be stopped" } });
  twirp.replyOnce("ListEgress", { body: { items: [{ egress_id: recording.egressId, room_name: webinar.roomName, status: "EGRESS_FAILED", error: "Chrome crashed", updated_at: `${Date.now()}000000` }] } });
  expect((await post(webinar.slug, host.cookie, "record-stop")).status).toBe(200);
  const listed = twirp.callsOf("ListEgress").slice(-1)[0];
  expect(listed.body.egressId ?? listed.body.egress_id).toBe(recording.egressId);
  expect(await db.recording.findUniqueOrThrow({ where: { id: recording.id } })).toMatchObject({ status: "FAILED", error: "Chrome crashed" });
  expect((await page(webinar.slug, host.cookie)).recording.failed).toMatchObject({ error: "Chrome crashed" });
});

it("ends a recording LiveKit no longer knows (aborted), so a new one can start", async () => {
  const { webinar, host } = await withHost();
  expect((await post(webinar.slug, host.cookie, "record-start")).status).toBe(200);
  twirp.replyOnce("StopEgress", { status: 404, body: { code: "not_found", msg: "egress not found" } });
  twirp.replyOnce("ListEgress", { body: { items: [] } });
  expect((await post(webinar.slug, host.cookie, "record-stop")).status).toBe(200);
  expect((await db.recording.findFirstOrThrow({ where: { webinarId: webinar.id } })).status).toBe("ABORTED");
  expect((await post(webinar.slug, host.cookie, "record-start")).status).toBe(200);
});

it("answers 409 to a host when LiveKit is not configured", async () => {
  const { webinar, host } = await withHost();
  useLiveKit(null);
  try {
    expect((await post(webinar.slug, host.cookie, "record-start")).status).toBe(409);
  } finally {
    useLiveKit(twirp);
  }
});

it("uploads to the app's bucket when storage is S3", () => {
  const output = fileOutputFor(
    { STORAGE_BACKEND: "s3", S3_BUCKET: "coop-files", S3_REGION: "eu-south-1", S3_ENDPOINT: "http://127.0.0.1:9000", S3_FORCE_PATH_STYLE: true, S3_ACCESS_KEY_ID: "id", S3_SECRET_ACCESS_KEY: "secret" },
    "webinars/recordings/2026/12/abc",
  );
  expect(output.fileType).toBe(EncodedFileType.MP4);
  expect(output.filepath).toBe("webinars/recordings/2026/12/abc");
  expect(output.output).toMatchObject({ case: "s3", value: { bucket: "coop-files", region: "eu-south-1", endpoint: "http://127.0.0.1:9000", forcePathStyle: true, accessKey: "id", secret: "secret" } });
});

it("accepts the extension Egress appends as the last part of a storage key, and nothing looser", () => {
  expect(isValidStorageKey("webinars/recordings/2026/12/3f0c-aa.mp4")).toBe(true);
  expect(isValidStorageKey("webinars/recordings/2026/12/3f0c-aa.ogg")).toBe(true);
  for (const key of ["webinars/recordings.mp4/x", "a/b.mp4.mp4", "a/b.meta.json", "a/.mp4", "a/b..mp4", "a/b.MP4", "a/b.exe", "../b.mp4"]) expect(isValidStorageKey(key)).toBe(false);
});
