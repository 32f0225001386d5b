// /healthz and /readyz as a load balancer sees them: 200 when able to serve, 503 otherwise.
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { parseEnv } from "~/lib/env.server.ts";
import { createApp } from "../../server/app.ts";
import { stubBuild } from "../helpers/stub-build.ts";

let databaseUp = true;
const state = { shuttingDown: false };
let server: Server;
let base: string;

beforeAll(async () => {
  // Only the services the health checks use; no page is requested in this file.
  const build = stubBuild({ checkDatabase: async () => databaseUp });
  const app = createApp({ build, env: parseEnv({ NODE_ENV: "test", LOG_LEVEL: "silent" }), state });
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

it("is ready when the database answers, and says which part is down when it does not", async () => {
  databaseUp = true;
  const ready = await fetch(`${base}/readyz`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toEqual({ status: "ready", database: "ok" });

  databaseUp = false;
  const down = await fetch(`${base}/readyz`);
  expect(down.status).toBe(503);
  expect(await down.json()).toEqual({ status: "unavailable", database: "down" });
  // The process itself is alive: restarting it would not help.
  expect((await fetch(`${base}/healthz`)).status).toBe(200);
});

it("reports 503 on both checks while shutting down, so the load balancer stops sending traffic", async () => {
  databaseUp = true;
  state.shuttingDown = true;
  expect((await fetch(`${base}/healthz`)).status).toBe(503);
  expect((await fetch(`${base}/readyz`)).status).toBe(503);
  state.shuttingDown = false;
});
