// One worker of tests/helpers/bus-cluster/primary.ts: an event bus on the cluster transport, with
// no periodic database check, so whatever the follower hears came through the relay.
import { createDb } from "../../../app/lib/db.server.ts";
import { EventBus } from "../../../app/lib/events/bus.server.ts";
import { ClusterTransport } from "../../../app/lib/events/transports.server.ts";

const role = process.env.ROLE!;
const db = createDb(process.env.DATABASE_URL!);
const bus = new EventBus({ db, transport: new ClusterTransport(), resyncMs: 0 });
const report = (data: Record<string, unknown>) => process.send!({ type: "report", role, ...data });

if (role === "follower") {
  const follower = bus.follow("cluster-stream", null, (events) => report({ seqs: events.map((event) => event.seq) }));
  await follower.ready;
} else {
  await bus.start();
  process.on("message", async (message: { type?: string; count?: number }) => {
    if (message?.type !== "command") return;
    for (let i = 0; i < (message.count ?? 0); i++) await bus.publish("cluster-stream", "n", { i });
    report({ published: message.count });
  });
}
report({ ready: true });
