// A burst of registrations queues for a transaction slot: first come first served, never more at
// once than the slots, and a wait past the bound becomes "too busy, try again" (503), not a 500.
import { TransactionSlots } from "~/lib/db/transaction-slots.server.ts";
import { isDomainError } from "~/lib/domain-error.ts";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe("transaction slots", () => {
  it("runs at most `slots` at once and starts the others in arrival order", async () => {
    const slots = new TransactionSlots(2, 60_000);
    const gates = Array.from({ length: 5 }, deferred);
    const started: number[] = [];
    let running = 0;
    let peak = 0;
    const all = gates.map((gate, index) =>
      slots.run(async () => {
        started.push(index);
        peak = Math.max(peak, ++running);
        await gate.promise;
        running--;
        return index;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(slots.queued).toBe(3);
    for (const gate of [gates[1], gates[0], gates[2], gates[3], gates[4]]) {
      gate.resolve();
      await new Promise((done) => setImmediate(done));
    }
    expect(await Promise.all(all)).toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
  });

  it("frees the slot when the work fails", async () => {
    const slots = new TransactionSlots(1, 60_000);
    await expect(slots.run(() => Promise.reject(new Error("constraint")))).rejects.toThrow("constraint");
    await expect(slots.run(async () => "next")).resolves.toBe("next");
  });

  it("answers 'too busy' with a 503 after the longest wait, and the queue moves on", async () => {
    vi.useFakeTimers();
    try {
      const slots = new TransactionSlots(1, 1_000);
      const gate = deferred();
      const first = slots.run(() => gate.promise);
      const second = slots.run(async () => "never");
      const refused = second.catch((error: unknown) => error);
      await vi.advanceTimersByTimeAsync(1_001);
      const error = await refused;
      expect(isDomainError(error) && { key: error.key, status: error.status }).toEqual({ key: "common:errors.busy", status: 503 });
      expect(slots.queued).toBe(0);
      gate.resolve();
      await first;
      await expect(slots.run(async () => "after")).resolves.toBe("after");
    } finally {
      vi.useRealTimers();
    }
  });
});
