// The Express application: static assets, health checks, security, logging, then Remix.
import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import path from "node:path";
import { createRequire } from "node:module";
import compression from "compression";
import express from "express";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { logger } from "../app/lib/logger.server.ts";
import type { Env } from "../app/lib/env.server.ts";
import { forwardedHeaders, sameOriginGuard, securityHeaders } from "./security.ts";

/** What the server needs from the app bundle; exported by app/entry.server.tsx. */
export type AppServices = {
  checkDatabase(): Promise<boolean>;
  startBackgroundWork(): void;
  stopBackgroundWork(): Promise<void>;
  disconnect(): Promise<void>;
  /** Ends every open event stream with a retry hint; returns how many there were. */
  closeAllStreams(retryMs?: number): number;
  /**
   * Writes the event stream /events/<name> straight into `res` (decision 0030). Optional: without
   * it (test builds) the Remix route serves the same URLs.
   */
  serveEventStream?(request: Request, res: ServerResponse, name: string): Promise<void>;
  /** Calls `listener` whenever content on cached public pages changed, on any worker or instance. */
  onPublicPagesChanged(listener: () => void): () => void;
  /** The app's signed language-cookie values and the locale each stands for. */
  localeCookieValues(): Promise<Map<string, string>>;
};

export function appServices(build: ServerBuild): AppServices {
  return build.entry.module as unknown as AppServices;
}

const require = createRequire(import.meta.url);
const bootstrapItaliaDir = path.join(path.dirname(require.resolve("bootstrap-italia/package.json")), "dist");
export const BOOTSTRAP_ITALIA_VERSION: string = require("bootstrap-italia/package.json").version;

export function createApp(options: { build: ServerBuild; env: Env; state: { shuttingDown: boolean } }) {
  const { build, env, state } = options;
  const services = appServices(build);
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", env.TRUST_PROXY === "false" ? false : env.TRUST_PROXY === "true" ? true : env.TRUST_PROXY);

  app.use(forwardedHeaders);

  app.use(closeAfterRefusedBody);
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    const requestId = req.get("x-request-id") ?? randomUUID();
    res.locals.requestId = requestId;
    res.setHeader("X-Request-Id", requestId);
    res.on("finish", () => {
      if (req.path === "/healthz" || req.path === "/readyz") return;
      logger.info("request", {
        requestId,
        method: req.method,
        path: req.originalUrl.split("?")[0],
        status: res.statusCode,
        ms: Number((process.hrtime.bigint() - started) / 10_000n) / 100,
        ip: req.ip,
        userId: res.locals.userId,
      });
    });
    next();
  });

  app.get("/healthz", (_req, res) => {
    // The pid tells which worker answered (operators and the supervisor test use it).
    res.status(state.shuttingDown ? 503 : 200).json({ status: state.shuttingDown ? "shutting-down" : "ok", pid: process.pid });
  });
  app.get("/readyz", async (_req, res) => {
    const database = await services.checkDatabase();
    const ready = database && !state.shuttingDown;
    res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "unavailable", database: database ? "ok" : "down" });
  });

  // Event streams must reach the browser event by event; they also say Cache-Control: no-transform.
  // The streams under /events/ skip compression() altogether: its wrappers of write() and flush()
  // cost a little on every event for every reader (thousands of writes per event).
  const compress = compression({ filter: (req, res) => !/text\/event-stream/i.test(String(res.getHeader("Content-Type") ?? "")) && compression.filter(req, res) });
  app.use((req, res, next) => (req.path.startsWith("/events/") ? next() : compress(req, res, next)));
  app.use(securityHeaders);

  // Fingerprinted build output never changes: cache it for a year.
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  // Bootstrap Italia CSS, fonts and icons, served by the app itself (no outside hosts).
  app.use(`/vendor/bootstrap-italia/${BOOTSTRAP_ITALIA_VERSION}`, express.static(bootstrapItaliaDir, { immutable: true, maxAge: "1y" }));
  // Fonts are referenced from app/styles/app.css by an unversioned path.
  app.use("/vendor/bi-fonts", express.static(path.join(bootstrapItaliaDir, "fonts"), { maxAge: "30d" }));
  app.use(express.static("public", { maxAge: "1h" }));

  app.use(sameOriginGuard([env.APP_URL], [/^\/webhooks\//]));

  const { serveEventStream } = services;
  if (serveEventStream) {
    // Thousands of readers per worker: one res.write() of a shared frame per reader and event,
    // instead of a ReadableStream per reader piped by the Remix adapter (decision 0030).
    app.get("/events/:stream", (req, res, next) => {
      const closed = new AbortController();
      res.on("close", () => closed.abort());
      const request = new Request(`${req.protocol}://${req.get("host") ?? "localhost"}${req.originalUrl}`, { headers: headersOf(req), signal: closed.signal });
      serveEventStream(request, res, req.params.stream).catch(next);
    });
  }

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: env.NODE_ENV,
      getLoadContext: (req, res) => ({
        cspNonce: res.locals.cspNonce as string,
        requestId: res.locals.requestId as string,
        clientIp: req.ip ?? "unknown",
        setUserId: (userId: string) => {
          res.locals.userId = userId;
        },
        responseBuffer: {
          bufferedBytes: () => res.writableLength,
          destroy: () => res.destroy(),
        },
      }),
    }),
  );
  return app;
}

/** The request's headers for a fetch Request (repeated headers joined, as the Remix adapter does). */
function headersOf(req: express.Request): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const one of value) headers.append(name, one);
    else headers.set(name, value);
  }
  return headers;
}

/** How long a connection whose body was refused stays open after the answer has gone out. */
export const REFUSED_BODY_LINGER_MS = 1_000;

/**
 * A request answered before its body was read (413 for a body over the limit, 415, 400) leaves the
 * rest of the body unread. The client's close cannot get through a full receive window, so the
 * connection would stay open — neither idle nor busy — until Node's request timeout, and a graceful
 * shutdown would wait for it. Once the answer has gone out, give the client a moment to read it, then
 * close the connection.
 */
export function closeAfterRefusedBody(req: express.Request, res: express.Response, next: express.NextFunction) {
  res.on("finish", () => {
    if (req.complete) return;
    const socket = req.socket;
    const timer = setTimeout(() => socket.destroy(), REFUSED_BODY_LINGER_MS);
    timer.unref();
    socket.once("close", () => clearTimeout(timer));
  });
  next();
}
