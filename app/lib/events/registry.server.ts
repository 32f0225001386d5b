// Event streams are declared by the modules that own them (app/modules/*/stream.server.ts, listed
// in app/modules/streams.server.ts); this infrastructure only keeps the list and serves them, so it
// never imports domain code.
import type { AppLoadContext } from "@remix-run/node";
import { env } from "../env.server.ts";
import { resolveLocale, translatorFor } from "../i18n/locale.server.ts";
import { eventStreamResponse, eventStreamToNode, SseRefusal, type NodeResponse, type SseOptions, type StreamAccess } from "./sse.server.ts";

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

/** The stream's options for this request, or the Response that refuses it (unknown stream, no access). */
async function resolve(request: Request, name: string | undefined, context?: AppLoadContext): Promise<SseOptions | Response> {
  const definition = name ? definitions.get(name) : undefined;
  if (!definition) return plainText(request, 404, "live:stream.unknown");
  const url = new URL(request.url);
  let access: StreamAccess;
  try {
    access = await definition.open(request, url);
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  return {
    ...access,
    context,
    maxStreamsPerAccount: env().SSE_MAX_STREAMS_PER_ACCOUNT,
    recheck: async (fresh) => {
      const again = await definition.open(fresh, url);
      return again.stream === access.stream && again.accountId === access.accountId;
    },
  };
}

async function refusal(request: Request, error: unknown): Promise<Response> {
  if (!(error instanceof SseRefusal)) throw error;
  const response = await plainText(request, error.status, `live:stream.${error.reason}`);
  if (error.status === 429) response.headers.set("Retry-After", "30");
  return response;
}

/** /events/<name> as a Response (the Remix route, and tests that call it directly). */
export async function serveStream(request: Request, name: string | undefined, context?: AppLoadContext): Promise<Response> {
  const options = await resolve(request, name, context);
  if (options instanceof Response) throw options;
  try {
    return eventStreamResponse(request, options);
  } catch (error) {
    return refusal(request, error);
  }
}

/**
 * /events/<name> written straight into the Node response (the Express server's handler, decision
 * 0030): the same checks and answers as serveStream. `request.signal` must abort when the client goes.
 */
export async function serveStreamToNode(request: Request, res: NodeResponse, name: string | undefined): Promise<void> {
  let options: SseOptions | Response;
  try {
    options = await resolve(request, name);
    if (!(options instanceof Response)) {
      eventStreamToNode(request, res, options);
      return;
    }
  } catch (error) {
    options = await refusal(request, error);
  }
  await sendResponse(options, res);
}

async function sendResponse(response: Response, res: NodeResponse) {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : undefined;
  res.writeHead(response.status, headers);
  if (body) res.write(body);
  res.end();
}
