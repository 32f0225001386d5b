// One serving process: the only process with WEB_CONCURRENCY=1, otherwise each worker of the
// cluster supervisor (server/supervisor.ts). Serves HTTP and shuts down gracefully on SIGTERM.
import cluster from "node:cluster";
import http from "node:http";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import type { Env } from "../app/lib/env.server.ts";
import { errorFields, logger } from "../app/lib/logger.server.ts";
import { beginShutdown } from "../app/lib/shutdown.server.ts";
import { appServices, createApp } from "./app.ts";
import { createPageCache } from "./page-cache.ts";
import { JOBS_ROLE_MESSAGE, WORKER_READY_MESSAGE, isSupervisorMessage } from "./supervisor-messages.ts";

/** After this long the process exits even if connections are still open (exit code 1). */
const SHUTDOWN_TIMEOUT_MS = 15_000;

export async function serve(env: Env, options: { database: "sqlite" | "postgres" }) {
  // Listen for SIGTERM before the slow part (loading the app bundle): a worker told to stop while
  // it starts must still stop cleanly, not die of the signal.
  const signals: { stop?: (signal: string) => void; pending?: string } = {};
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => (signals.stop ? signals.stop(signal) : (signals.pending ??= signal)));
  }

  const build = (await import(path.resolve("build/index.js"))) as ServerBuild;
  const state = { shuttingDown: false };
  const app = createApp({ build, env, state });
  const services = appServices(build);

  // Anonymous public pages are answered from memory before Express runs (docs/platform.md). The
  // cache is switched in once ready, without delaying listening or the SIGTERM handler below.
  let listener: http.RequestListener = app;
  let pageCache: Awaited<ReturnType<typeof createPageCache>> | null = null;
  const server = http.createServer((req, res) => listener(req, res));
  if (env.PAGE_CACHE_ENABLED) {
    void createPageCache({ build, env, services }).then(
      (ready) => {
        pageCache = ready;
        listener = ready.listener(app);
      },
      (error) => logger.error("public page cache not started", errorFields(error)),
    );
  }
  server.listen(env.PORT, env.HOST, () => {
    if (cluster.isWorker) return; // the supervisor logs the address once
    logger.info("listening", { url: `http://${env.HOST === "0.0.0.0" ? "localhost" : env.HOST}:${env.PORT}`, database: options.database });
    // Links in emails use APP_URL: say which, so a wrong public address is noticed before mail goes out.
    logger.info(env.APP_URL_DERIVED ? "links in emails use APP_URL (not set: derived from PORT)" : "links in emails use APP_URL", { appUrl: env.APP_URL });
  });
  // Keep-alive longer than a typical load balancer's idle timeout avoids spurious 502s.
  server.keepAliveTimeout = 65_000;

  if (cluster.isWorker) {
    // Under the supervisor only the worker it names runs the job worker (see README, "Production").
    process.on("message", (message: unknown) => {
      if (isSupervisorMessage(message, JOBS_ROLE_MESSAGE) && env.WORKER_ENABLED && !state.shuttingDown) services.startBackgroundWork();
    });
    server.once("listening", () => process.send?.({ type: WORKER_READY_MESSAGE }));
  } else if (env.WORKER_ENABLED) {
    services.startBackgroundWork();
  }

  async function shutdown(signal: string) {
    if (state.shuttingDown) return;
    state.shuttingDown = true;
    logger.info("shutting down", { signal, pid: process.pid });
    const forced = setTimeout(() => {
      logger.error("shutdown timed out; exiting", { pid: process.pid });
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    forced.unref();
    // Stop accepting; event streams hear the signal and end with a retry hint.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    beginShutdown();
    // The streams end on the signal above; this catches any opened since, and says how many.
    const streams = services.closeAllStreams();
    if (streams) logger.info("event streams closed", { streams });
    pageCache?.close();
    // A keep-alive connection becomes idle once its in-flight request is answered: close it then
    // instead of waiting for the client or the keep-alive timeout.
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    server.closeIdleConnections();
    try {
      await services.stopBackgroundWork();
    } catch (error) {
      logger.error("error during shutdown", errorFields(error));
    }
    await closed;
    clearInterval(sweep);
    try {
      await services.disconnect();
    } catch (error) {
      logger.error("error during shutdown", errorFields(error));
    }
    process.exit(0);
  }
  signals.stop = (signal) => void shutdown(signal);
  if (signals.pending) signals.stop(signals.pending);
  // The supervisor disappearing (killed with SIGKILL) leaves nobody to restart or stop us.
  if (cluster.isWorker) process.on("disconnect", () => void shutdown("supervisor gone"));
}
