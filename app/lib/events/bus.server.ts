// The event bus: store first, then tell every process. One hub per stream and process hands each
// new event to all of its local followers: the event travels in its notice when small, else the
// hub reads it from the database once, so 2,000 open streams cost at most one query per event per
// process, not 2,000.
import type { Db } from "../db.server.ts";
import { appendComputedEvent, appendEvent, latestSeq, readAfter, type StoredEvent, type Tx } from "./store.server.ts";
import type { Transport } from "./transports.server.ts";

export type { StoredEvent } from "./store.server.ts";
export type EventListener = (events: StoredEvent[]) => void;

export type FollowOptions = {
  /** Called after each replayed page; resolves when the follower is ready for more. */
  pace?(): Promise<void>;
};

export type Follower = {
  /** Resolves once missed events were replayed and live delivery has begun. */
  ready: Promise<void>;
  close(): void;
};

/**
 * "Stream s has reached seq q", and the event itself (`e`) when it is small: the other processes
 * then hand it to their followers without reading it back from the database (one query per
 * event and process saved on the relay hop). A notice without `e`, or one that does not follow
 * the hub's position, makes the hub read from the database as before.
 */
type Notice = { s: string; q: number; e?: { t: string; d: string; c: number } };
const PAGE = 500;
/** PostgreSQL's NOTIFY payload must stay under 8,000 bytes. */
export const MAX_NOTICE_BYTES = 7_000;

export function noticeFor(event: StoredEvent): string {
  const full = JSON.stringify({ s: event.stream, q: event.seq, e: { t: event.type, d: event.data, c: event.createdAt.getTime() } } satisfies Notice);
  if (Buffer.byteLength(full) <= MAX_NOTICE_BYTES) return full;
  return JSON.stringify({ s: event.stream, q: event.seq } satisfies Notice);
}

class StreamHub {
  cursor = 0;
  readonly listeners = new Set<EventListener>();
  private starting: Promise<void> | undefined;
  private fetching = false;
  private dirty = false;

  constructor(
    private readonly bus: EventBus,
    readonly stream: string,
  ) {}

  /** The stream's position when the hub started. A failed read (database briefly down) is tried
   * again on the next use, instead of leaving this long-lived hub deaf until a restart. */
  get ready(): Promise<void> {
    this.starting ??= latestSeq(this.bus.db, this.stream).then(
      (seq) => {
        this.cursor = Math.max(this.cursor, seq);
      },
      (error: unknown) => {
        this.starting = undefined;
        throw error;
      },
    );
    return this.starting;
  }

  /** A stored event this process just wrote: hand it over without a read when it is the next one. */
  offer(event: StoredEvent) {
    if (!this.fetching && event.seq === this.cursor + 1) {
      this.cursor = event.seq;
      this.dispatch([event]);
    } else if (event.seq > this.cursor) {
      void this.refresh();
    }
  }

  noticed(seq: number) {
    if (seq > this.cursor) void this.refresh();
  }

  async refresh(): Promise<void> {
    if (this.fetching) {
      this.dirty = true;
      return;
    }
    this.fetching = true;
    try {
      await this.ready;
      do {
        this.dirty = false;
        const events = await readAfter(this.bus.db, this.stream, this.cursor, PAGE);
        if (events.length) {
          this.cursor = events[events.length - 1].seq;
          this.dispatch(events);
          if (events.length === PAGE) this.dirty = true;
        }
      } while (this.dirty && !this.bus.closed);
    } catch (error) {
      this.bus.reportError(error as Error);
    } finally {
      this.fetching = false;
    }
  }

  private dispatch(events: StoredEvent[]) {
    for (const listener of this.listeners) {
      try {
        listener(events);
      } catch (error) {
        this.bus.reportError(error as Error);
      }
    }
  }
}

export type EventBusOptions = {
  db: Db;
  transport: Transport;
  /** How often streams with followers are checked against the database in case a notice was lost. */
  resyncMs?: number;
  onError?(error: Error): void;
};

export class EventBus {
  readonly db: Db;
  readonly transport: Transport;
  closed = false;
  private readonly hubs = new Map<string, StreamHub>();
  private started?: Promise<void>;
  private resyncTimer?: NodeJS.Timeout;

  constructor(private readonly options: EventBusOptions) {
    this.db = options.db;
    this.transport = options.transport;
  }

  /** Connects the transport (idempotent); publish and follow call it themselves. */
  start(): Promise<void> {
    this.started ??= (async () => {
      await this.transport.start({ notice: (payload) => this.onNotice(payload), resync: () => this.resync() });
      const every = this.options.resyncMs ?? 10_000;
      if (every > 0) {
        this.resyncTimer = setInterval(() => this.resync(), every);
        this.resyncTimer.unref();
      }
    })();
    return this.started;
  }

  /**
   * Stores the event (with `within`'s writes, in one transaction), delivers it to this process's
   * followers and tells the other processes.
   */
  async publish(stream: string, type: string, data: unknown, within?: (tx: Tx) => Promise<void>): Promise<StoredEvent> {
    await this.start();
    const event = await appendEvent(this.db, stream, type, data, within);
    this.hubs.get(stream)?.offer(event);
    try {
      await this.transport.publish(noticeFor(event));
    } catch (error) {
      // Stored already: the others find it at their next check.
      this.reportError(error as Error);
    }
    return event;
  }

  /**
   * Like publish, when the event's data comes from the writes themselves (`write` returns it, inside
   * the transaction): a vote's new count is then stored in the order the votes committed.
   */
  async publishComputed<D>(stream: string, type: string, write: (tx: Tx) => Promise<D>): Promise<StoredEvent & { value: D }> {
    await this.start();
    const event = await appendComputedEvent(this.db, stream, type, write);
    const { value: _value, ...stored } = event;
    this.hubs.get(stream)?.offer(stored);
    try {
      await this.transport.publish(noticeFor(stored));
    } catch (error) {
      this.reportError(error as Error);
    }
    return event;
  }

  /**
   * Follows a stream from `afterSeq` (replaying what was missed from the database) or, when it is
   * null, from now. Each event reaches `listener` once, in order, whether it came from the replay
   * or live.
   */
  follow(stream: string, afterSeq: number | null, listener: EventListener, options: FollowOptions = {}): Follower {
    let cursor = afterSeq ?? 0;
    let replaying = true;
    let closed = false;
    let held: StoredEvent[] = [];
    const deliver = (events: StoredEvent[]) => {
      const fresh = events.filter((event) => event.seq > cursor);
      if (!fresh.length) return;
      cursor = fresh[fresh.length - 1].seq;
      listener(fresh);
    };
    const live: EventListener = (events) => {
      if (closed) return;
      if (replaying) held.push(...events);
      else deliver(events);
    };
    const newHub = !this.hubs.has(stream);
    const hub = this.hub(stream);
    hub.listeners.add(live);
    const ready = (async () => {
      await this.start();
      // "From now" is the last event stored, not only the last this process has heard of: an
      // event committed before the follower started, still on its way in a notice, is not
      // delivered to it later (a hidden chat message's original text, carried by its notice,
      // would otherwise reach a reader who connected after the hide). A hub started for this
      // follower has just read that position itself.
      const [, stored] = await Promise.all([hub.ready, afterSeq === null && !newHub ? latestSeq(this.db, stream) : 0]);
      if (closed) return;
      if (afterSeq === null) {
        cursor = Math.max(cursor, hub.cursor, stored);
      } else {
        for (;;) {
          const missed = await readAfter(this.db, stream, cursor, PAGE);
          if (closed) return;
          deliver(missed);
          // Let a slow reader take in one page before the next is read.
          if (missed.length) await options.pace?.();
          if (closed) return;
          if (missed.length < PAGE) break;
        }
      }
      replaying = false;
      const pending = held;
      held = [];
      deliver(pending);
    })();
    ready.catch((error) => this.reportError(error as Error));
    return {
      ready,
      close: () => {
        closed = true;
        hub.listeners.delete(live);
        if (!hub.listeners.size) this.hubs.delete(stream);
      },
    };
  }

  /** Live events of a stream from now on. */
  subscribe(stream: string, listener: EventListener): () => void {
    const follower = this.follow(stream, null, listener);
    return () => follower.close();
  }

  readAfter(stream: string, afterSeq: number, limit?: number) {
    return readAfter(this.db, stream, afterSeq, limit);
  }

  latestSeq(stream: string) {
    return latestSeq(this.db, stream);
  }

  async close() {
    this.closed = true;
    if (this.resyncTimer) clearInterval(this.resyncTimer);
    this.hubs.clear();
    await this.transport.close();
  }

  reportError(error: Error) {
    this.options.onError?.(error);
  }

  private hub(stream: string) {
    let hub = this.hubs.get(stream);
    if (!hub) {
      hub = new StreamHub(this, stream);
      hub.ready.catch((error) => this.reportError(error as Error));
      this.hubs.set(stream, hub);
    }
    return hub;
  }

  private onNotice(payload: string) {
    let notice: Notice;
    try {
      notice = JSON.parse(payload) as Notice;
    } catch {
      return;
    }
    if (typeof notice?.s !== "string" || typeof notice.q !== "number") return;
    const hub = this.hubs.get(notice.s);
    if (!hub) return;
    const carried = notice.e;
    if (carried && typeof carried.t === "string" && typeof carried.d === "string" && typeof carried.c === "number") {
      hub.offer({ stream: notice.s, seq: notice.q, type: carried.t, data: carried.d, createdAt: new Date(carried.c) });
    } else hub.noticed(notice.q);
  }

  private resync() {
    for (const hub of this.hubs.values()) void hub.refresh();
  }
}
