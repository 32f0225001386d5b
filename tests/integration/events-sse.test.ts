// Server-Sent Events through the real Express server (compression, the Remix adapter, real
// sockets): replay by Last-Event-ID, no compression, the per-account cap, the bounded buffer,
// access re-checks and the shutdown retry hint.
import net from "node:net";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { parseEnv, resetEnvCache } from "~/lib/env.server.ts";
import { eventBus } from "~/lib/events/index.server.ts";
import { registerStream, serveStreamToNode } from "~/lib/events/registry.server.ts";
import { closeAllStreams, recheckAllStreams, setRecheckInterval, streamStats } from "~/lib/events/sse.server.ts";
import { forbidden } from "~/lib/http.server.ts";
import { beginShutdown, SHUTDOWN_RETRY_MS } from "~/lib/shutdown.server.ts";
import { getUser } from "~/modules/auth/current-user.server.ts";
import { disableUser } from "~/modules/users/user-admin.server.ts";
import * as eventsRoute from "~/routes/events.$stream.ts";
import { createApp } from "../../server/app.ts";
import { createUser, sessionCookieFor } from "../helpers/fixtures.ts";
import { sseReader } from "../helpers/sse.ts";
import { stubBuild } from "../helpers/stub-build.ts";

let server: Server;
let base: string;

// A members-only stream, as a webinar chat would be: the reader must be signed in.
// A stream whose access check can be made to fail with an error (the database briefly away).
let flakyCheck: "ok" | "error" | "refuse" = "ok";
registerStream({
  name: "flaky-test",
  async open(request) {
    const user = await getUser(request);
    if (!user || flakyCheck === "refuse") throw forbidden();
    if (flakyCheck === "error") throw new Error("database unreachable");
    return { stream: "flaky-test", accountId: user.id };
  },
});

// A stream that notes when each reader's access is checked (no database: the times are the checks').
const checks: { reader: string; at: number }[] = [];
registerStream({
  name: "timed-test",
  async open(_request, url) {
    checks.push({ reader: url.searchParams.get("reader") ?? "", at: performance.now() });
    return { stream: "timed-test", accountId: null };
  },
});

registerStream({
  name: "members-test",
  async open(request) {
    const user = await getUser(request);
    if (!user) throw forbidden();
    return { stream: "members-test", accountId: user.id };
  },
});

beforeAll(async () => {
  process.env.SSE_MAX_STREAMS_PER_ACCOUNT = "2";
  resetEnvCache();
  // Only the event streams, served as in production: by the Express handler (the entry module's
  // serveEventStream), with the Remix route behind it for the same URLs.
  const build = stubBuild({ default: () => new Response(null, { status: 500 }), serveEventStream: serveStreamToNode }, {
    root: { id: "root", path: "", module: {} },
    "routes/events.$stream": { id: "routes/events.$stream", parentId: "root", path: "events/:stream", module: eventsRoute },
  });
  const app = createApp({ build, env: parseEnv({ NODE_ENV: "test", LOG_LEVEL: "silent", SSE_MAX_STREAMS_PER_ACCOUNT: "2" }), state: { shuttingDown: false } });
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  closeAllStreams();
  server.closeAllConnections();
  server.close();
});

const publish = (stream: string, n: number) => eventBus().publish(stream, "n", { n });
const open = (path: string, headers: Record<string, string> = {}, signal?: AbortSignal) => fetch(`${base}${path}`, { headers, signal });

it("streams text/event-stream uncompressed with a retry hint, event ids and names", async () => {
  const response = await open("/events/service-notice", { "Accept-Encoding": "gzip, br" });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
  expect(response.headers.get("cache-control")).toBe("no-cache, no-transform");
  expect(response.headers.get("content-encoding")).toBeNull();
  const sse = sseReader(response);
  await vi.waitFor(() => expect(sse.frames[0]?.retry).toBe(3000));
  const before = await eventBus().latestSeq("service-notice");
  await eventBus().publish("service-notice", "notice", { message: "Manutenzione alle 18", level: "info" });
  await vi.waitFor(() => expect(sse.events()).toHaveLength(1));
  expect(sse.events()[0]).toEqual({ id: String(before + 1), event: "notice", data: '{"message":"Manutenzione alle 18","level":"info"}' });
  await sse.cancel();
});

it("replays exactly what a reconnecting browser missed: nothing twice, nothing lost", async () => {
  const first = sseReader(await open("/events/replay-probe".replace("replay-probe", "service-notice")));
  await vi.waitFor(() => expect(first.frames.length).toBeGreaterThan(0));
  const start = await eventBus().latestSeq("service-notice");
  for (let i = 0; i < 3; i++) await eventBus().publish("service-notice", "notice", { i });
  await vi.waitFor(() => expect(first.ids()).toEqual([start + 1, start + 2, start + 3]));
  await first.cancel();

  // Disconnected: three more events happen.
  for (let i = 3; i < 6; i++) await eventBus().publish("service-notice", "notice", { i });
  // The browser reconnects with the last id it saw, while events keep coming.
  const again = sseReader(await open("/events/service-notice", { "Last-Event-ID": String(start + 3) }));
  const more = Promise.all(Array.from({ length: 10 }, (_, i) => eventBus().publish("service-notice", "notice", { i: i + 6 })));
  await more;
  await vi.waitFor(() => expect(again.ids()).toHaveLength(13));
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(again.ids()).toEqual(Array.from({ length: 13 }, (_, i) => start + 4 + i));
  await again.cancel();

  // The first connection of a page passes its position as ?lastEventId= (EventSource cannot set headers).
  const byQuery = sseReader(await open(`/events/service-notice?lastEventId=${start + 14}`));
  await vi.waitFor(() => expect(byQuery.ids()).toEqual([start + 15, start + 16]));
  await byQuery.cancel();
});

it("refuses a malformed Last-Event-ID with a localized 400, and an unknown stream with 404", async () => {
  const bad = await open("/events/service-notice", { "Last-Event-ID": "abc" });
  expect(bad.status).toBe(400);
  expect(await bad.text()).toBe("Last-Event-ID non valido: deve essere il numero dell'ultimo evento ricevuto.");
  const unknown = await open("/events/nope");
  expect(unknown.status).toBe(404);
  expect(await unknown.text()).toBe("Questo flusso di aggiornamenti non esiste.");
});

it("caps the open streams of one account (429 beyond it) and frees a place when one closes", async () => {
  const member = await createUser();
  const cookie = await sessionCookieFor(member.id);
  const visitor = await open("/events/members-test");
  expect(visitor.status).toBe(403);
  const one = sseReader(await open("/events/members-test", { Cookie: cookie }));
  const two = sseReader(await open("/events/members-test", { Cookie: cookie }));
  const third = await open("/events/members-test", { Cookie: cookie });
  expect(third.status).toBe(429);
  expect(await third.text()).toMatch(/troppe pagine aperte/);
  await one.cancel();
  await vi.waitFor(async () => {
    const retry = await open("/events/members-test", { Cookie: cookie });
    expect(retry.status).toBe(200);
    await retry.body?.cancel();
  });
  await two.cancel();
});

it("ends the stream of an account that is disabled, and refuses it on reconnect", async () => {
  const admin = await createUser({ role: "ADMIN" });
  const member = await createUser();
  const cookie = await sessionCookieFor(member.id);
  const sse = sseReader(await open("/events/members-test", { Cookie: cookie }));
  await publish("members-test", 1);
  await vi.waitFor(() => expect(sse.events()).toHaveLength(1));
  await disableUser({ ...admin, locale: "it" } as never, member.id);
  await vi.waitFor(() => expect(sse.ended()).toBe(true), { timeout: 5_000 });
  await publish("members-test", 2);
  expect(sse.events()).toHaveLength(1);
  expect((await open("/events/members-test", { Cookie: cookie })).status).toBe(403);
});

it("stops a stream on the periodic re-check when access ended without an event", async () => {
  const member = await createUser();
  const cookie = await sessionCookieFor(member.id);
  const sse = sseReader(await open("/events/members-test", { Cookie: cookie }));
  await vi.waitFor(() => expect(sse.frames.length).toBeGreaterThan(0));
  const { db } = await import("~/lib/db.server.ts");
  await db.session.deleteMany({ where: { userId: member.id } }); // signed out elsewhere
  await recheckAllStreams();
  await vi.waitFor(() => expect(sse.ended()).toBe(true));
});

it("keeps streams open when a re-check fails with an error rather than a refusal, up to three in a row", async () => {
  const member = await createUser();
  const cookie = await sessionCookieFor(member.id);
  const sse = sseReader(await open("/events/flaky-test", { Cookie: cookie }));
  await vi.waitFor(() => expect(sse.frames.length).toBeGreaterThan(0));
  try {
    flakyCheck = "error";
    await recheckAllStreams();
    await recheckAllStreams();
    await publish("flaky-test", 1);
    await vi.waitFor(() => expect(sse.events()).toHaveLength(1));
    expect(sse.ended()).toBe(false);
    // A check that works again resets the count; a refusal still ends the stream at once.
    flakyCheck = "ok";
    await recheckAllStreams();
    flakyCheck = "refuse";
    await recheckAllStreams();
    await vi.waitFor(() => expect(sse.ended()).toBe(true));
  } finally {
    flakyCheck = "ok";
  }
});

it("ends a stream whose re-check keeps failing with errors", async () => {
  const member = await createUser();
  const sse = sseReader(await open("/events/flaky-test", { Cookie: await sessionCookieFor(member.id) }));
  await vi.waitFor(() => expect(sse.frames.length).toBeGreaterThan(0));
  try {
    flakyCheck = "error";
    await recheckAllStreams();
    await recheckAllStreams();
    expect(sse.ended()).toBe(false);
    await recheckAllStreams();
    await vi.waitFor(() => expect(sse.ended()).toBe(true));
  } finally {
    flakyCheck = "ok";
  }
});

it("cuts off a client that stops reading, so its buffer stays bounded, and it catches up on reconnect", async () => {
  const { port } = server.address() as AddressInfo;
  // The server's end of this client's connection, to see what the server does with it.
  let serverSide: net.Socket | undefined;
  const spot = (candidate: net.Socket) => {
    if (candidate.remotePort === socket.localPort) serverSide = candidate;
  };
  server.on("connection", spot);
  const socket = net.connect(port, "127.0.0.1");
  await new Promise((resolve) => socket.once("connect", resolve));
  await vi.waitFor(() => expect(serverSide).toBeDefined());
  server.off("connection", spot);
  socket.write("GET /events/service-notice HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  let received = "";
  socket.once("data", (chunk) => {
    received = chunk.toString();
    socket.pause(); // never reads again: the kernel's buffers, then Node's, fill up
  });
  await vi.waitFor(() => expect(received).toContain("200 OK"));
  const openBefore = streamStats().open;
  const cutBefore = streamStats().cutOff;
  const start = await eventBus().latestSeq("service-notice");
  const big = "x".repeat(128 * 1024);
  let published = 0;
  while (streamStats().cutOff === cutBefore && published < 200) {
    await eventBus().publish("service-notice", "bulk", { big });
    published++;
  }
  expect(streamStats().cutOff).toBe(cutBefore + 1);
  expect(streamStats().open).toBe(openBefore - 1);
  // The server destroyed the connection: nothing of it stays in its memory.
  await vi.waitFor(() => expect(serverSide!.destroyed).toBe(true));
  socket.destroy();
  // Reconnecting from the start, the client gets every event it missed.
  const again = sseReader(await open("/events/service-notice", { "Last-Event-ID": String(start) }));
  await vi.waitFor(() => expect(again.ids()).toHaveLength(published), { timeout: 10_000 });
  expect(again.ids()).toEqual(Array.from({ length: published }, (_, i) => start + 1 + i));
  await again.cancel();
});

it("spreads the periodic access re-checks of streams opened together over the interval", async () => {
  // 30 readers arrive at once (a webinar starting). Re-checking them all at the same instant each
  // minute held up the events sent meanwhile; each must still be re-checked once per interval.
  const interval = 1_500;
  const readers = Array.from({ length: 30 }, (_, i) => `r${i}`);
  checks.length = 0;
  setRecheckInterval(interval);
  const streams = [];
  try {
    for (const reader of readers) streams.push(sseReader(await open(`/events/timed-test?reader=${reader}`)));
    const opened = new Map(checks.map((check) => [check.reader, check.at]));
    const firstRecheck = () => {
      const first = new Map<string, number>();
      for (const check of checks) if (check.at > opened.get(check.reader)! && !first.has(check.reader)) first.set(check.reader, check.at);
      return first;
    };
    await vi.waitFor(() => expect(firstRecheck().size).toBe(readers.length), { timeout: interval * 4 });
    const first = firstRecheck();
    const times = [...first.values()];
    // Spread over at least half the interval, not one burst...
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(interval / 2);
    // ...and nobody waits much longer than one interval for their check.
    for (const reader of readers) expect(first.get(reader)! - opened.get(reader)!).toBeLessThan(interval * 1.5);
  } finally {
    setRecheckInterval(60_000);
    for (const sse of streams) await sse.cancel();
  }
});

// Last in this file: the shutdown signal is process-wide and stays raised.
it("ends every stream with a retry hint when the server shuts down, and opens no new one", async () => {
  const a = sseReader(await open("/events/service-notice"));
  const b = sseReader(await open("/events/service-notice"));
  await vi.waitFor(() => expect(a.frames.length + b.frames.length).toBeGreaterThanOrEqual(2));
  beginShutdown(); // what server/serve.ts does on SIGTERM
  await Promise.all([a.done, b.done]);
  // A stream opened now is told to come back (EventSource gives up for good on any status but 200).
  const late = await open("/events/service-notice");
  expect(late.status).toBe(200);
  expect(late.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
  expect(await late.text()).toBe(`retry: ${SHUTDOWN_RETRY_MS}\n\n`);
  for (const sse of [a, b]) {
    const last = sse.frames[sse.frames.length - 1];
    expect(last.retry).toBeGreaterThanOrEqual(1000);
    expect(last.retry).toBeLessThan(3000);
  }
  expect(streamStats().open).toBe(0);
});
