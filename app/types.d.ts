import "@remix-run/node";

declare module "@remix-run/node" {
  // Filled in by server/app.ts for every request.
  interface AppLoadContext {
    cspNonce: string;
    requestId: string;
    clientIp: string;
    setUserId?: (userId: string) => void;
  }
}
