// The live room through livekit-server-sdk against a loopback Twirp server: who gets a token and
// with which grants (decoded from the JWT), when the room opens, the room being created, the raised
// hand, and the host's promote / demote / mute / remove calls, refused to anyone but a host of
// THIS webinar. Without LiveKit configured the page still works and says so.
import { randomBytes } from "node:crypto";
import { db } from "~/lib/db.server.ts";
import * as room from "~/routes/webinars.$slug.room.tsx";
import * as check from "~/routes/webinars.$slug.check.tsx";
import * as probe from "~/routes/webinars.$slug.check.probe.ts";
import { PROBE_MAX_BYTES } from "~/modules/webinars/livekit/probe.server.ts";
import { contentSecurityPolicy } from "../../server/security.ts";
import { createUser, sessionCookieFor } from "../helpers/fixtures.ts";
import { decodeJwt, startTwirpServer, TEST_API_KEY, useLiveKit, type TwirpServer } from "../helpers/livekit.ts";
import { BASE_URL, call, formRequest, getRequest } from "../helpers/requests.ts";

const MINUTE = 60_000;
let twirp: TwirpServer;

type WebinarInput = { status?: "DRAFT" | "SCHEDULED" | "LIVE" | "ENDED" | "CANCELLED"; startsInMinutes?: number; capacity?: number; audience?: "PUBLIC" | "KITS"; kits?: ("BASIC" | "PLUS")[] };

async function createWebinar({ status = "SCHEDULED", startsInMinutes = 5, capacity, audience = "PUBLIC", kits = [] }: WebinarInput = {}) {
  const suffix = randomBytes(4).toString("hex");
  return db.webinar.create({
    data: {
      slug: `stanza-${suffix}`,
      title: `Webinar di prova ${suffix}`,
      description: "Descrizione",
      status,
      startsAt: new Date(Date.now() + startsInMinutes * MINUTE),
      capacity,
      audience,
      roomName: `webinar-${suffix}`,
      audienceKits: { create: kits.map((kit) => ({ kit })) },
    },
  });
}

async function person(overrides: Parameters<typeof createUser>[0] = {}) {
  const user = await createUser(overrides);
  return { ...user, cookie: await sessionCookieFor(user.id) };
}

const post = (slug: string, cookie: string, fields: Record<string, string>) => call(room.action, formRequest(`/webinars/${slug}/room`, fields, { cookie }), { slug });
const open = (slug: string, cookie: string) => call(room.loader, getRequest(`/webinars/${slug}/room`, { cookie }), { slug });

async function tokenFor(slug: string, cookie: string) {
  const response = await post(slug, cookie, { intent: "join" });
  expect(response.status).toBe(200);
  expect(response.headers.get("Cache-Control")).toBe("no-store");
  const body = await response.json();
  return { body, claims: decodeJwt(body.token) as { sub: string; name: string; iss: string; exp: number; nbf: number; metadata: string; attributes: Record<string, string>; video: Record<string, unknown> } };
}

beforeAll(async () => {
  twirp = await startTwirpServer();
  useLiveKit(twirp);
});
afterAll(async () => {
  useLiveKit(null);
  await twirp?.close();
});

describe("tokens", () => {
  it("gives an attendee a short token that subscribes but cannot publish, and creates the room first", async () => {
    const webinar = await createWebinar();
    const attendee = await person({ name: "Giulia Ascolta" });
    const before = twirp.callsOf("CreateRoom").length;
    const { body, claims } = await tokenFor(webinar.slug, attendee.cookie);
    expect(body.url).toBe(twirp.url.replace("http", "ws"));
    expect(body.role).toBe("attendee");
    expect(claims).toMatchObject({ sub: attendee.id, name: "Giulia Ascolta", iss: TEST_API_KEY, attributes: { role: "attendee" } });
    expect(JSON.parse(claims.metadata)).toEqual({ role: "attendee", webinarId: webinar.id });
    expect(claims.video).toMatchObject({ roomJoin: true, room: webinar.roomName, canSubscribe: true, canPublish: false, canPublishData: true, roomAdmin: false });
    expect(claims.exp - claims.nbf).toBeLessThanOrEqual(10 * 60);
    expect(claims.exp * 1000).toBeGreaterThan(Date.now() + 5 * MINUTE);
    const created = twirp.callsOf("CreateRoom").slice(before);
    expect(created).toHaveLength(1);
    expect(created[0].body).toMatchObject({ name: webinar.roomName });
    expect(created[0].authorization).toMatch(/^Bearer ey/);
  });

  it("lets speakers publish and hosts administer the room; tutors host every webinar", async () => {
    const webinar = await createWebinar();
    const speaker = await person();
    const host = await person();
    await db.webinarRole.createMany({ data: [{ webinarId: webinar.id, userId: speaker.id, role: "SPEAKER" }, { webinarId: webinar.id, userId: host.id, role: "HOST" }] });
    const tutor = await person({ role: "TUTOR" });
    const speakerToken = (await tokenFor(webinar.slug, speaker.cookie)).claims;
    expect(speakerToken.video).toMatchObject({ canPublish: true, canSubscribe: true, roomAdmin: false });
    expect(speakerToken.video.canPublishSources).toEqual(expect.arrayContaining(["camera", "microphone", "screen_share"]));
    expect((await tokenFor(webinar.slug, host.cookie)).claims.video).toMatchObject({ canPublish: true, roomAdmin: true });
    expect((await tokenFor(webinar.slug, tutor.cookie)).claims).toMatchObject({ attributes: { role: "host" }, video: { canPublish: true, roomAdmin: true } });
    // A speaker of this webinar is an ordinary attendee in another one.
    const other = await createWebinar();
    expect((await tokenFor(other.slug, speaker.cookie)).claims).toMatchObject({ attributes: { role: "attendee" }, video: { canPublish: false, roomAdmin: false } });
  });

  it("opens the room joinOpensMinutesBefore the start for attendees, earlier for those who run it, and closes it after the end", async () => {
    const later = await createWebinar({ startsInMinutes: 60 });
    const attendee = await person({ locale: "it" });
    const refused = await post(later.slug, attendee.cookie, { intent: "join" });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ reason: "webinarRoom:reasons.notYetOpen", values: { opensAt: expect.any(String) } });
    const page = await (await open(later.slug, attendee.cookie)).json();
    expect(page.join).toMatchObject({ allowed: false, reason: "webinarRoom:reasons.notYetOpen" });
    const speaker = await person();
    await db.webinarRole.create({ data: { webinarId: later.id, userId: speaker.id, role: "SPEAKER" } });
    expect((await post(later.slug, speaker.cookie, { intent: "join" })).status).toBe(200);

    const over = await createWebinar({ startsInMinutes: -120 });
    expect(await (await post(over.slug, attendee.cookie, { intent: "join" })).json()).toMatchObject({ reason: "webinarRoom:reasons.closed" });
    // Running late: LiveKit still reports the room live, so it stays open.
    const late = await createWebinar({ startsInMinutes: -120, status: "LIVE" });
    expect((await post(late.slug, attendee.cookie, { intent: "join" })).status).toBe(200);
  });

  it("admits only registered attendees to a webinar with limited seats", async () => {
    const webinar = await createWebinar({ capacity: 10 });
    const registered = await person();
    const waiting = await person();
    await db.webinarRegistration.createMany({
      data: [
        { webinarId: webinar.id, userId: registered.id, status: "REGISTERED" },
        { webinarId: webinar.id, userId: waiting.id, status: "WAITLISTED" },
      ],
    });
    expect((await post(webinar.slug, registered.cookie, { intent: "join" })).status).toBe(200);
    expect(await (await post(webinar.slug, waiting.cookie, { intent: "join" })).json()).toMatchObject({ reason: "webinarRoom:reasons.notRegistered" });
  });

  it("refuses, with the policy's reason, a member whose kit does not include the webinar; a draft is not there", async () => {
    const plusOnly = await createWebinar({ audience: "KITS", kits: ["PLUS"] });
    const organization = await db.organization.create({ data: { name: "Comune Base Stanza", kind: "MUNICIPALITY" } });
    await db.enrolment.create({
      data: { organizationId: organization.id, kit: "BASIC", status: "ACTIVE", startsAt: new Date(Date.now() - 10 * 86_400_000), endsAt: new Date(Date.now() + 90 * 86_400_000), seats: 5 },
    });
    const basic = await person({ organizationId: organization.id });
    const refused = await post(plusOnly.slug, basic.cookie, { intent: "join" });
    expect(refused.status).toBe(403);
    expect((await refused.json()).reason).toBe("access:reasons.webinarNotInKit");
    expect((await open(plusOnly.slug, basic.cookie)).status).toBe(403);

    const draft = await createWebinar({ status: "DRAFT" });
    expect((await open(draft.slug, basic.cookie)).status).toBe(404);
    expect((await open("no-such-webinar", basic.cookie)).status).toBe(404);
    const admin = await person({ role: "ADMIN" });
    expect((await open(draft.slug, admin.cookie)).status).toBe(200);
  });
});

describe("hands and host actions", () => {
  let webinar: Awaited<ReturnType<typeof createWebinar>>;
  let host: Awaited<ReturnType<typeof person>>;
  let attendee: Awaited<ReturnType<typeof person>>;
  beforeAll(async () => {
    webinar = await createWebinar();
    host = await person();
    attendee = await person();
    await db.webinarRole.create({ data: { webinarId: webinar.id, userId: host.id, role: "HOST" } });
  });

  it("raises and lowers an attendee's own hand as a participant attribute", async () => {
    const before = twirp.callsOf("UpdateParticipant").length;
    expect((await post(webinar.slug, attendee.cookie, { intent: "hand", raised: "1" })).status).toBe(200);
    expect((await post(webinar.slug, attendee.cookie, { intent: "hand", raised: "0" })).status).toBe(200);
    const [up, down] = twirp.callsOf("UpdateParticipant").slice(before);
    expect(up.body).toMatchObject({ room: webinar.roomName, identity: attendee.id, attributes: { hand: expect.stringMatching(/^\d+$/) } });
    expect(down.body).toMatchObject({ identity: attendee.id, attributes: { hand: "" } });
    expect(up.body).not.toHaveProperty("permission");
  });

  it("promotes an attendee to speaker and back, sending every permission field", async () => {
    const before = twirp.callsOf("UpdateParticipant").length;
    expect((await post(webinar.slug, host.cookie, { intent: "promote", identity: attendee.id })).status).toBe(200);
    expect((await post(webinar.slug, host.cookie, { intent: "demote", identity: attendee.id })).status).toBe(200);
    const [promoted, demoted] = twirp.callsOf("UpdateParticipant").slice(before);
    const fields = (permission: unknown) => Object.fromEntries(Object.entries(permission as Record<string, unknown>).map(([key, value]) => [key.replace(/_(\w)/g, (_, c: string) => c.toUpperCase()), value]));
    expect(promoted.body).toMatchObject({ room: webinar.roomName, identity: attendee.id, attributes: { role: "speaker", hand: "" } });
    expect(fields(promoted.body.permission)).toMatchObject({ canSubscribe: true, canPublish: true, canPublishData: true, canPublishSources: ["CAMERA", "MICROPHONE", "SCREEN_SHARE", "SCREEN_SHARE_AUDIO"] });
    expect(fields(demoted.body.permission)).toMatchObject({ canSubscribe: true, canPublishData: true });
    // proto3 JSON leaves false and empty values out: a missing canPublish is false, so LiveKit revokes it.
    expect(fields(demoted.body.permission).canPublish ?? false).toBe(false);
    expect(fields(demoted.body.permission).canPublishSources ?? []).toEqual([]);
    expect(demoted.body).toMatchObject({ attributes: { role: "attendee" } });
    // Both are in the activity log, with the host, the webinar and the address they came from.
    const log = await db.auditLog.findMany({ where: { targetId: webinar.id }, orderBy: { createdAt: "asc" } });
    expect(log.map((entry) => entry.action)).toEqual(["webinar-room.promote", "webinar-room.demote"]);
    expect(log[0]).toMatchObject({ actorId: host.id, targetType: "Webinar", ipAddress: "127.0.0.1" });
  });

  it("mutes a participant's track and removes a participant", async () => {
    expect((await post(webinar.slug, host.cookie, { intent: "mute", identity: attendee.id, trackSid: "TR_abc123" })).status).toBe(200);
    expect(twirp.callsOf("MutePublishedTrack").at(-1)?.body).toMatchObject({ room: webinar.roomName, identity: attendee.id, muted: true });
    expect(JSON.stringify(twirp.callsOf("MutePublishedTrack").at(-1)?.body)).toContain("TR_abc123");
    expect((await post(webinar.slug, host.cookie, { intent: "remove", identity: attendee.id })).status).toBe(200);
    expect(twirp.callsOf("RemoveParticipant").at(-1)?.body).toMatchObject({ room: webinar.roomName, identity: attendee.id });
  });

  it("refuses host actions (403) to attendees, to speakers and support staff, and to the host of another webinar, calling nothing", async () => {
    const speaker = await person();
    const support = await person();
    await db.webinarRole.createMany({ data: [{ webinarId: webinar.id, userId: speaker.id, role: "SPEAKER" }, { webinarId: webinar.id, userId: support.id, role: "SUPPORT" }] });
    const other = await createWebinar();
    const otherHost = await person();
    await db.webinarRole.create({ data: { webinarId: other.id, userId: otherHost.id, role: "HOST" } });
    const calls = twirp.calls.length;
    for (const someone of [attendee, speaker, support, otherHost]) {
      for (const intent of ["promote", "demote", "remove"]) {
        expect((await post(webinar.slug, someone.cookie, { intent, identity: host.id })).status, `${intent}`).toBe(403);
      }
      expect((await post(webinar.slug, someone.cookie, { intent: "mute", identity: host.id, trackSid: "TR_x1" })).status).toBe(403);
    }
    expect(twirp.calls.length).toBe(calls);
    // ...while the other webinar's host runs their own room.
    expect((await post(other.slug, otherHost.cookie, { intent: "promote", identity: attendee.id })).status).toBe(200);
  });

  it("protects another host, says when the person already left, and checks the input", async () => {
    const tutor = await person({ role: "TUTOR" });
    const protectedHost = await post(webinar.slug, host.cookie, { intent: "remove", identity: tutor.id });
    expect(protectedHost.status).toBe(409);
    expect((await protectedHost.json()).reason).toBe("webinarRoom:errors.hostProtected");
    twirp.replyOnce("UpdateParticipant", { status: 404, body: { code: "not_found", msg: "participant not found" } });
    const gone = await post(webinar.slug, host.cookie, { intent: "promote", identity: attendee.id });
    expect(gone.status).toBe(409);
    expect((await gone.json()).reason).toBe("webinarRoom:errors.notInRoom");
    twirp.replyOnce("RemoveParticipant", { status: 500, body: { code: "internal", msg: "boom" } });
    const down = await post(webinar.slug, host.cookie, { intent: "remove", identity: attendee.id });
    expect(down.status).toBe(503);
    expect((await down.json()).reason).toBe("webinarRoom:errors.unavailable");
    expect((await post(webinar.slug, host.cookie, { intent: "mute", identity: attendee.id, trackSid: "not-a-track" })).status).toBe(400);
    expect((await post(webinar.slug, host.cookie, { intent: "promote", identity: "../etc" })).status).toBe(400);
    expect((await post(webinar.slug, host.cookie, { intent: "dance" })).status).toBe(400);
  });
});

it("lets pages reach LiveKit's http(s) address besides wss (the client fetches it), and nothing more without LiveKit", () => {
  expect(contentSecurityPolicy([])).toContain(`connect-src 'self' wss: ws: ${twirp.url};`);
  useLiveKit(null);
  try {
    expect(contentSecurityPolicy([])).toContain("connect-src 'self' wss: ws:;");
  } finally {
    useLiveKit(twirp);
  }
});

describe("without LiveKit", () => {
  it("shows the room saying how to configure it, and mints nothing", async () => {
    useLiveKit(null);
    try {
      const webinar = await createWebinar();
      const attendee = await person();
      const page = await open(webinar.slug, attendee.cookie);
      expect(page.status).toBe(200);
      expect(await page.json()).toMatchObject({ configured: false, join: { allowed: true }, me: { role: "attendee", publishes: false } });
      const join = await post(webinar.slug, attendee.cookie, { intent: "join" });
      expect(join.status).toBe(409);
      expect((await join.json()).reason).toBe("webinarRoom:errors.notConfigured");
    } finally {
      useLiveKit(twirp);
    }
  });
});

describe("device and network check", () => {
  it("opens before the room does, and its probe serves and accepts bounded samples", async () => {
    const webinar = await createWebinar({ startsInMinutes: 24 * 60 });
    const attendee = await person();
    const page = await call(check.loader, getRequest(`/webinars/${webinar.slug}/check`, { cookie: attendee.cookie }), { slug: webinar.slug });
    expect(page.status).toBe(200);
    const download = await call(probe.loader, getRequest(`/webinars/${webinar.slug}/check/probe?bytes=300000`, { cookie: attendee.cookie }), { slug: webinar.slug });
    expect(download.status).toBe(200);
    expect(download.headers.get("Cache-Control")).toBe("no-store");
    expect((await download.arrayBuffer()).byteLength).toBe(300_000);
    for (const bytes of ["0", String(PROBE_MAX_BYTES + 1), "-5", "1e6", "abc"]) {
      expect((await call(probe.loader, getRequest(`/webinars/${webinar.slug}/check/probe?bytes=${bytes}`, { cookie: attendee.cookie }), { slug: webinar.slug })).status, bytes).toBe(400);
    }
    const upload = (body: Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}) =>
      call(probe.action, new Request(new URL(`/webinars/${webinar.slug}/check/probe`, BASE_URL), { method: "POST", body, headers: { Cookie: attendee.cookie, "Content-Type": "application/octet-stream", ...headers } }), { slug: webinar.slug });
    const accepted = await upload(new Uint8Array(200_000));
    expect(await accepted.json()).toEqual({ bytes: 200_000 });
    expect((await upload(new Uint8Array(PROBE_MAX_BYTES + 10))).status).toBe(413);
    // A visitor is sent to sign in; someone who may not attend never reaches the probe.
    expect((await call(probe.loader, getRequest(`/webinars/${webinar.slug}/check/probe`), { slug: webinar.slug })).status).toBe(302);
    const draft = await createWebinar({ status: "DRAFT" });
    expect((await call(probe.loader, getRequest(`/webinars/${draft.slug}/check/probe`, { cookie: attendee.cookie }), { slug: draft.slug })).status).toBe(404);
  });
});
