// The durable job queue against the real database (SQLite, or PostgreSQL with TEST_DATABASE=postgres).
import { spawn } from "node:child_process";
import path from "node:path";
import { db } from "~/lib/db.server.ts";
import { defineJob } from "~/lib/jobs/define.server.ts";
import { enqueueJob } from "~/lib/jobs/queue.server.ts";
import { runDueJobs } from "~/lib/jobs/runner.server.ts";
import { startWorker, stopWorker } from "~/lib/jobs/worker.server.ts";

const runs = new Map<string, number>();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

defineJob<{ tag: string }>("test.count", async (payload) => {
  // A short pause lets the other runner try to claim the same row meanwhile.
  await sleep(5 + Math.random() * 10);
  runs.set(payload.tag, (runs.get(payload.tag) ?? 0) + 1);
});
defineJob("test.always-fails", async (_payload, ctx) => {
  throw new Error(`boom on attempt ${ctx.attempt}`);
});
defineJob(
  "test.long",
  async (payload: { tag: string }) => {
    await sleep(2500);
    runs.set(payload.tag, (runs.get(payload.tag) ?? 0) + 1);
  },
  { leaseMs: 1500 },
);
let slowFinished = false;
defineJob("test.slow", async () => {
  await sleep(300);
  slowFinished = true;
});

/**
 * Another app instance: a separate Node process on the same database, with the same job type.
 * It reports the jobs it ran on stdout, and starts claiming when told to, together with this one.
 */
async function startSecondInstance() {
  const jobs = path.resolve(import.meta.dirname, "../../app/lib/jobs");
  const script = `
    const { defineJob } = await import(${JSON.stringify(path.join(jobs, "define.server.ts"))});
    const { runDueJobs } = await import(${JSON.stringify(path.join(jobs, "runner.server.ts"))});
    const { db } = await import(${JSON.stringify(path.join(jobs, "../db.server.ts"))});
    await db.job.count(); // connect before the start signal, so both instances start together
    defineJob("test.count", async (payload) => {
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 10));
      process.stdout.write("ran " + payload.tag + "\\n");
    });
    process.stdout.write("ready\\n");
    await new Promise((resolve) => process.stdin.once("data", resolve));
    const summary = await runDueJobs({ workerId: "other-process", concurrency: 4 });
    process.stdout.write("summary " + JSON.stringify(summary) + "\\n");
    process.exit(0);
  `;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { env: process.env, stdio: ["pipe", "pipe", "inherit"] });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("ready\n")) resolve();
    });
    exited.then((code) => reject(new Error(`second instance exited early (${code}): ${output}`)));
  });
  return {
    async run() {
      child.stdin.write("go\n");
      const code = await exited;
      if (code !== 0) throw new Error(`second instance failed (${code}): ${output}`);
      const lines = output.split("\n");
      return {
        ran: lines.filter((line) => line.startsWith("ran ")).map((line) => line.slice(4)),
        summary: JSON.parse(lines.find((line) => line.startsWith("summary "))!.slice(8)) as { done: number },
      };
    },
  };
}

beforeEach(async () => {
  runs.clear();
  await db.job.deleteMany();
});

describe("enqueueJob", () => {
  it("stores the job with its payload, due now by default", async () => {
    const job = await enqueueJob("test.count", { tag: "a", when: new Date("2026-01-01T00:00:00Z") });
    const row = await db.job.findUniqueOrThrow({ where: { id: job!.id } });
    expect(row.status).toBe("PENDING");
    expect(JSON.parse(row.payload)).toEqual({ tag: "a", when: "2026-01-01T00:00:00.000Z" });
    expect(row.runAt.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it("ignores a second job with the same unique key instead of failing", async () => {
    const first = await enqueueJob("test.count", { tag: "once" }, { uniqueKey: "digest:2026-05-01" });
    const again = await enqueueJob("test.count", { tag: "once" }, { uniqueKey: "digest:2026-05-01" });
    const concurrent = await Promise.all([1, 2, 3].map(() => enqueueJob("test.count", { tag: "once" }, { uniqueKey: "digest:2026-05-01" })));
    expect(first).not.toBeNull();
    expect(again).toBeNull();
    expect(concurrent).toEqual([null, null, null]);
    expect(await db.job.count({ where: { uniqueKey: "digest:2026-05-01" } })).toBe(1);

    await runDueJobs();
    expect(runs.get("once")).toBe(1);
  });

  it("does not run a job before its time", async () => {
    const runAt = new Date(Date.now() + 60_000);
    await enqueueJob("test.count", { tag: "later" }, { runAt });
    expect((await runDueJobs()).claimed).toBe(0);
    expect(runs.get("later")).toBeUndefined();
    await runDueJobs({ now: runAt });
    expect(runs.get("later")).toBe(1);
    const row = await db.job.findFirstOrThrow();
    expect(row.status).toBe("DONE");
    expect(row.completedAt).not.toBeNull();
    expect(row.lockedBy).toBeNull();
  });
});

describe("runDueJobs with several instances", () => {
  it("runs each of 50 jobs exactly once when two claim loops run at the same time", async () => {
    for (let i = 0; i < 50; i++) await enqueueJob("test.count", { tag: `job-${i}` });
    const [a, b] = await Promise.all([runDueJobs({ workerId: "loop-a", concurrency: 4 }), runDueJobs({ workerId: "loop-b", concurrency: 4 })]);
    expect(a.done + b.done).toBe(50);
    expect(runs.size).toBe(50);
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
    expect(await db.job.count({ where: { status: "DONE", attempts: 1 } })).toBe(50);
  });

  it("runs each of 60 jobs exactly once when another app instance (a second process) claims at the same time", async () => {
    for (let i = 0; i < 60; i++) await enqueueJob("test.count", { tag: `job-${i}` });
    const other = await startSecondInstance();
    const [mine, theirs] = await Promise.all([runDueJobs({ workerId: "this-process", concurrency: 4 }), other.run()]);

    expect(mine.done + theirs.summary.done).toBe(60);
    for (const tag of theirs.ran) runs.set(tag, (runs.get(tag) ?? 0) + 1);
    expect(runs.size).toBe(60);
    expect([...runs.entries()].filter(([, count]) => count !== 1)).toEqual([]);
    expect(await db.job.count({ where: { status: "DONE", attempts: 1 } })).toBe(60);
  });

  it("takes over a job whose instance crashed (expired lease), and leaves a live lease alone", async () => {
    const now = new Date();
    const crashed = await enqueueJob("test.count", { tag: "crashed" });
    const alive = await enqueueJob("test.count", { tag: "alive" });
    await db.job.update({ where: { id: crashed!.id }, data: { status: "RUNNING", lockedBy: "dead-instance", lockedUntil: new Date(now.getTime() - 1000), attempts: 1 } });
    await db.job.update({ where: { id: alive!.id }, data: { status: "RUNNING", lockedBy: "busy-instance", lockedUntil: new Date(now.getTime() + 60_000), attempts: 1 } });

    const summary = await runDueJobs({ now });
    expect(summary.done).toBe(1);
    expect(runs.get("crashed")).toBe(1);
    expect(runs.get("alive")).toBeUndefined();
    expect(await db.job.findUniqueOrThrow({ where: { id: crashed!.id } })).toMatchObject({ status: "DONE", attempts: 2 });
    expect(await db.job.findUniqueOrThrow({ where: { id: alive!.id } })).toMatchObject({ status: "RUNNING", lockedBy: "busy-instance" });
  });

  it("renews the lease of a long job, so no other instance takes it over while it runs", async () => {
    await enqueueJob("test.long", { tag: "long" });
    const first = runDueJobs({ workerId: "a" });
    // Past the first lease (1.5 s) but within the renewed one.
    await sleep(1800);
    expect((await runDueJobs({ workerId: "b" })).claimed).toBe(0);
    expect(await first).toMatchObject({ done: 1 });
    expect(runs.get("long")).toBe(1);
  });

  it("marks FAILED a job whose last attempt died with its instance, without running it again", async () => {
    const job = await enqueueJob("test.count", { tag: "poison" }, { maxAttempts: 2 });
    await db.job.update({ where: { id: job!.id }, data: { status: "RUNNING", lockedBy: "dead", lockedUntil: new Date(Date.now() - 1000), attempts: 2 } });
    await runDueJobs();
    expect(runs.get("poison")).toBeUndefined();
    expect(await db.job.findUniqueOrThrow({ where: { id: job!.id } })).toMatchObject({ status: "FAILED", lastError: "lease expired during the last attempt" });
  });
});

describe("failures", () => {
  it("retries with a growing back-off and marks the job FAILED after maxAttempts", async () => {
    const job = await enqueueJob("test.always-fails", {}, { maxAttempts: 4 });
    const delays: number[] = [];
    let now = new Date();
    for (let attempt = 1; attempt <= 4; attempt++) {
      const summary = await runDueJobs({ now });
      expect(summary.claimed).toBe(1);
      const row = await db.job.findUniqueOrThrow({ where: { id: job!.id } });
      expect(row.attempts).toBe(attempt);
      expect(row.lastError).toBe(`boom on attempt ${attempt}`);
      if (attempt < 4) {
        expect(row.status).toBe("PENDING");
        delays.push(row.runAt.getTime() - now.getTime());
        // Not yet due a moment before the back-off ends.
        expect((await runDueJobs({ now: new Date(row.runAt.getTime() - 1000) })).claimed).toBe(0);
        now = row.runAt;
      } else {
        expect(row.status).toBe("FAILED");
        expect(row.lockedBy).toBeNull();
      }
    }
    // 30 s, 1 min, 2 min, each with ±20% jitter.
    expect(delays[0]).toBeGreaterThanOrEqual(24_000);
    expect(delays[0]).toBeLessThanOrEqual(36_000);
    expect(delays[1]).toBeGreaterThanOrEqual(48_000);
    expect(delays[2]).toBeGreaterThanOrEqual(96_000);
    expect(delays[2]).toBeLessThanOrEqual(144_000);
    expect(delays[0]).toBeLessThan(delays[1]);
    expect(delays[1]).toBeLessThan(delays[2]);

    // A FAILED job is never picked up again.
    expect((await runDueJobs({ now: new Date(now.getTime() + 24 * 3600_000) })).claimed).toBe(0);
  });

  it("leaves jobs of a type this instance does not know for an instance that does", async () => {
    await db.job.create({ data: { type: "feature.from-a-newer-release", payload: "{}" } });
    expect((await runDueJobs()).claimed).toBe(0);
    expect(await db.job.findFirstOrThrow()).toMatchObject({ status: "PENDING", attempts: 0 });
  });
});

describe("the worker", () => {
  afterEach(() => stopWorker());

  it("runs a job soon after it is enqueued, and stopping waits for running jobs", async () => {
    startWorker({ pollMs: 10_000 });
    await sleep(50);
    const started = Date.now();
    await enqueueJob("test.count", { tag: "kicked" });
    while (!runs.get("kicked") && Date.now() - started < 3000) await sleep(10);
    // Well before the 10 s poll: enqueueing kicked the worker.
    expect(runs.get("kicked")).toBe(1);

    slowFinished = false;
    await enqueueJob("test.slow", {});
    await sleep(100);
    await stopWorker();
    expect(slowFinished).toBe(true);
    expect(await db.job.count({ where: { status: "DONE" } })).toBe(2);
  });
});
