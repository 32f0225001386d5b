// The process's event bus, with the transport chosen by EVENT_BUS. Kept on globalThis so that
// development rebuilds reuse one LISTEN connection and one set of hubs.
import cluster from "node:cluster";
import { db, type Db } from "../db.server.ts";
import { env, isPostgresUrl } from "../env.server.ts";
import { errorFields, logger } from "../logger.server.ts";
import { EventBus } from "./bus.server.ts";
import { ClusterTransport, MemoryTransport, PostgresTransport, type Transport } from "./transports.server.ts";

export { EventBus, type EventListener, type Follower, type StoredEvent } from "./bus.server.ts";

export function transportKind(): Transport["kind"] {
  const { EVENT_BUS, DATABASE_URL } = env();
  if (EVENT_BUS !== "auto") return EVENT_BUS;
  if (isPostgresUrl(DATABASE_URL)) return "postgres";
  return cluster.isWorker ? "cluster" : "memory";
}

/**
 * NOTIFY through the app's pool. $executeRaw, not $queryRaw: pg_notify returns void, which
 * $queryRaw cannot deserialize (the NOTIFY would go out, then every publish would log an error).
 */
export function notifyThrough(client: Db) {
  return (channel: string, payload: string) => client.$executeRaw`SELECT pg_notify(${channel}, ${payload})`;
}

function createTransport(): Transport {
  const kind = transportKind();
  if (kind === "postgres") {
    return new PostgresTransport({
      connectionString: env().DATABASE_URL,
      notify: notifyThrough(db),
      onError: (error) => logger.warn("event bus: PostgreSQL listener lost, reconnecting", errorFields(error)),
    });
  }
  return kind === "cluster" ? new ClusterTransport() : new MemoryTransport();
}

const holder = globalThis as unknown as { __coopEventBus?: EventBus };

export function eventBus(): EventBus {
  holder.__coopEventBus ??= new EventBus({
    db,
    transport: createTransport(),
    onError: (error) => logger.error("event bus error", errorFields(error)),
  });
  return holder.__coopEventBus;
}

export async function closeEventBus() {
  const bus = holder.__coopEventBus;
  holder.__coopEventBus = undefined;
  await bus?.close();
}
