// A job handler gets a hard time limit: a hung attempt is abandoned (its lease no longer renewed)
// and the job is retried with back-off, instead of holding the row for ever.
import { db } from "~/lib/db.server.ts";
import { DEFAULT_TIMEOUT_MS, defineJob, jobDefinition } from "~/lib/jobs/define.server.ts";
import { enqueueJob } from "~/lib/jobs/queue.server.ts";
import { runDueJobs } from "~/lib/jobs/runner.server.ts";

let hungAttempts = 0;
let abortedAttempts = 0;
let recovers = false;

// Never settles on its first attempt (a stuck network call, a lock that never comes); the abort
// signal is how a cooperative handler hears that it was abandoned.
defineJob(
  "test.hangs",
  async (_payload, ctx) => {
    hungAttempts++;
    ctx.signal.addEventListener("abort", () => abortedAttempts++);
    if (recovers) return;
    await new Promise(() => {});
  },
  { timeoutMs: 300, leaseMs: 60_000 },
);

defineJob("test.default-limit", async () => {});

const later = (ms: number) => new Date(Date.now() + ms);

describe("job time limits", () => {
  it("applies a default limit to job types that set none, and the override to those that do", () => {
    expect(jobDefinition("test.default-limit")?.timeoutMs).toBe(DEFAULT_TIMEOUT_MS);
    expect(jobDefinition("test.hangs")?.timeoutMs).toBe(300);
    expect(() => defineJob("test.bad-limit", async () => {}, { timeoutMs: 0 })).toThrow(/timeoutMs/);
  });

  it("abandons a hung attempt at its limit, releases the row and retries it later with back-off", async () => {
    const job = await enqueueJob("test.hangs", {}, { maxAttempts: 3 });
    const started = Date.now();
    const summary = await runDueJobs({ workerId: "runner-a", random: () => 0.5 });
    const elapsed = Date.now() - started;

    expect(summary).toEqual({ claimed: 1, done: 0, retried: 1, failed: 0 });
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(10_000); // not held for the 60 s lease
    expect(abortedAttempts).toBe(1);

    const row = await db.job.findUniqueOrThrow({ where: { id: job!.id } });
    expect(row.status).toBe("PENDING");
    expect(row.lockedBy).toBeNull();
    expect(row.lockedUntil).toBeNull();
    expect(row.lastError).toMatch(/time limit of 300 ms/);
    expect(row.runAt.getTime()).toBeGreaterThan(Date.now() + 20_000); // first retry: 30 s ± 20%

    // Not due yet: another runner leaves it alone.
    expect((await runDueJobs({ workerId: "runner-b" })).claimed).toBe(0);

    // Once due, another runner takes it and this time it completes.
    recovers = true;
    const retry = await runDueJobs({ workerId: "runner-b", now: later(60_000) });
    expect(retry).toEqual({ claimed: 1, done: 1, retried: 0, failed: 0 });
    expect(hungAttempts).toBe(2);
    expect((await db.job.findUniqueOrThrow({ where: { id: job!.id } })).status).toBe("DONE");
  });

  it("marks the job FAILED when its last attempt hangs", async () => {
    recovers = false;
    const job = await enqueueJob("test.hangs", {}, { maxAttempts: 1 });
    const summary = await runDueJobs({ workerId: "runner-a" });
    expect(summary.failed).toBe(1);
    const row = await db.job.findUniqueOrThrow({ where: { id: job!.id } });
    expect(row.status).toBe("FAILED");
    expect(row.lockedBy).toBeNull();
    expect(row.lastError).toMatch(/time limit/);
  });
});
