// The bus across the workers of one machine: two real worker processes under a small cluster
// primary that uses server/bus-relay.ts, as `npm start`'s supervisor does. What one worker
// publishes reaches the other's followers through the relay (no polling in these workers).
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = pathToFileURL(path.join(ROOT, "node_modules/tsx/dist/loader.mjs")).href;

type Report = { type: "report"; role: string; ready?: boolean; seqs?: number[]; published?: number };

function startCluster(env: Record<string, string> = {}) {
  const reports: Report[] = [];
  const child: ChildProcess = fork(path.join(ROOT, "tests/helpers/bus-cluster/primary.ts"), [], {
    execArgv: ["--import", TSX],
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  let errors = "";
  child.stderr?.on("data", (chunk) => (errors += chunk));
  child.on("message", (message) => reports.push(message as Report));
  return {
    reports,
    received: () => reports.filter((r) => r.role === "follower" && r.seqs).flatMap((r) => r.seqs!),
    async ready() {
      await vi.waitFor(() => expect(reports.filter((r) => r.ready).length, errors).toBe(2), { timeout: 30_000, interval: 50 });
    },
    publish(count: number) {
      child.send({ type: "command", count });
    },
    async stop() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.send({ type: "stop" });
      await exited;
    },
  };
}

it("delivers every event a worker publishes to the other worker, in order, once", { timeout: 60_000 }, async () => {
  const cluster = startCluster();
  try {
    await cluster.ready();
    cluster.publish(40);
    await vi.waitFor(() => expect(cluster.received()).toHaveLength(40), { timeout: 15_000, interval: 20 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(cluster.received()).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  } finally {
    await cluster.stop();
  }
});

it("hears nothing without the supervisor's relay (the workers do not share memory)", { timeout: 60_000 }, async () => {
  const cluster = startCluster({ RELAY: "off" });
  try {
    await cluster.ready();
    cluster.publish(5);
    await vi.waitFor(() => expect(cluster.reports.some((r) => r.published === 5)).toBe(true), { timeout: 15_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(cluster.received()).toEqual([]);
  } finally {
    await cluster.stop();
  }
});
