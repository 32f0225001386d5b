// Egress webhooks (started, updated, ended; repeated or out of order; failed) lead to the right
// Recording state. The EgressInfo shapes are the SDK's: bigint nanoseconds, numeric status enums,
// or the JSON form (decimal strings, status names).
import { db } from "~/lib/db.server.ts";
import { activeRecording, recordEgressUpdate } from "~/modules/webinars/recordings/egress.server.ts";
import { createWebinar } from "./recordings-helpers.ts";

const NS = 1_000_000_000n;
const START = BigInt(Date.UTC(2026, 10, 20, 9, 0, 0)) * 1_000_000n;

function info(egressId: string, roomName: string, status: number, extra: Record<string, unknown> = {}) {
  return { egressId, roomName, status, startedAt: START, updatedAt: START + BigInt(status) * NS, ...extra };
}
const complete = (egressId: string, roomName: string) =>
  info(egressId, roomName, 3, {
    endedAt: START + 5400n * NS,
    updatedAt: START + 5401n * NS,
    fileResults: [{ filename: `webinars/recordings/2026/11/${egressId.toLowerCase().replace("_", "-")}`, location: `s3://bucket/webinars/recordings/2026/11/${egressId}`, duration: 5399_600_000_000n, size: 734_003_200n }],
  });

it("started, updated, ended: the recording ends COMPLETE with location, duration in seconds and size", async () => {
  const webinar = await createWebinar();
  expect(await recordEgressUpdate(info("EG_a", webinar.roomName, 0))).toBe("created");
  expect(await activeRecording(webinar.id)).toMatchObject({ egressId: "EG_a", status: "STARTING" });
  expect(await recordEgressUpdate(info("EG_a", webinar.roomName, 1))).toBe("updated");
  expect(await recordEgressUpdate(complete("EG_a", webinar.roomName))).toBe("updated");
  const recording = await db.recording.findUniqueOrThrow({ where: { egressId: "EG_a" } });
  expect(recording).toMatchObject({
    status: "COMPLETE",
    source: "EGRESS",
    webinarId: webinar.id,
    durationSeconds: 5400,
    size: 734_003_200n,
    storageKey: "webinars/recordings/2026/11/eg-a",
    location: "s3://bucket/webinars/recordings/2026/11/EG_a",
  });
  expect(recording.startedAt?.toISOString()).toBe("2026-11-20T09:00:00.000Z");
  expect(recording.endedAt?.toISOString()).toBe("2026-11-20T10:30:00.000Z");
  expect(await activeRecording(webinar.id)).toBeNull();
});

it("a repeated or late webhook never moves a finished recording back", async () => {
  const webinar = await createWebinar();
  await recordEgressUpdate(complete("EG_b", webinar.roomName));
  expect(await recordEgressUpdate(complete("EG_b", webinar.roomName))).toBe("ignored");
  expect(await recordEgressUpdate(info("EG_b", webinar.roomName, 1))).toBe("ignored");
  expect(await recordEgressUpdate(info("EG_b", webinar.roomName, 0))).toBe("ignored");
  expect((await db.recording.findUniqueOrThrow({ where: { egressId: "EG_b" } })).status).toBe("COMPLETE");
});

it("out of order: ACTIVE before STARTING stays ACTIVE; an older update of the same state is ignored", async () => {
  const webinar = await createWebinar();
  await recordEgressUpdate(info("EG_c", webinar.roomName, 1, { updatedAt: START + 10n * NS }));
  expect(await recordEgressUpdate(info("EG_c", webinar.roomName, 0))).toBe("ignored");
  expect(await recordEgressUpdate(info("EG_c", webinar.roomName, 1, { updatedAt: START + 5n * NS }))).toBe("ignored");
  expect(await recordEgressUpdate(info("EG_c", webinar.roomName, 2, { updatedAt: START + 20n * NS }))).toBe("updated");
  expect((await db.recording.findUniqueOrThrow({ where: { egressId: "EG_c" } })).status).toBe("ACTIVE");
});

it("a failed egress keeps the error for the hosts; aborted is its own state", async () => {
  const webinar = await createWebinar();
  await recordEgressUpdate(info("EG_d", webinar.roomName, 1));
  await recordEgressUpdate(info("EG_d", webinar.roomName, 4, { error: "could not upload to storage", updatedAt: START + 99n * NS }));
  expect(await db.recording.findUniqueOrThrow({ where: { egressId: "EG_d" } })).toMatchObject({ status: "FAILED", error: "could not upload to storage", storageKey: null });
  await recordEgressUpdate(info("EG_e", webinar.roomName, 5));
  expect((await db.recording.findUniqueOrThrow({ where: { egressId: "EG_e" } })).status).toBe("ABORTED");
});

it("reads the JSON form: decimal strings and status names", async () => {
  const webinar = await createWebinar();
  await recordEgressUpdate({
    egressId: "EG_f",
    roomName: webinar.roomName,
    status: "EGRESS_COMPLETE",
    startedAt: String(START),
    endedAt: String(START + 60n * NS),
    fileResults: [{ filename: "rec.mp4", location: "/var/recordings/rec.mp4", duration: "60000000000", size: "1048576" }],
  });
  // "rec.mp4" is not a storage key (extension): the location is kept, nothing is streamed from it
  expect(await db.recording.findUniqueOrThrow({ where: { egressId: "EG_f" } })).toMatchObject({ status: "COMPLETE", durationSeconds: 60, size: 1048576n, storageKey: null, location: "/var/recordings/rec.mp4" });
});

it("an egress for an unknown room creates nothing", async () => {
  expect(await recordEgressUpdate(info("EG_g", "no-such-room", 0))).toBe("unknown-room");
  expect(await db.recording.count({ where: { egressId: "EG_g" } })).toBe(0);
});
