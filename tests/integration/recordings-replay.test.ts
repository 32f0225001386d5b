// The replay: uploads (type by content, size limit, nothing left behind), Range responses on disk
// and S3 (signed URL), refusal for those without access, captions validated, chapters, and the
// heartbeat counting each second of video once.
import { db } from "~/lib/db.server.ts";
import { resetEnvCache } from "~/lib/env.server.ts";
import { setStorageForTests } from "~/lib/storage/storage.server.ts";
import { action as pageAction, loader as pageLoader } from "~/routes/webinars.$slug.recording._index.tsx";
import { loader as captionsLoader } from "~/routes/webinars.$slug.recording.$id.captions.tsx";
import { action as heartbeatAction } from "~/routes/webinars.$slug.recording.$id.heartbeat.tsx";
import { loader as videoLoader } from "~/routes/webinars.$slug.recording.$id.video.tsx";
import { createUser, sessionCookieFor } from "../helpers/fixtures.ts";
import { BASE_URL, call, formRequest, getRequest } from "../helpers/requests.ts";
import { localBackend, s3Backend, type TestBackend } from "../helpers/storage.ts";
import { createWebinar } from "./recordings-helpers.ts";

const BOUNDARY = "----coop-recordings";
const DAY = 24 * 3600 * 1000;

/** Bytes that pass as MP4 by content: an ftyp box, then a recognisable pattern. */
function fakeMp4(size: number) {
  const bytes = new Uint8Array(size);
  bytes.set([0, 0, 0, 0x18, ...Buffer.from("ftypisom")]);
  for (let i = 12; i < size; i++) bytes[i] = i % 251;
  return bytes;
}

function multipart(path: string, field: string, fileName: string, bytes: Uint8Array, cookie: string, contentType = "video/mp4") {
  const head = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  return new Request(new URL(path, BASE_URL), {
    method: "POST",
    headers: { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}`, Cookie: cookie },
    body: Buffer.concat([head, Buffer.from(bytes), tail]),
  });
}

async function people() {
  const org = await db.organization.create({ data: { name: "Comune Replay", kind: "MUNICIPALITY" } });
  await db.enrolment.create({ data: { organizationId: org.id, kit: "BASIC", status: "ACTIVE", startsAt: new Date(Date.now() - DAY), endsAt: new Date(Date.now() + 100 * DAY), seats: 10 } });
  const viewer = await createUser({ organizationId: org.id });
  const outsider = await createUser();
  const host = await createUser();
  return { viewer, outsider, host };
}

describe.each([["local", localBackend], ["s3", s3Backend]] as const)("on %s storage", (name, make) => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await make();
    setStorageForTests(backend.storage);
  });
  afterAll(async () => {
    setStorageForTests(undefined);
    await backend.stop();
  });

  it("a host uploads a video; viewers get it whole, by range (206, exact bytes) or a 416; outsiders are refused", async () => {
    const { viewer, outsider, host } = await people();
    const webinar = await createWebinar();
    await db.webinarRole.create({ data: { webinarId: webinar.id, userId: host.id, role: "HOST" } });
    const bytes = fakeMp4(200_000);
    const hostCookie = await sessionCookieFor(host.id);
    const uploaded = await call(pageAction, multipart(`/webinars/${webinar.slug}/recording`, "video", "lezione.mp4", bytes, hostCookie), { slug: webinar.slug });
    expect(uploaded.status).toBe(302);
    const recording = await db.recording.findFirstOrThrow({ where: { webinarId: webinar.id } });
    expect(recording).toMatchObject({ source: "UPLOAD", status: "COMPLETE", fileName: "lezione.mp4", contentType: "video/mp4", size: 200_000n });

    const path = `/webinars/${webinar.slug}/recording/${recording.id}/video`;
    const params = { slug: webinar.slug, id: recording.id };
    const viewerCookie = await sessionCookieFor(viewer.id);
    const page = await call(pageLoader, getRequest(`/webinars/${webinar.slug}/recording`, { cookie: viewerCookie }), { slug: webinar.slug });
    expect(page.status).toBe(200);
    expect((await page.json()).recordings).toHaveLength(1);

    const ranged = await call(videoLoader, getRequest(path, { cookie: viewerCookie, headers: { Range: "bytes=1000-1999" } }), params);
    if (name === "s3") {
      // S3: a short-lived signed URL; the bucket serves the range itself
      expect(ranged.status).toBe(302);
      const location = ranged.headers.get("Location")!;
      expect(location).toMatch(/X-Amz-Expires=300/);
      const fromBucket = await fetch(location, { headers: { Range: "bytes=1000-1999" } });
      expect(fromBucket.status).toBe(206);
      expect(new Uint8Array(await fromBucket.arrayBuffer())).toEqual(bytes.slice(1000, 2000));
    } else {
      expect(ranged.status).toBe(206);
      expect(ranged.headers.get("Content-Range")).toBe("bytes 1000-1999/200000");
      expect(new Uint8Array(await ranged.arrayBuffer())).toEqual(bytes.slice(1000, 2000));
      const whole = await call(videoLoader, getRequest(path, { cookie: viewerCookie }), params);
      expect(whole.status).toBe(200);
      expect(new Uint8Array(await whole.arrayBuffer())).toEqual(bytes);
      const bad = await call(videoLoader, getRequest(path, { cookie: viewerCookie, headers: { Range: "bytes=300000-300010" } }), params);
      expect(bad.status).toBe(416);
      expect(bad.headers.get("Content-Range")).toBe("bytes */200000");
    }
    // no recordings entitlement: refused with the reason (the webinar is public)
    expect((await call(videoLoader, getRequest(path, { cookie: await sessionCookieFor(outsider.id) }), params)).status).toBe(403);
    expect((await call(videoLoader, getRequest(path), params)).headers.get("Location")).toMatch(/^\/login/);
    // a recording id of another webinar is not found through this one
    const other = await createWebinar();
    expect((await call(videoLoader, getRequest(`/webinars/${other.slug}/recording/${recording.id}/video`, { cookie: viewerCookie }), { slug: other.slug, id: recording.id })).status).toBe(404);
    // a draft is not even shown to them
    const draft = await createWebinar({ status: "DRAFT" });
    expect((await call(pageLoader, getRequest(`/webinars/${draft.slug}/recording`, { cookie: viewerCookie }), { slug: draft.slug })).status).toBe(404);
    // viewers may not upload
    const refused = await call(pageAction, multipart(`/webinars/${webinar.slug}/recording`, "video", "x.mp4", bytes, viewerCookie), { slug: webinar.slug });
    expect(refused.status).toBe(403);
  });

  it("an oversize or wrong-type upload is refused with a message and leaves nothing behind", async () => {
    const { host } = await people();
    const webinar = await createWebinar();
    await db.webinarRole.create({ data: { webinarId: webinar.id, userId: host.id, role: "HOST" } });
    const cookie = await sessionCookieFor(host.id);
    const before = await backend.listKeys();
    process.env.RECORDING_UPLOAD_MAX_MB = "1";
    resetEnvCache();
    try {
      const big = await call(pageAction, multipart(`/webinars/${webinar.slug}/recording`, "video", "lunga.mp4", fakeMp4(1_500_000), cookie), { slug: webinar.slug });
      expect(big.status).toBe(413);
      expect((await big.json()).problem.key).toBe("uploads:errors.tooLarge");
    } finally {
      delete process.env.RECORDING_UPLOAD_MAX_MB;
      resetEnvCache();
    }
    const pdfAsMp4 = new Uint8Array(Buffer.from("%PDF-1.7 not a video"));
    const wrong = await call(pageAction, multipart(`/webinars/${webinar.slug}/recording`, "video", "video.mp4", pdfAsMp4, cookie), { slug: webinar.slug });
    expect(wrong.status).toBe(415);
    expect((await wrong.json()).problem.key).toBe("uploads:errors.wrongContent");
    expect(await db.recording.count({ where: { webinarId: webinar.id } })).toBe(0);
    expect(await backend.listKeys()).toEqual(before);
  });
});

describe("captions, chapters and minutes watched", () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await localBackend();
    setStorageForTests(backend.storage);
  });
  afterAll(async () => {
    setStorageForTests(undefined);
    await backend.stop();
  });

  async function uploaded() {
    const { viewer, host } = await people();
    const webinar = await createWebinar();
    await db.webinarRole.create({ data: { webinarId: webinar.id, userId: host.id, role: "HOST" } });
    const hostCookie = await sessionCookieFor(host.id);
    await call(pageAction, multipart(`/webinars/${webinar.slug}/recording`, "video", "lezione.mp4", fakeMp4(10_000), hostCookie), { slug: webinar.slug });
    const recording = await db.recording.findFirstOrThrow({ where: { webinarId: webinar.id } });
    await db.recording.update({ where: { id: recording.id }, data: { durationSeconds: 600 } });
    return { webinar, recording, hostCookie, viewerCookie: await sessionCookieFor(viewer.id), viewer };
  }

  it("WebVTT captions are validated, stored and served; a bad file is refused with the line", async () => {
    const { webinar, recording, hostCookie, viewerCookie } = await uploaded();
    const path = `/webinars/${webinar.slug}/recording?captions=${recording.id}`;
    const vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nBenvenute e benvenuti\n";
    const bad = await call(pageAction, multipart(path, "captions", "sub.vtt", new Uint8Array(Buffer.from("WEBVTT\n\n00:01.000 --> 00:00.500\nIndietro\n")), hostCookie, "text/vtt"), { slug: webinar.slug });
    expect(bad.status).toBe(400);
    expect((await bad.json()).problem).toEqual({ status: 400, key: "recordings:captions.badTiming", values: { line: 3 } });
    const notVtt = await call(pageAction, multipart(path, "captions", "sub.vtt", new Uint8Array(Buffer.from("1\n00:00:01,000 --> 00:00:02,000\nSRT\n")), hostCookie, "text/vtt"), { slug: webinar.slug });
    expect(notVtt.status).toBe(415);
    const ok = await call(pageAction, multipart(path, "captions", "sub.vtt", new Uint8Array(Buffer.from(vtt)), hostCookie, "text/vtt"), { slug: webinar.slug });
    expect(ok.status).toBe(302);
    const served = await call(captionsLoader, getRequest(`/webinars/${webinar.slug}/recording/${recording.id}/captions`, { cookie: viewerCookie }), { slug: webinar.slug, id: recording.id });
    expect(served.headers.get("Content-Type")).toBe("text/vtt; charset=utf-8");
    expect(await served.text()).toBe(vtt);
  });

  it("chapters from mm:ss lines, sorted; a bad line keeps the text and names the line", async () => {
    const { webinar, recording, hostCookie } = await uploaded();
    const post = (chapters: string) => call(pageAction, formRequest(`/webinars/${webinar.slug}/recording`, { intent: "chapters", recordingId: recording.id, chapters }, { cookie: hostCookie }), { slug: webinar.slug });
    expect((await post("5:00 Domande\n0:00 Apertura\n1:02:03 Oltre")).status).toBe(400);
    const bad = await post("0:00 Apertura\nsenza tempo");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ problem: { key: "recordings:chapters.badLine", values: { line: 2 } }, chapters: "0:00 Apertura\nsenza tempo" });
    expect((await post("5:00 Domande\n0:00 Apertura")).status).toBe(302);
    expect(await db.recordingChapter.findMany({ where: { recordingId: recording.id }, orderBy: { startSeconds: "asc" }, select: { startSeconds: true, title: true } })).toEqual([
      { startSeconds: 0, title: "Apertura" },
      { startSeconds: 300, title: "Domande" },
    ]);
  });

  it("the heartbeat counts each second of video once, and never more than the time that passed allows", async () => {
    const { webinar, recording, viewerCookie, viewer } = await uploaded();
    const beat = (from: number, to: number) =>
      call(heartbeatAction, formRequest(`/webinars/${webinar.slug}/recording/${recording.id}/heartbeat`, { from: String(from), to: String(to) }, { cookie: viewerCookie }), { slug: webinar.slug, id: recording.id });
    expect(await (await beat(0, 30)).json()).toEqual({ watchedSeconds: 30 });
    // rewatching the same 30 seconds adds nothing
    await db.recordingWatch.update({ where: { recordingId_userId: { recordingId: recording.id, userId: viewer.id } }, data: { lastHeartbeatAt: new Date(Date.now() - 60_000) } });
    expect(await (await beat(0, 30)).json()).toEqual({ watchedSeconds: 30 });
    // right after a beat, a claim of 10 minutes is cut to what a 2x player could have played
    expect((await (await beat(100, 700)).json()).watchedSeconds).toBeLessThanOrEqual(30 + 5);
    expect((await beat(10, 5)).status).toBe(400);
  });
});
