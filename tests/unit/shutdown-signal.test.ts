// The process-wide "shutting down" signal that event streams listen to. The server entry and the
// Remix bundle each load their own copy of app/lib/shutdown.server.ts: both must see one signal.
describe("shutdown signal", () => {
  it("is shared by every copy of the module and fires its listeners once", async () => {
    type ShutdownModule = typeof import("../../app/lib/shutdown.server.ts");
    // A query string makes Vitest load the file again as a separate module instance.
    const path = "../../app/lib/shutdown.server.ts";
    const first = (await import(/* @vite-ignore */ `${path}?copy=server`)) as ShutdownModule;
    const second = (await import(/* @vite-ignore */ `${path}?copy=bundle`)) as ShutdownModule;
    expect(first).not.toBe(second); // really two module instances, as in production
    const heard: string[] = [];
    second.shutdownSignal().addEventListener("abort", () => heard.push("stream"));
    expect(second.isShuttingDown()).toBe(false);
    first.beginShutdown();
    first.beginShutdown();
    expect(second.isShuttingDown()).toBe(true);
    expect(heard).toEqual(["stream"]);
  });
});
