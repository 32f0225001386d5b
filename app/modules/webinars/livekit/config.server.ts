// LiveKit settings (app/lib/env.server.ts validates them: all of URL, key and secret, or none).
// Without them the webinar pages still work and the room says how to configure LiveKit.
import { env, type Env } from "~/lib/env.server.ts";

export type LiveKitConfig = {
  /** What browsers connect to (ws:// or wss://). */
  url: string;
  /** Where the server calls the RoomService API (http:// or https://). */
  apiUrl: string;
  apiKey: string;
  apiSecret: string;
};

/** ws://host -> http://host, wss://host -> https://host (LiveKit serves its API on the same port). */
export function apiUrlFrom(url: string) {
  return url.replace(/^ws(s?):\/\//, "http$1://").replace(/\/+$/, "");
}

export function liveKitConfigFrom(source: Pick<Env, "LIVEKIT_URL" | "LIVEKIT_API_URL" | "LIVEKIT_API_KEY" | "LIVEKIT_API_SECRET">): LiveKitConfig | null {
  const { LIVEKIT_URL: url, LIVEKIT_API_KEY: apiKey, LIVEKIT_API_SECRET: apiSecret } = source;
  if (!url || !apiKey || !apiSecret) return null;
  return { url: url.replace(/\/+$/, ""), apiUrl: (source.LIVEKIT_API_URL ?? apiUrlFrom(url)).replace(/\/+$/, ""), apiKey, apiSecret };
}

/** The configured LiveKit, or null when the app runs without media. */
export function liveKitConfig(): LiveKitConfig | null {
  return liveKitConfigFrom(env());
}
