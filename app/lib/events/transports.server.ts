// How a small notice ("stream S has reached seq N", with the event itself when it is small, see
// noticeFor in bus.server.ts) travels between processes. The database stays the truth: a receiver
// uses a carried event only when it is the next one it expects, else reads what it missed, so a
// lost notice delays an event (until the next notice or the bus's periodic check) but never loses it.
import type { Client as PgClient } from "pg";
import { BUS_MESSAGE_TYPE, isBusRelayMessage, type BusRelayMessage } from "../../../server/bus-relay.ts";

export type NoticeHandlers = {
  notice(payload: string): void;
  /** Notices may have been missed (a reconnect): check every stream against the database. */
  resync(): void;
};

export interface Transport {
  readonly kind: "memory" | "cluster" | "postgres";
  start(handlers: NoticeHandlers): Promise<void>;
  publish(payload: string): Promise<void>;
  close(): Promise<void>;
}

/** One process: the bus already delivers its own events locally, nothing travels. */
export class MemoryTransport implements Transport {
  readonly kind = "memory" as const;
  async start() {}
  async publish() {}
  async close() {}
}

const CLUSTER_CHANNEL = "events";

/**
 * The workers of one machine under `npm start`'s supervisor: a notice goes to the primary with
 * process.send, and server/bus-relay.ts forwards it to every other worker.
 */
export class ClusterTransport implements Transport {
  readonly kind = "cluster" as const;
  private listener?: (message: unknown) => void;
  constructor(private readonly processRef: NodeJS.Process = process) {}

  async start(handlers: NoticeHandlers) {
    if (typeof this.processRef.send !== "function") {
      throw new Error("EVENT_BUS=cluster needs a worker started by the cluster supervisor (npm start)");
    }
    this.listener = (message) => {
      if (isBusRelayMessage(message) && message.channel === CLUSTER_CHANNEL) handlers.notice(message.payload);
    };
    this.processRef.on("message", this.listener);
  }

  async publish(payload: string) {
    const message: BusRelayMessage = { type: BUS_MESSAGE_TYPE, channel: CLUSTER_CHANNEL, payload };
    // The IPC channel is closed while the worker exits; the event is stored, nothing else to do.
    if (this.processRef.connected) this.processRef.send!(message);
  }

  async close() {
    if (this.listener) this.processRef.off("message", this.listener);
  }
}

export const PG_CHANNEL = "coop_events";

/**
 * Several machines on one PostgreSQL database: LISTEN on a dedicated connection (reconnected with
 * back-off; a reconnect triggers a resync because notices sent meanwhile are gone), NOTIFY through
 * the app's own pool so publishing never waits for the listener.
 */
export class PostgresTransport implements Transport {
  readonly kind = "postgres" as const;
  private client?: PgClient;
  private closed = false;
  private retryMs = 250;
  private reconnectTimer?: NodeJS.Timeout;
  private handlers?: NoticeHandlers;

  constructor(
    private readonly options: {
      connectionString: string;
      notify(channel: string, payload: string): Promise<unknown>;
      onError?(error: Error): void;
    },
  ) {}

  async start(handlers: NoticeHandlers) {
    this.handlers = handlers;
    await this.connect();
  }

  private async connect() {
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: this.options.connectionString });
    client.on("notification", (message) => {
      if (message.channel === PG_CHANNEL && message.payload) this.handlers?.notice(message.payload);
    });
    const lost = (error?: Error) => {
      if (this.client !== client) return;
      this.client = undefined;
      client.removeAllListeners("notification");
      void client.end().catch(() => {});
      if (error) this.options.onError?.(error);
      this.scheduleReconnect();
    };
    client.on("error", lost);
    client.on("end", () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${PG_CHANNEL}`);
    } catch (error) {
      void client.end().catch(() => {});
      if (this.closed) return;
      this.options.onError?.(error as Error);
      this.scheduleReconnect();
      return;
    }
    if (this.closed) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    this.retryMs = 250;
  }

  private scheduleReconnect() {
    if (this.closed || this.reconnectTimer) return;
    const delay = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, 5_000);
    this.reconnectTimer = setTimeout(async () => {
      this.reconnectTimer = undefined;
      await this.connect();
      if (this.client) this.handlers?.resync();
    }, delay);
    this.reconnectTimer.unref();
  }

  /** For tests: the listening connection, to break it on purpose. */
  get listener(): PgClient | undefined {
    return this.client;
  }

  async publish(payload: string) {
    await this.options.notify(PG_CHANNEL, payload);
  }

  async close() {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = undefined;
    if (client) await client.end().catch(() => {});
  }
}
