import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { i18nFor } from "./lib/i18n/i18n.ts";
import { resolveLocale } from "./lib/i18n/locale.server.ts";
import { isLocale } from "./lib/i18n/resources.ts";
import { NonceProvider } from "./lib/nonce.tsx";
import { errorFields, logger } from "./lib/logger.server.ts";
import { onPublicPagesChanged as subscribePublicPages } from "./lib/page-cache/invalidate.server.ts";
// Every module's job handlers and schedules, before the worker starts (startBackgroundWork below).
import "./modules/jobs.server.ts";

// What the Express server uses from the app bundle (health checks, worker, shutdown).
export { checkDatabase } from "./lib/db.server.ts";
export { startBackgroundWork, stopBackgroundWork, disconnect } from "./lib/background.server.ts";
export { closeAllStreams } from "./lib/events/sse.server.ts";
// /events/<stream> served by Express itself (decision 0030); the modules' streams register on import.
export { serveStreamToNode as serveEventStream } from "./lib/events/registry.server.ts";
import "./modules/streams.server.ts";
export { localeCookieValues } from "./lib/i18n/locale.server.ts";

/** For the public-page cache in server/: content changed somewhere, drop the cached pages. */
export function onPublicPagesChanged(listener: () => void): () => void {
  return subscribePublicPages(() => listener());
}

const ABORT_DELAY = 5_000;

export function handleError(error: unknown, { request }: { request: Request }) {
  // Thrown responses (404, 403...) are answers, not failures.
  if (request.signal.aborted || isRouteErrorResponse(error)) return;
  logger.error("unhandled error", { ...errorFields(error), url: request.url });
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const rootData = remixContext.staticHandlerContext.loaderData.root as { locale?: string } | undefined;
  const locale = isLocale(rootData?.locale) ? rootData.locale : await resolveLocale(request);
  // One shared instance per language: server rendering never changes its language.
  const i18n = i18nFor(locale);
  const nonce = (loadContext.cspNonce as string | undefined) ?? "";
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={i18n}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          // A page depends on the session and language cookies: without this, Chromium reused a
          // cached 410 page in Italian after the visitor switched to English (4xx pages are
          // cacheable by default). Routes that may be cached say so with their own header.
          if (!responseHeaders.has("Cache-Control")) responseHeaders.set("Cache-Control", "private, no-cache");
          resolve(
            new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) logger.error("render error", errorFields(error));
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
