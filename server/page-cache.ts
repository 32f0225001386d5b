// Wires the public-page cache (app/lib/page-cache) to this server: pages are rendered by the
// app's own Remix build for a visitor with no session, the CSP lists the pages' inline-script
// hashes, and the app's event bus clears the cache when content changes on any worker/instance.
import type { IncomingMessage, ServerResponse } from "node:http";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import type { Env } from "../app/lib/env.server.ts";
import { logger } from "../app/lib/logger.server.ts";
import { PublicPageCache } from "../app/lib/page-cache/cache.server.ts";
import { cachePolicies, type BuildRoute } from "../app/lib/page-cache/routes.server.ts";
import type { AppServices } from "./app.ts";
import { contentSecurityPolicy, staticSecurityHeaders } from "./security.ts";

export async function createPageCache(options: { build: ServerBuild; env: Env; services: AppServices }) {
  const { build, env, services } = options;
  const handler = createRequestHandler(build, env.NODE_ENV);
  const secure = env.APP_URL.startsWith("https://");
  const cache = new PublicPageCache({
    policyFor: cachePolicies(build.routes as unknown as Record<string, BuildRoute>),
    render: (pathname, cookie) =>
      handler(new Request(new URL(pathname, env.APP_URL), { headers: cookie ? { Cookie: cookie } : {} }), {
        // No nonce: the cached copy is shared, its inline scripts are allowed by hash instead.
        cspNonce: "",
        requestId: "page-cache",
        clientIp: "127.0.0.1",
      }),
    personalCookies: ["coop_session", "__Host-coop_session", "coop_flash"],
    languageCookie: "coop_lng",
    languageValues: await services.localeCookieValues(),
    defaultLanguage: "it",
    headers: (hashes) => ({ ...staticSecurityHeaders(secure), "Content-Security-Policy": contentSecurityPolicy(hashes) }),
  });
  const unsubscribe = services.onPublicPagesChanged(() => {
    cache.clear();
    logger.debug("public page cache cleared");
  });
  return {
    cache,
    /** The server's request listener: cached pages first, everything else to `app`. */
    listener(app: (req: IncomingMessage, res: ServerResponse) => void) {
      return (req: IncomingMessage, res: ServerResponse) => {
        if (!cache.handle(req, res, app)) app(req, res);
      };
    },
    close: unsubscribe,
  };
}
