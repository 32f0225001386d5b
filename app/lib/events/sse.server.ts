// Server-Sent Events for resource routes. A stream replays what the browser missed (its
// Last-Event-ID, or ?lastEventId= on the first connection) from the database, then follows the
// bus live. Each event's frame is encoded once and shared by every client.
//
// - no compression: `Cache-Control: no-transform` makes compression() pass the stream through,
//   and the Express adapter flushes every chunk;
// - bounded buffer: a client whose unsent bytes exceed the bound is cut off (its socket
//   destroyed, so the kernel and Node buffers are freed) and catches up by Last-Event-ID when its
//   browser reconnects;
// - a cap on open streams per signed-in account (429);
// - access is checked when the stream opens and again on an "access changed" bus event and
//   periodically (spread over the interval, see RECHECK_SLOTS); a stream whose reader lost access ends;
// - closeAllStreams() ends every stream with a retry hint (graceful shutdown).
import type { AppLoadContext } from "@remix-run/node";
import { SHUTDOWN_RETRY_MS, isShuttingDown, shutdownSignal } from "../shutdown.server.ts";
import { eventBus, type Follower, type StoredEvent } from "./index.server.ts";
import { logger } from "../logger.server.ts";

export const ACCESS_STREAM = "access";

export type StreamAccess = {
  /** The stored stream to read, e.g. "service-notice" or "webinar:abc:chat". */
  stream: string;
  /** The signed-in account reading it (counted against the per-account cap), null for a visitor. */
  accountId: string | null;
};

export type SseOptions = StreamAccess & {
  /** Called again on re-checks with a fresh copy of the request: false (or a thrown Response) ends the stream; another error ends it only after MAX_FAILED_CHECKS in a row. */
  recheck(request: Request): Promise<boolean>;
  context?: AppLoadContext;
  maxStreamsPerAccount?: number;
  retryMs?: number;
  heartbeatMs?: number;
  maxBufferedBytes?: number;
};

export class SseRefusal extends Error {
  constructor(
    readonly status: 400 | 429,
    readonly reason: "badLastEventId" | "tooManyStreams",
  ) {
    super(reason);
  }
}

const encoder = new TextEncoder();
const frames = new WeakMap<StoredEvent, Uint8Array>();

/** `id`, `event` and `data` lines of one event; JSON has no raw newlines, so one data line. */
export function frameOf(event: StoredEvent): Uint8Array {
  let frame = frames.get(event);
  if (!frame) {
    frame = encoder.encode(`id: ${event.seq}\nevent: ${event.type}\ndata: ${event.data}\n\n`);
    frames.set(event, frame);
  }
  return frame;
}

const HEARTBEAT = encoder.encode(": heartbeat\n\n");

/**
 * Where a stream's bytes go: a ReadableStream (a Response for the Remix route) or straight into a
 * Node response (the Express handler, see serveEventStreamToNode). Both share one frame per event.
 */
type Sink = {
  write(chunk: Uint8Array): void;
  close(): void;
  /** Frees the socket of a client that fell too far behind. */
  destroy(): void;
  /** Bytes written but not yet sent. */
  buffered(): number;
};

class Connection {
  closed = false;
  /** Re-checks in a row that failed with an error (not a refusal). */
  failedChecks = 0;
  follower?: Follower;
  heartbeat?: NodeJS.Timeout;

  constructor(
    readonly options: SseOptions,
    readonly request: Request,
    readonly sink: Sink,
    readonly maxBufferedBytes: number,
  ) {}

  /** Replayed events are paced by `drained` instead of being cut off. */
  replaying = true;

  write(chunk: Uint8Array): boolean {
    if (this.closed) return false;
    if (this.replaying) {
      this.sink.write(chunk);
      return true;
    }
    // Cut off once the backlog already exceeds the bound: memory per client stays below the bound
    // plus one event, and an event larger than the bound still reaches a client that keeps up.
    if (this.sink.buffered() > this.maxBufferedBytes) {
      registry.stats.cutOff++;
      this.end(null, true);
      return false;
    }
    this.sink.write(chunk);
    return true;
  }

  /** Waits until the client has taken in the backlog (or cuts it off after `limitMs`). */
  async drained(limitMs = 30_000) {
    const until = Date.now() + limitMs;
    while (!this.closed && this.sink.buffered() > this.maxBufferedBytes) {
      if (Date.now() > until) {
        registry.stats.cutOff++;
        this.end(null, true);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  end(retryMs: number | null, destroy = false) {
    if (this.closed) return;
    if (retryMs !== null && !destroy) {
      try {
        this.sink.write(encoder.encode(`retry: ${retryMs}\n\n`));
      } catch {
        // already closed by the reader
      }
    }
    this.cleanup();
    if (destroy) this.sink.destroy();
    else this.sink.close();
  }

  cleanup() {
    if (this.closed) return;
    this.closed = true;
    this.follower?.close();
    if (this.heartbeat) clearInterval(this.heartbeat);
    registry.remove(this);
  }
}

/**
 * The periodic re-checks are spread over the interval: each stream belongs to one of
 * RECHECK_SLOTS slots (the emptiest when it opens), and a timer re-checks one slot per
 * interval / RECHECK_SLOTS. Every stream is still re-checked once per interval, but 2,000 readers
 * who opened the page at the same minute no longer cost 2,000 access checks (and as many
 * database reads) in the same instant, which delayed every event sent meanwhile.
 */
export const RECHECK_SLOTS = 60;

const registry = {
  open: new Set<Connection>(),
  perAccount: new Map<string, number>(),
  stats: { cutOff: 0, accessEnded: 0 },
  recheckTimer: undefined as NodeJS.Timeout | undefined,
  unsubscribeAccess: undefined as (() => void) | undefined,
  recheckMs: 60_000,
  shutdownHooked: false,
  slots: Array.from({ length: RECHECK_SLOTS }, () => new Set<Connection>()),
  slotOf: new Map<Connection, number>(),
  nextSlot: 0,

  add(connection: Connection) {
    this.open.add(connection);
    const account = connection.options.accountId;
    if (account) this.perAccount.set(account, (this.perAccount.get(account) ?? 0) + 1);
    let emptiest = 0;
    for (let slot = 1; slot < RECHECK_SLOTS; slot++) if (this.slots[slot].size < this.slots[emptiest].size) emptiest = slot;
    this.slots[emptiest].add(connection);
    this.slotOf.set(connection, emptiest);
    this.watch();
  },

  remove(connection: Connection) {
    if (!this.open.delete(connection)) return;
    const slot = this.slotOf.get(connection);
    if (slot !== undefined) this.slots[slot].delete(connection);
    this.slotOf.delete(connection);
    const account = connection.options.accountId;
    if (account) {
      const left = (this.perAccount.get(account) ?? 1) - 1;
      if (left > 0) this.perAccount.set(account, left);
      else this.perAccount.delete(account);
    }
    if (!this.open.size) this.unwatch();
  },

  /** Access re-checks run only while streams are open. */
  watch() {
    if (!this.shutdownHooked) {
      // The server raises it on SIGTERM (server/serve.ts): browsers reconnect elsewhere.
      this.shutdownHooked = true;
      shutdownSignal().addEventListener("abort", () => closeAllStreams(SHUTDOWN_RETRY_MS), { once: true });
    }
    if (!this.unsubscribeAccess) {
      this.unsubscribeAccess = eventBus().subscribe(ACCESS_STREAM, (events) => {
        const accounts = new Set<string>();
        let everyone = false;
        for (const event of events) {
          const data = JSON.parse(event.data) as { userIds?: string[] } | null;
          if (!data?.userIds) everyone = true;
          else for (const id of data.userIds) accounts.add(id);
        }
        void recheckStreams([...registry.open].filter((connection) => everyone || (connection.options.accountId !== null && accounts.has(connection.options.accountId))));
      });
    }
    if (!this.recheckTimer && this.recheckMs > 0) {
      this.recheckTimer = setInterval(() => {
        const slot = this.slots[this.nextSlot];
        this.nextSlot = (this.nextSlot + 1) % RECHECK_SLOTS;
        if (slot.size) void recheckStreams([...slot]);
      }, this.recheckMs / RECHECK_SLOTS);
      this.recheckTimer.unref();
    }
  },

  unwatch() {
    this.unsubscribeAccess?.();
    this.unsubscribeAccess = undefined;
    if (this.recheckTimer) clearInterval(this.recheckTimer);
    this.recheckTimer = undefined;
  },
};

/** Re-checks that may fail with an error, in a row, before a stream is ended anyway. */
export const MAX_FAILED_CHECKS = 3;

async function recheckStreams(connections: Connection[]) {
  await Promise.all(
    connections.map(async (connection) => {
      let allowed = false;
      try {
        // A fresh Request: per-request caches (the session lookup) must not answer from the past.
        allowed = await connection.options.recheck(new Request(connection.request.url, { headers: connection.request.headers }));
        connection.failedChecks = 0;
      } catch (error) {
        // A thrown Response is the policy's refusal. Anything else (the database briefly away, a
        // query that failed) says nothing about access: ending every stream on it disconnected
        // thousands of readers at once. The stream stays until the check has failed
        // MAX_FAILED_CHECKS times in a row, so access is never left unchecked for long.
        if (!(error instanceof Response) && ++connection.failedChecks < MAX_FAILED_CHECKS) {
          logger.warn("sse recheck failed; stream kept", { failedChecks: connection.failedChecks, error: String(error) });
          return;
        }
        allowed = false;
      }
      if (!allowed && !connection.closed) {
        registry.stats.accessEnded++;
        connection.end(null);
      }
    }),
  );
}

function parseLastEventId(request: Request): number | null {
  const raw = request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("lastEventId");
  if (raw === null || raw === "") return null;
  if (!/^\d{1,15}$/.test(raw.trim())) throw new SseRefusal(400, "badLastEventId");
  return Number(raw.trim());
}

const STREAM_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  // no-transform: compression() leaves the stream alone; proxies must not buffer it either.
  "Cache-Control": "no-cache, no-transform",
  "X-Accel-Buffering": "no",
};
const SHUTDOWN_HEADERS = { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache, no-transform", Connection: "close" };
const shutdownBody = () => `retry: ${SHUTDOWN_RETRY_MS}\n\n`;

type Limits = { retryMs: number; heartbeatMs: number; maxBufferedBytes: number };

/** The checks before a stream opens: throws SseRefusal for a bad Last-Event-ID or the per-account cap. */
function admit(request: Request, options: SseOptions): Limits & { lastEventId: number | null } {
  const lastEventId = parseLastEventId(request);
  const cap = options.maxStreamsPerAccount ?? 8;
  if (options.accountId && (registry.perAccount.get(options.accountId) ?? 0) >= cap) throw new SseRefusal(429, "tooManyStreams");
  return { lastEventId, retryMs: options.retryMs ?? 3_000, heartbeatMs: options.heartbeatMs ?? 25_000, maxBufferedBytes: options.maxBufferedBytes ?? 256 * 1024 };
}

/** Registers the connection, follows the bus (replay first) and starts the heartbeat. */
function follow(connection: Connection, lastEventId: number | null, limits: Limits) {
  registry.add(connection);
  connection.follower = eventBus().follow(
    connection.options.stream,
    lastEventId,
    (events) => {
      for (const event of events) if (!connection.write(frameOf(event))) return;
    },
    { pace: () => connection.drained() },
  );
  connection.replaying = lastEventId !== null;
  void connection.follower.ready.then(() => {
    connection.replaying = false;
    // The opening frame goes out once the follower is in place: whatever is published after a
    // client has seen it reaches that client (a client without Last-Event-ID starts "from now").
    if (connection.closed) return;
    try {
      connection.sink.write(encoder.encode(`retry: ${limits.retryMs}\n: open\n\n`));
    } catch {
      // the client has already gone
    }
  });
  connection.heartbeat = setInterval(() => connection.write(HEARTBEAT), limits.heartbeatMs);
  connection.heartbeat.unref();
  connection.request.signal.addEventListener("abort", () => connection.cleanup(), { once: true });
}

/** A `text/event-stream` Response for a resource route's loader. Throws SseRefusal for bad input or the cap. */
export function eventStreamResponse(request: Request, options: SseOptions): Response {
  // A process that is shutting down takes no new streams. A 200 stream that only says "retry" and
  // ends: EventSource reconnects (reaching another worker); any other status would stop it for good.
  if (isShuttingDown()) return new Response(shutdownBody(), { status: 200, headers: SHUTDOWN_HEADERS });
  const { lastEventId, ...limits } = admit(request, options);
  let connection!: Connection;
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const response = options.context?.responseBuffer;
        connection = new Connection(
          options,
          request,
          {
            write: (chunk) => controller.enqueue(chunk),
            close: () => {
              try {
                controller.close();
              } catch {
                // the reader cancelled first
              }
            },
            destroy: () => {
              try {
                controller.close();
              } catch {
                // the reader cancelled first
              }
              response?.destroy();
            },
            // The Node response's buffer when served over HTTP, plus what waits in our queue.
            buffered: () => (response?.bufferedBytes() ?? 0) + Math.max(0, limits.maxBufferedBytes - (controller.desiredSize ?? 0)),
          },
          limits.maxBufferedBytes,
        );
        follow(connection, lastEventId, limits);
      },
      cancel() {
        connection.cleanup();
      },
    },
    { highWaterMark: limits.maxBufferedBytes, size: (chunk) => chunk.byteLength },
  );
  return new Response(body, { headers: STREAM_HEADERS });
}

/** What serveEventStreamToNode needs of a Node (or Express) response. */
export type NodeResponse = {
  writeHead(status: number, headers: Record<string, string>): unknown;
  write(chunk: Uint8Array | string): boolean;
  end(chunk?: string): unknown;
  destroy(): unknown;
  flushHeaders(): void;
  readonly writableLength: number;
  readonly writableEnded: boolean;
  readonly destroyed: boolean;
};

/**
 * The same stream written straight into a Node response, without a ReadableStream per reader
 * piped by the Remix adapter: each event's shared frame is one res.write() per reader (decision
 * 0030). `request.signal` must abort when the client goes away. Throws SseRefusal like eventStreamResponse.
 */
export function eventStreamToNode(request: Request, res: NodeResponse, options: SseOptions) {
  if (isShuttingDown()) {
    res.writeHead(200, SHUTDOWN_HEADERS);
    res.end(shutdownBody());
    return;
  }
  const { lastEventId, ...limits } = admit(request, options);
  res.writeHead(200, STREAM_HEADERS);
  res.flushHeaders();
  const gone = () => res.writableEnded || res.destroyed;
  const connection = new Connection(
    options,
    request,
    {
      write: (chunk) => {
        if (!gone()) res.write(chunk);
      },
      close: () => {
        if (!gone()) res.end();
      },
      destroy: () => res.destroy(),
      buffered: () => res.writableLength,
    },
    limits.maxBufferedBytes,
  );
  follow(connection, lastEventId, limits);
  if (request.signal.aborted) connection.cleanup();
}

/** Ends every open stream with a retry hint spread over a few seconds (graceful shutdown). */
export function closeAllStreams(retryMs = 1_000): number {
  const connections = [...registry.open];
  for (const connection of connections) connection.end(retryMs + Math.floor(Math.random() * 2_000));
  return connections.length;
}

export function streamStats() {
  return { open: registry.open.size, ...registry.stats };
}

/** Re-check every open stream now (tests, and callers that know access changed in bulk). */
export function recheckAllStreams() {
  return recheckStreams([...registry.open]);
}

/** Tells every process that these accounts' access changed (disabled, removed, enrolment ended). */
export async function publishAccessChanged(userIds?: string[]) {
  await eventBus().publish(ACCESS_STREAM, "access-changed", userIds ? { userIds } : null);
}

/** For tests: how often every stream is re-checked. */
export function setRecheckInterval(ms: number) {
  registry.recheckMs = ms;
  if (registry.recheckTimer) {
    clearInterval(registry.recheckTimer);
    registry.recheckTimer = undefined;
    if (registry.open.size) registry.watch();
  }
}
