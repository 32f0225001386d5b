// A small cluster primary for tests/integration/events-cluster.test.ts: forks a publishing and a
// following worker and relays bus notices between them with server/bus-relay.ts (unless
// RELAY=off). Worker reports go up to the test process; the test's commands go down to the workers.
import cluster from "node:cluster";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { relayBusMessages } from "../../../server/bus-relay.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const tsx = pathToFileURL(path.resolve(here, "../../../node_modules/tsx/dist/loader.mjs")).href;
cluster.setupPrimary({ exec: path.join(here, "worker.ts"), execArgv: ["--import", tsx] });
if (process.env.RELAY !== "off") relayBusMessages(cluster);

const workers = [cluster.fork({ ROLE: "publisher" }), cluster.fork({ ROLE: "follower" })];
cluster.on("message", (_worker, message: { type?: string }) => {
  if (message?.type === "report") process.send!(message);
});
process.on("message", (message: { type?: string }) => {
  if (message?.type === "command") for (const worker of workers) worker.send(message);
  if (message?.type === "stop") {
    for (const worker of workers) worker.kill();
    process.exit(0);
  }
});
