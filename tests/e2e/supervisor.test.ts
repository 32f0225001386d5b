// `npm start` under the cluster supervisor: two worker processes serve, one of them runs the job worker,
// a killed worker is replaced (and its job-worker role passes to the replacement)
// while the service keeps answering, and SIGTERM lets an in-flight request finish before exiting 0.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../helpers/server.ts";

/** One request on a fresh connection, so the supervisor hands it to the next worker in turn. */
function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false, headers: { Connection: "close" } }, (response) => {
      let body = "";
      response.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on("error", reject);
  });
}

async function workerPid(app: RunningApp): Promise<number> {
  const response = await get(`${app.url}/healthz`);
  expect(response.status).toBe(200);
  return (JSON.parse(response.body) as { pid: number }).pid;
}

function alive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("the supervisor with WEB_CONCURRENCY=2", () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ seed: false, env: { WEB_CONCURRENCY: "2" } });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("serves from two worker processes and replaces one that is killed, answering all along", async () => {
    const seen = new Set<number>();
    for (let i = 0; i < 20 && seen.size < 2; i++) seen.add(await workerPid(app));
    expect(seen.size).toBe(2);
    expect(seen.has(app.pid)).toBe(false); // the supervisor itself serves nothing

    // Exactly one worker runs the job worker; kill that one, so its role must pass to the replacement.
    const jobWorkers = () => [...app.output().matchAll(/"msg":"job worker started","workerId":"[^:"]+:(\d+):/g)].map((m) => Number(m[1]));
    await expect.poll(jobWorkers, { timeout: 10_000 }).toHaveLength(1);
    const victim = jobWorkers()[0];
    expect(seen.has(victim)).toBe(true);
    const survivor = [...seen].find((pid) => pid !== victim)!;
    process.kill(victim, "SIGKILL");
    await expect.poll(() => alive(victim), { timeout: 5_000 }).toBe(false);

    // The service keeps answering while the replacement starts, and the replacement joins in.
    const answered: number[] = [];
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      answered.push(await workerPid(app)); // asserts a 200 on every request
      if (answered.some((pid) => pid !== survivor)) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const replacement = answered.find((pid) => pid !== survivor);
    expect(replacement).toBeDefined();
    expect(replacement).not.toBe(victim);
    expect(alive(replacement!)).toBe(true);
    // Both workers render pages again (round robin: consecutive connections alternate).
    for (let i = 0; i < 4; i++) expect((await get(`${app.url}/`)).status).toBe(200);
    expect(app.output()).toMatch(/worker died; replacing it/);
    await expect.poll(jobWorkers, { timeout: 10_000 }).toEqual([victim, replacement]);
  });
});

describe("SIGTERM", () => {
  it("lets an in-flight request finish, then the supervisor exits 0", async () => {
    const app = await startApp({ seed: false, env: { WEB_CONCURRENCY: "2" } });
    const port = new URL(app.url).port;
    const body = "message=" + "a".repeat(50) + "&page=%2F";
    // A form POST whose body arrives slowly: the request is in flight when SIGTERM comes.
    const answer = new Promise<number>((resolve, reject) => {
      const request = http.request(
        { host: "127.0.0.1", port, path: "/feedback", method: "POST", agent: false,
          headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body), Origin: app.url } },
        (response) => {
          response.resume();
          response.on("end", () => resolve(response.statusCode ?? 0));
        },
      );
      request.on("error", reject);
      request.write(body.slice(0, 10));
      setTimeout(() => {
        process.kill(app.pid, "SIGTERM");
        setTimeout(() => request.end(body.slice(10)), 700);
      }, 300);
    });
    const status = await answer;
    // Answered by the app (whatever the feedback form says about the input), not cut off.
    expect(status).toBeGreaterThanOrEqual(200);
    expect(status).toBeLessThan(500);
    await app.stop(); // throws unless the process exits with code 0
    expect(app.output()).toMatch(/supervisor shutting down/);
    await expect(get(`${app.url}/healthz`)).rejects.toThrow();
  });

  it("exits 0 when it comes while workers are still starting", async () => {
    // Four workers on two cores: when the first answers, the others are still loading the app.
    const app = await startApp({ seed: false, env: { WEB_CONCURRENCY: "4" } });
    await app.stop(); // SIGTERM at once; throws unless the exit code is 0
    expect(app.output()).not.toMatch(/worker died/);
  });
});
