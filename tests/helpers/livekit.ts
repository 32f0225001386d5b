// A loopback stand-in for LiveKit's server API: an HTTP server on 127.0.0.1 answering the Twirp
// calls livekit-server-sdk makes (POST /twirp/livekit.<Service>/<Method>, JSON), the way LiveKit
// does (snake_case fields, int64 values as strings, errors as {"code","msg"}). Every call is
// recorded with its decoded bearer token, so tests can assert what reached "LiveKit". Also signs
// webhooks with the same key pair, as LiveKit does.
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { AccessToken } from "livekit-server-sdk";
import { resetEnvCache } from "~/lib/env.server.ts";

export const TEST_API_KEY = "devkey-test";
export const TEST_API_SECRET = "secret-for-tests-only-0123456789abcdef";

export type TwirpCall = { service: string; method: string; body: Record<string, unknown>; authorization: string | undefined };
type Reply = { status?: number; body: unknown };

export type TwirpServer = {
  url: string;
  calls: TwirpCall[];
  /** Calls of one method (e.g. "UpdateParticipant"). */
  callsOf(method: string): TwirpCall[];
  /** The next call of `method` gets this answer instead of the default. */
  replyOnce(method: string, reply: Reply): void;
  close(): Promise<void>;
};

/** Egresses the stand-in started, as LiveKit keeps them (for StopEgress and ListEgress). */
type EgressRecord = { egress_id: string; room_id: string; room_name: string; status: string; started_at: string; updated_at: string; ended_at?: string; request: Record<string, unknown> };

function egressAnswer(egress: EgressRecord) {
  const { request, ...rest } = egress;
  return { ...rest, room_composite: request, source_type: "EGRESS_SOURCE_TYPE_WEB" };
}

const nowNanos = () => String(BigInt(Date.now()) * 1_000_000n);

function egressReply(method: string, body: Record<string, unknown>, egresses: Map<string, EgressRecord>): Reply | null {
  switch (method) {
    case "StartRoomCompositeEgress": {
      const roomName = String(body.room_name ?? body.roomName ?? "");
      const egress: EgressRecord = { egress_id: `EG_test${egresses.size + 1}`, room_id: "RM_test1", room_name: roomName, status: "EGRESS_STARTING", started_at: "0", updated_at: nowNanos(), request: body };
      egresses.set(egress.egress_id, egress);
      return { body: egressAnswer(egress) };
    }
    case "StopEgress": {
      const egress = egresses.get(String(body.egress_id ?? body.egressId ?? ""));
      if (!egress) return { status: 404, body: { code: "not_found", msg: "egress not found" } };
      if (!["EGRESS_STARTING", "EGRESS_ACTIVE"].includes(egress.status)) return { status: 412, body: { code: "failed_precondition", msg: `egress with status ${egress.status} cannot be stopped` } };
      Object.assign(egress, { status: "EGRESS_ENDING", updated_at: nowNanos() });
      return { body: egressAnswer(egress) };
    }
    case "ListEgress": {
      const roomName = body.room_name ?? body.roomName;
      const egressId = body.egress_id ?? body.egressId;
      const active = body.active === true;
      const items = [...egresses.values()].filter(
        (egress) => (!roomName || egress.room_name === roomName) && (!egressId || egress.egress_id === egressId) && (!active || ["EGRESS_STARTING", "EGRESS_ACTIVE"].includes(egress.status)),
      );
      return { body: { items: items.map(egressAnswer) } };
    }
    default:
      return null;
  }
}

function defaultReply(method: string, body: Record<string, unknown>): unknown {
  switch (method) {
    case "CreateRoom":
      return { sid: "RM_test1", name: body.name, empty_timeout: body.empty_timeout ?? body.emptyTimeout ?? 300, creation_time: "1700000000", num_participants: 0 };
    case "UpdateParticipant":
      return {
        sid: "PA_test1",
        identity: body.identity,
        state: "ACTIVE",
        joined_at: "1700000000",
        permission: body.permission ?? { can_subscribe: true, can_publish: false },
        attributes: body.attributes ?? {},
      };
    case "MutePublishedTrack":
      return { track: { sid: body.track_sid ?? body.trackSid, type: "AUDIO", muted: true } };
    case "ListParticipants":
      return { participants: [] };
    default:
      return {};
  }
}

async function readBody(request: IncomingMessage) {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startTwirpServer(): Promise<TwirpServer> {
  const calls: TwirpCall[] = [];
  const overrides = new Map<string, Reply[]>();
  const egresses = new Map<string, EgressRecord>();
  const server = createServer(async (request, response) => {
    const match = /^\/twirp\/livekit\.(\w+)\/(\w+)$/.exec(request.url ?? "");
    const text = await readBody(request);
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { "Content-Type": "application/json" });
      response.end(JSON.stringify(body));
    };
    if (request.method !== "POST" || !match) return send(404, { code: "bad_route", msg: "no such method" });
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    const [, service, method] = match;
    calls.push({ service, method, body, authorization: request.headers.authorization });
    const override = overrides.get(method)?.shift();
    if (override) return send(override.status ?? 200, override.body);
    const egress = service === "Egress" ? egressReply(method, body, egresses) : null;
    if (egress) return send(egress.status ?? 200, egress.body);
    send(200, defaultReply(method, body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    callsOf: (method) => calls.filter((call) => call.method === method),
    replyOnce(method, reply) {
      overrides.set(method, [...(overrides.get(method) ?? []), reply]);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Points the app's LiveKit settings at `server` (or removes them with null). */
export function useLiveKit(server: { url: string } | null) {
  for (const name of ["LIVEKIT_URL", "LIVEKIT_API_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET"]) delete process.env[name];
  if (server) {
    process.env.LIVEKIT_URL = server.url.replace(/^http/, "ws");
    process.env.LIVEKIT_API_KEY = TEST_API_KEY;
    process.env.LIVEKIT_API_SECRET = TEST_API_SECRET;
  }
  resetEnvCache();
}

/** The claims of a JWT (not verified: tests read what the app minted). */
export function decodeJwt(token: string): Record<string, unknown> {
  const [, payload] = token.split(".");
  return JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
}

/** The Authorization header LiveKit sends with a webhook: a JWT whose sha256 claim is the body's hash. */
export async function signWebhook(body: string, key = TEST_API_KEY, secret = TEST_API_SECRET) {
  const token = new AccessToken(key, secret);
  token.sha256 = createHash("sha256").update(body).digest("base64");
  return token.toJwt();
}
