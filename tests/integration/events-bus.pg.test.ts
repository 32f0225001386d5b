// On PostgreSQL two separate bus instances — as two app instances would have — hear each other
// through LISTEN/NOTIFY. Runs only in the PostgreSQL suite (`npm run test:pg`; *.pg.test.ts files are
// left out of the SQLite run by vitest.config.ts), so neither suite reports it as skipped.
import { createDb } from "~/lib/db.server.ts";
import { EventBus } from "~/lib/events/bus.server.ts";
import { notifyThrough } from "~/lib/events/index.server.ts";
import { PostgresTransport } from "~/lib/events/transports.server.ts";
import { collector } from "../helpers/events.ts";

describe("PostgreSQL LISTEN/NOTIFY between two bus instances", () => {
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
