import "@remix-run/node";

declare module "@remix-run/node" {
  // Filled in by server/app.ts for every request.
  interface AppLoadContext {
    cspNonce: string;
    requestId: string;
    clientIp: string;
    setUserId?: (userId: string) => void;
    /** For Server-Sent Events (app/lib/events/sse.server.ts): the raw response's unsent bytes, and a hard cut-off. */
    responseBuffer?: { bufferedBytes(): number; destroy(): void };
  }
}
