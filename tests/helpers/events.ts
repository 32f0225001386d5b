// Collects what a bus follower receives, for the event-bus tests.
import { expect, vi } from "vitest";
import type { StoredEvent } from "~/lib/events/bus.server.ts";

export function collector() {
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
