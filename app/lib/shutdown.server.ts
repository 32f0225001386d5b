// A process-wide "shutting down" signal. The server raises it on SIGTERM before it waits for the
// open connections; long-lived responses (Server-Sent Events) listen to it, send a `retry:` hint
// and end, so browsers reconnect to another worker instead of holding this one open until the
// forced exit.
//
// The state lives on globalThis under a registered symbol because this file is loaded twice in
// one process: once by the server entry (server/) and once inside the Remix bundle (build/).
// Both copies must see the same signal.

const KEY = Symbol.for("coop.shutdown");

type ShutdownState = { controller: AbortController };

function state(): ShutdownState {
  const holder = globalThis as typeof globalThis & { [KEY]?: ShutdownState };
  holder[KEY] ??= { controller: new AbortController() };
  return holder[KEY];
}

/** How long a browser should wait before reconnecting an event stream ended by a shutdown. */
export const SHUTDOWN_RETRY_MS = 1_000;

/** Aborted when the process starts shutting down; register with addEventListener("abort", ...). */
export function shutdownSignal(): AbortSignal {
  return state().controller.signal;
}

export function isShuttingDown(): boolean {
  return shutdownSignal().aborted;
}

/** Called once by the server when it stops accepting connections. */
export function beginShutdown(): void {
  state().controller.abort();
}
