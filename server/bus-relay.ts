// The supervisor's half of the event bus across the workers of one machine: a notice one worker
// publishes reaches every other worker. The workers' half (sending and receiving these messages)
// lives with the event bus in app/lib/; the message shape below is the contract between them.
import type { Cluster, Worker } from "node:cluster";

export const BUS_MESSAGE_TYPE = "coop:bus";

export type BusRelayMessage = { type: typeof BUS_MESSAGE_TYPE; channel: string; payload: string };

export function isBusRelayMessage(message: unknown): message is BusRelayMessage {
  if (typeof message !== "object" || message === null) return false;
  const candidate = message as Record<string, unknown>;
  return candidate.type === BUS_MESSAGE_TYPE && typeof candidate.channel === "string" && typeof candidate.payload === "string";
}

/** Call once in the primary process: forwards every bus message from a worker to all the others. */
export function relayBusMessages(cluster: Cluster): void {
  cluster.on("message", (sender: Worker, message: unknown) => {
    if (!isBusRelayMessage(message)) return;
    for (const worker of Object.values(cluster.workers ?? {})) {
      if (worker && worker !== sender && worker.isConnected()) worker.send(message);
    }
  });
}
