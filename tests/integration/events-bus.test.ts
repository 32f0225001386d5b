// The event bus: events are stored first with gap-free per-stream numbers, followers get each
// event exactly once (replayed from the database or live), and on PostgreSQL two separate bus
// instances — as two app instances would have — hear each other through LISTEN/NOTIFY.
import { createDb, db } from "~/lib/db.server.ts";
import { EventBus, type StoredEvent } from "~/lib/events/bus.server.ts";
import { notifyThrough } from "~/lib/events/index.server.ts";
import { MemoryTransport, PostgresTransport } from "~/lib/events/transports.server.ts";

const onPostgres = process.env.TEST_DATABASE === "postgres";

function collector() {
  const seen: StoredEvent[] = [];
  return {
    seen,
    listener: (events: StoredEvent[]) => seen.push(...events),
    seqs: () => seen.map((event) => event.seq),
    async until(count: number, timeoutMs = 5_000) {
      await vi.waitFor(() => expect(seen.length).toBeGreaterThanOrEqual(count), { timeout: timeoutMs, interval: 10 });
    },
  };
}

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
});

describe.runIf(onPostgres)("PostgreSQL LISTEN/NOTIFY between two bus instances", () => {
  const url = () => process.env.DATABASE_URL!;
  const errors: Error[] = [];
  afterEach(() => {
    // A failing NOTIFY would still deliver (it is sent before the call fails) but log an error per event.
    expect(errors).toEqual([]);
  });
  function instance() {
    const client = createDb(url());
    // The same NOTIFY call as the app's bus.
    const transport = new PostgresTransport({ connectionString: url(), notify: notifyThrough(client) });
    // No periodic check: delivery must come from the notices.
    return { client, transport, bus: new EventBus({ db: client, transport, resyncMs: 0, onError: (error) => errors.push(error) }) };
  }

  it("delivers every event one instance publishes to the other's followers, in order", async () => {
    const one = instance();
    const two = instance();
    const heard = collector();
    await two.bus.follow("pg-stream", null, heard.listener).ready;
    await one.bus.start();
    for (let i = 0; i < 50; i++) await one.bus.publish("pg-stream", "n", { i });
    await heard.until(50);
    expect(heard.seqs()).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(heard.seen.map((event) => JSON.parse(event.data).i)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    await Promise.all([one.bus.close(), two.bus.close()]);
    await Promise.all([one.client.$disconnect(), two.client.$disconnect()]);
  });

  it("reconnects a lost listener and catches up on what was published meanwhile", async () => {
    const one = instance();
    const two = instance();
    const heard = collector();
    await two.bus.follow("pg-reconnect", null, heard.listener).ready;
    await one.bus.publish("pg-reconnect", "n", { i: 1 });
    await heard.until(1);
    // The listening connection dies (a PostgreSQL restart, a network cut)…
    const listener = two.transport.listener!;
    const killer = createDb(url());
    const [{ pid }] = await listener.query<{ pid: number }>("SELECT pg_backend_pid() AS pid").then((r) => r.rows);
    await killer.$queryRaw`SELECT pg_terminate_backend(${pid}::int)`;
    // …and events are published while it is away.
    await one.bus.publish("pg-reconnect", "n", { i: 2 });
    await one.bus.publish("pg-reconnect", "n", { i: 3 });
    await heard.until(3, 10_000);
    expect(heard.seqs()).toEqual([1, 2, 3]);
    await vi.waitFor(() => expect(two.transport.listener).toBeDefined());
    expect(two.transport.listener).not.toBe(listener);
    await Promise.all([one.bus.close(), two.bus.close()]);
    await Promise.all([one.client.$disconnect(), two.client.$disconnect(), killer.$disconnect()]);
  });
});
