// A minimal Remix server build for tests that mount the Express app (server/app.ts) in-process:
// the entry module's services and only the routes the test needs.
import type { ServerBuild } from "@remix-run/node";

export function stubBuild(entryModule: Record<string, unknown>, routes: Record<string, { id: string; parentId?: string; path: string; module: unknown }> = {}): ServerBuild {
  return {
    entry: { module: entryModule },
    routes,
    assets: { routes: {}, entry: { module: "", imports: [] }, url: "", version: "test" },
    future: {},
    publicPath: "/build/",
    assetsBuildDirectory: "public/build",
    mode: "production",
  } as unknown as ServerBuild;
}
