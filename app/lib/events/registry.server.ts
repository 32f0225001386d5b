// Event streams are declared by the modules that own them (app/modules/*/stream.server.ts, listed
// in app/modules/streams.server.ts); this infrastructure only keeps the list and serves them, so it
// never imports domain code.
import type { AppLoadContext } from "@remix-run/node";
import { env } from "../env.server.ts";
import { resolveLocale, translatorFor } from "../i18n/locale.server.ts";
import { eventStreamResponse, SseRefusal, type StreamAccess } from "./sse.server.ts";

export type StreamDefinition = {
  /** The URL name: /events/<name>. */
  name: string;
  /**
   * Decides whether the request may read the stream and which stored stream it reads. Throw a
   * Response to refuse (a redirect to sign in, 403, 404). Called again, with a fresh request,
   * whenever access may have changed.
   */
  open(request: Request, url: URL): Promise<StreamAccess>;
};

const definitions = new Map<string, StreamDefinition>();

export function registerStream(definition: StreamDefinition) {
  definitions.set(definition.name, definition);
}

export function registeredStreams() {
  return [...definitions.keys()];
}

async function plainText(request: Request, status: number, key: string) {
  const t = translatorFor(await resolveLocale(request));
  return new Response(t(key), { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

export async function serveStream(request: Request, name: string | undefined, context?: AppLoadContext): Promise<Response> {
  const definition = name ? definitions.get(name) : undefined;
  if (!definition) return plainText(request, 404, "live:stream.unknown");
  const url = new URL(request.url);
  const access = await definition.open(request, url);
  try {
    return eventStreamResponse(request, {
      ...access,
      context,
      maxStreamsPerAccount: env().SSE_MAX_STREAMS_PER_ACCOUNT,
      recheck: async (fresh) => {
        const again = await definition.open(fresh, url);
        return again.stream === access.stream && again.accountId === access.accountId;
      },
    });
  } catch (error) {
    if (error instanceof SseRefusal) {
      const response = await plainText(request, error.status, `live:stream.${error.reason}`);
      if (error.status === 429) response.headers.set("Retry-After", "30");
      return response;
    }
    throw error;
  }
}
