// The event bus: events are stored first with gap-free per-stream numbers, and followers get each
// event exactly once (replayed from the database or live). PostgreSQL LISTEN/NOTIFY between two
// bus instances: events-bus.pg.test.ts (runs in the PostgreSQL suite).
import { db } from "~/lib/db.server.ts";
import { EventBus } from "~/lib/events/bus.server.ts";
import { MemoryTransport, type NoticeHandlers, type Transport } from "~/lib/events/transports.server.ts";
import { collector } from "../helpers/events.ts";

describe("in-process bus", () => {
  let bus: EventBus;
  beforeEach(() => {
    bus = new EventBus({ db, transport: new MemoryTransport(), resyncMs: 0 });
  });
  afterEach(() => bus.close());

  it("numbers each stream's events 1, 2, 3… without gaps, even when written at the same time", async () => {
    await Promise.all(Array.from({ length: 30 }, (_, i) => bus.publish("numbers-a", "tick", { i })));
    await bus.publish("numbers-b", "tick", {});
    const rows = await db.event.findMany({ where: { stream: "numbers-a" }, orderBy: { seq: "asc" } });
    expect(rows.map((row) => row.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(await bus.latestSeq("numbers-b")).toBe(1);
    expect(await bus.latestSeq("never-written")).toBe(0);
  });

  it("delivers live events to followers in order, with their stored data", async () => {
    const a = collector();
    const follower = bus.follow("live", null, a.listener);
    await follower.ready;
    await bus.publish("live", "chat", { text: "ciao" });
    await bus.publish("live", "chat", { text: "a tutti" });
    await bus.publish("other", "chat", { text: "not for us" });
    await a.until(2);
    expect(a.seen.map((event) => [event.seq, event.type, JSON.parse(event.data).text])).toEqual([
      [1, "chat", "ciao"],
      [2, "chat", "a tutti"],
    ]);
    follower.close();
    await bus.publish("live", "chat", { text: "after close" });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(a.seen).toHaveLength(2);
  });

  it("replays what a follower missed, then continues live, with nothing twice and nothing lost", async () => {
    for (let i = 0; i < 5; i++) await bus.publish("replay", "n", { i });
    const a = collector();
    const follower = bus.follow("replay", 2, a.listener);
    // Events keep arriving while the replay reads the database.
    const writing = Promise.all(Array.from({ length: 20 }, (_, i) => bus.publish("replay", "n", { i: i + 5 })));
    await follower.ready;
    await writing;
    await a.until(23);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(a.seqs()).toEqual(Array.from({ length: 23 }, (_, i) => i + 3));
    follower.close();
  });

  it("picks up an event written by another process without a notice, at its periodic check", async () => {
    const polling = new EventBus({ db, transport: new MemoryTransport(), resyncMs: 50 });
    const a = collector();
    await polling.follow("quiet", null, a.listener).ready;
    // Another process wrote it (a separate bus instance with no transport between them).
    await bus.publish("quiet", "n", {});
    await a.until(1, 3_000);
    expect(a.seqs()).toEqual([1]);
    await polling.close();
  });

  it("recovers when the database was unreachable as the first follower of a stream started", async () => {
    // The stream's first position read fails once (database restarting), then works.
    let failures = 1;
    const flaky = new Proxy(db, {
      get(target, property, receiver) {
        if (property !== "eventStream") return Reflect.get(target, property, receiver);
        return {
          findUnique: (args: Parameters<typeof db.eventStream.findUnique>[0]) =>
            failures-- > 0 ? Promise.reject(new Error("database restarting")) : target.eventStream.findUnique(args),
        };
      },
    });
    const errors: Error[] = [];
    const recovering = new EventBus({ db: flaky, transport: new MemoryTransport(), resyncMs: 50, onError: (error) => errors.push(error) });
    const a = collector();
    recovering.follow("restart", null, a.listener).ready.catch(() => undefined);
    await vi.waitFor(() => expect(errors.map((error) => error.message)).toContain("database restarting"));
    await bus.publish("restart", "n", {});
    await a.until(1, 3_000);
    expect(a.seqs()).toEqual([1]);
    await recovering.close();
  });
});

describe("between processes", () => {
  /** Two processes' transports joined directly; `hold` keeps notices back until `release`. */
  class Link implements Transport {
    readonly kind = "memory" as const;
    peer?: Link;
    handlers?: NoticeHandlers;
    held: string[] | null = null;
    async start(handlers: NoticeHandlers) {
      this.handlers = handlers;
    }
    async publish(payload: string) {
      if (this.held) this.held.push(payload);
      else this.peer?.handlers?.notice(payload);
    }
    release() {
      for (const payload of this.held ?? []) this.peer?.handlers?.notice(payload);
      this.held = null;
    }
    async close() {}
  }

  let reads = 0;
  // The other process's database: counts the reads of stored events.
  const counting = new Proxy(db, {
    get(target, property, receiver) {
      if (property !== "event") return Reflect.get(target, property, receiver);
      return {
        findMany: (args: Parameters<typeof db.event.findMany>[0]) => {
          reads++;
          return target.event.findMany(args);
        },
      };
    },
  });
  let publisher: EventBus;
  let other: EventBus;
  let link: Link;
  beforeEach(() => {
    link = new Link();
    const back = new Link();
    link.peer = back;
    back.peer = link;
    publisher = new EventBus({ db, transport: link, resyncMs: 0 });
    other = new EventBus({ db: counting, transport: back, resyncMs: 0 });
  });
  afterEach(async () => {
    await publisher.close();
    await other.close();
  });

  it("hands a small event to the other process's readers from its notice, without reading it back", async () => {
    const a = collector();
    await other.follow("carried", null, a.listener).ready;
    await publisher.start();
    reads = 0;
    for (let n = 1; n <= 3; n++) await publisher.publish("carried", "n", { n });
    await a.until(3);
    expect(a.seen.map((event) => [event.seq, event.type, JSON.parse(event.data)])).toEqual([
      [1, "n", { n: 1 }],
      [2, "n", { n: 2 }],
      [3, "n", { n: 3 }],
    ]);
    expect(reads).toBe(0);
  });

  it("still reads a large event from the database (a PostgreSQL notice is limited to 8,000 bytes)", async () => {
    const a = collector();
    await other.follow("large", null, a.listener).ready;
    await publisher.start();
    reads = 0;
    const text = "x".repeat(10_000);
    await publisher.publish("large", "n", { text });
    await a.until(1);
    expect(JSON.parse(a.seen[0].data)).toEqual({ text });
    expect(reads).toBeGreaterThan(0);
  });

  it("never gives a reader who started after an event was stored that event from a late notice", async () => {
    // A chat message, then its hiding: the stored event is redacted, but the first notice still
    // carries the text. A reader who connects in between must not receive it.
    const early = collector();
    await other.follow("late", null, early.listener).ready;
    await publisher.start();
    link.held = [];
    await publisher.publish("late", "chat", { text: "testo poi nascosto" });
    const late = collector();
    await other.follow("late", null, late.listener).ready;
    link.release();
    await early.until(1);
    await publisher.publish("late", "n", { n: 2 });
    await late.until(1);
    expect(late.seqs()).toEqual([2]);
    expect(early.seqs()).toEqual([1, 2]);
  });
});
