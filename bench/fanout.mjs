// Fan-out of Server-Sent Events: CLIENTS raw-HTTP SSE clients on one stream, RATE events/s for
// SECONDS, delivery delay (publish request sent -> event parsed by the client) p50/p99 and events
// lost, for several targets side by side in the same run:
//   bare  - bench/bare-sse.mjs, a minimal Node broadcaster (the reference);
//   app   - the built app under the cluster supervisor (WEB_CONCURRENCY=2, cluster event bus, SQLite):
//           events are service notices an admin publishes through POST /admin/service-notice and
//           every client reads /events/service-notice;
//   live  - the webinar chat's room stream, two workers (bench/live/target.mjs);
//   live-pg - the same room stream on two app instances (EVENT_BUS=postgres, database bench_live),
//           clients split between them, chat posted to the first (bench/live/target.mjs);
//   pg    - two app instances (one process each) on one PostgreSQL database (LISTEN/NOTIFY),
//           clients split between them, the admin publishing on the first.
// Usage: node bench/fanout.mjs [targets, default bare,app] (env CLIENTS=2000 RATE=20 SECONDS=60;
// PG_URL=postgresql://postgres@127.0.0.1:5432/postgres for pg). Needs `npm run build`.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import http from "node:http";
import { mkdtempSync, rmSync, copyFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const CLIENTS = Number(process.env.CLIENTS ?? 2000);
const RATE = Number(process.env.RATE ?? 20);
const SECONDS = Number(process.env.SECONDS ?? 60);
const targets = (process.argv[2] ?? "bare,app").split(",");
const work = mkdtempSync(path.join(os.tmpdir(), "coop-fanout-"));
const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
let port = Number(process.env.BENCH_PORT ?? 3400);
const children = [];
process.on("exit", () => {
  for (const child of children) child.kill("SIGKILL");
  rmSync(work, { recursive: true, force: true });
});

function request(url, { method = "GET", body, headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent }, (res) => {
      let text = "";
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function waitReady(url) {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await request(url)).status === 200) return;
    } catch {
      // not yet
    }
    await sleep(100);
  }
  throw new Error(`${url} never became ready`);
}

/** The app server's arguments; PROFILE_DIR=<dir>: every server process (the workers inherit the
 * flags) writes a CPU profile there when it exits. */
const serverArgs = () => [...(process.env.PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.PROFILE_DIR}`] : []), "build/server.js"];

function start(command, args, env) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit"] });
  children.push(child);
  return child;
}

const baseEnv = (p, databaseUrl) => ({
  NODE_ENV: "production",
  LOG_LEVEL: "warn",
  PORT: String(p),
  HOST: "127.0.0.1",
  APP_URL: `http://127.0.0.1:${p}`,
  DATABASE_URL: databaseUrl,
  COOKIE_SECRET: randomBytes(32).toString("hex"),
  RATE_LIMIT_ENABLED: "false",
  MAIL_DIR: path.join(work, "mail"),
});

function prepare(databaseUrl) {
  const env = { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "development", LOG_LEVEL: "warn" };
  for (const script of ["scripts/migrate.ts", "prisma/seed.ts"]) {
    const done = spawnSync("npx", ["tsx", script], { env, stdio: "ignore" });
    if (done.status !== 0) throw new Error(`${script} failed`);
  }
}

async function signInAdmin(base) {
  const response = await request(`${base}/login`, {
    method: "POST",
    body: "email=admin%40coop.example&password=Demo-CO-OP-2026",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
  });
  const cookie = [response.headers["set-cookie"] ?? []].flat().find((c) => c.startsWith("coop_session="));
  if (!cookie) throw new Error(`admin sign-in failed: ${response.status}`);
  return cookie.split(";")[0];
}

/** Starts a target; returns the stream URLs clients spread over and a publish(text) function. */
async function startTarget(name) {
  if (name === "bare") {
    const p = port++;
    start(process.execPath, ["bench/bare-sse.mjs"], { PORT: String(p) });
    const base = `http://127.0.0.1:${p}`;
    for (let i = 0; i < 100; i++) {
      try {
        await request(`${base}/publish`, { method: "POST", body: "warm-up" });
        break;
      } catch {
        await sleep(100);
      }
    }
    return { streams: [`${base}/events`], publish: (text) => request(`${base}/publish`, { method: "POST", body: text }) };
  }
  if (name === "live") {
    const { startLiveTarget } = await import("./live/target.mjs");
    return startLiveTarget({ start, serverArgs, request, waitReady, baseEnv, prepare, work, nextPort: () => port++ });
  }
  if (name === "live-pg") {
    const { startLivePgTarget } = await import("./live/target.mjs");
    return startLivePgTarget({ start, serverArgs, request, waitReady, baseEnv, prepare, nextPort: () => port++ });
  }
  let bases;
  if (name === "app") {
    const template = `file:${path.join(work, "template.db")}`;
    prepare(template);
    copyFileSync(path.join(work, "template.db"), path.join(work, "app.db"));
    const p = port++;
    start(process.execPath, serverArgs(), { ...baseEnv(p, `file:${path.join(work, "app.db")}`), WEB_CONCURRENCY: "2" });
    bases = [`http://127.0.0.1:${p}`];
  } else {
    const admin = process.env.PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
    const database = `coop_fanout_${process.pid}`;
    const pg = (await import("pg")).default;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`CREATE DATABASE ${database}`);
    await client.end();
    const url = new URL(admin);
    url.pathname = `/${database}`;
    process.on("exit", () => spawnSync("psql", [admin, "-c", `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`], { stdio: "ignore" }));
    prepare(url.toString());
    const secret = randomBytes(32).toString("hex");
    bases = [port++, port++].map((p) => {
      start(process.execPath, serverArgs(), { ...baseEnv(p, url.toString()), COOKIE_SECRET: secret, WEB_CONCURRENCY: "1" });
      return `http://127.0.0.1:${p}`;
    });
  }
  for (const base of bases) await waitReady(`${base}/readyz`);
  const cookie = await signInAdmin(bases[0]);
  return {
    streams: bases.map((base) => `${base}/events/service-notice`),
    publish: async (text) => {
      const response = await request(`${bases[0]}/admin/service-notice`, {
        method: "POST",
        body: `intent=publish&level=info&message=${encodeURIComponent(text)}`,
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: bases[0], Cookie: cookie },
      });
      if (response.status !== 302) throw new Error(`publish answered ${response.status}`);
    },
  };
}

const MARK = Buffer.from("bench n=");

/**
 * One SSE client on its own socket. Parses bytes, not strings: 2,000 clients at 20 events/s are
 * 40,000 events/s for this one process, which shares the machine with the server under test.
 * `record(n, delayMs)` per benchmark event; frames are identical for every client.
 */
function client(url, record, onEnd, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, headers }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream answered ${res.statusCode}`));
      let carry = null;
      let opened = false;
      res.on("data", (chunk) => {
        if (!opened) {
          opened = true;
          resolve(req);
        }
        const bytes = carry ? Buffer.concat([carry, chunk]) : chunk;
        carry = null;
        let at = 0;
        for (;;) {
          const found = bytes.indexOf(MARK, at);
          if (found < 0) {
            // Keep a possibly cut marker and number for the next chunk.
            if (bytes.length - at > 0) carry = bytes.subarray(Math.max(at, bytes.length - 48));
            break;
          }
          let i = found + MARK.length;
          let n = 0;
          while (i < bytes.length && bytes[i] >= 48 && bytes[i] <= 57) n = n * 10 + bytes[i++] - 48;
          // " t=" then 13 digits
          if (i + 3 + 13 > bytes.length) {
            carry = bytes.subarray(found);
            break;
          }
          i += 3;
          let t = 0;
          for (let k = 0; k < 13; k++) t = t * 10 + bytes[i++] - 48;
          record(n, Date.now() - t);
          at = i;
        }
      });
      res.on("end", onEnd);
    });
    req.on("error", reject);
  });
}

async function run(name) {
  const target = await startTarget(name);
  const total = RATE * SECONDS;
  // Which events each client got (publish requests may overtake each other, so no "last seen").
  const seen = Array.from({ length: CLIENTS }, () => new Uint8Array(total + 1));
  const count = new Int32Array(CLIENTS);
  const histogram = new Float64Array(120_001); // delay in ms -> deliveries
  let dropped = 0;
  const sockets = [];
  const opening = performance.now();
  for (let i = 0; i < CLIENTS; i += 100) {
    const batch = [];
    for (let j = i; j < Math.min(CLIENTS, i + 100); j++) {
      const url = target.streams[j % target.streams.length];
      batch.push(
        client(
          url,
          (n, delay) => {
            if (n > total || seen[j][n]) return; // a duplicate is counted once
            seen[j][n] = 1;
            count[j]++;
            histogram[Math.min(120_000, Math.max(0, delay))]++;
          },
          () => dropped++,
          target.headersFor?.(j),
        ),
      );
    }
    sockets.push(...(await Promise.all(batch)));
  }
  const openSeconds = (performance.now() - opening) / 1000;
  const started = Date.now();
  let publishErrors = 0;
  // How long each publish request took (sent -> answered): the part of the delay before delivery.
  const publishMs = [];
  // One publish request at a time, on schedule (an admin does not post concurrently with
  // themselves; concurrent writes from both workers would also measure SQLite's lock waits).
  // A publish slower than the interval delays the next one: the achieved rate is reported.
  for (let n = 1; n <= total; n++) {
    const due = started + ((n - 1) * 1000) / RATE;
    if (due > Date.now()) await sleep(due - Date.now());
    const sent = performance.now();
    await target.publish(`bench n=${n} t=${Date.now()}`).catch(() => publishErrors++);
    publishMs.push(performance.now() - sent);
  }
  const achievedRate = total / ((Date.now() - started) / 1000);
  // Stragglers: wait until every client has everything or 15 s pass.
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline && count.some((c) => c < total)) await sleep(200);
  let lost = 0;
  for (let j = 0; j < CLIENTS; j++) lost += total - count[j];
  for (const req of sockets) req.destroy();
  for (const child of children.splice(0)) child.kill("SIGTERM");
  // Profiles are written when the processes exit: give them time.
  await sleep(process.env.PROFILE_DIR ? 15_000 : 1500);
  const delivered = histogram.reduce((a, b) => a + b, 0);
  const at = (p) => {
    let seen = 0;
    for (let ms = 0; ms < histogram.length; ms++) {
      seen += histogram[ms];
      if (seen >= delivered * p) return ms;
    }
    return NaN;
  };
  let max = 0;
  for (let ms = 0; ms < histogram.length; ms++) if (histogram[ms]) max = ms;
  publishMs.sort((a, b) => a - b);
  const publishAt = (p) => Math.round(publishMs[Math.min(publishMs.length - 1, Math.floor(publishMs.length * p))]);
  const load = os.loadavg().map((l) => l.toFixed(1)).join(" ");
  return { name, clients: CLIENTS, events: total, achievedRate, openSeconds, p50: at(0.5), p99: at(0.99), max, lost, dropped, publishErrors, publishP50: publishAt(0.5), publishP99: publishAt(0.99), load };
}

const results = [];
for (const name of targets) {
  const result = await run(name);
  results.push(result);
  console.log(JSON.stringify(result));
}
console.log("\n| target | clients | events each | events/s achieved | open all (s) | p50 ms | p99 ms | max ms | lost | streams ended early | publish request p50 / p99 ms | load average (1, 5, 15 min) at the end |");
console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
for (const r of results) {
  console.log(`| ${r.name} | ${r.clients} | ${r.events} | ${r.achievedRate.toFixed(1)} | ${r.openSeconds.toFixed(1)} | ${r.p50} | ${r.p99} | ${r.max} | ${r.lost} | ${r.dropped} | ${r.publishP50} / ${r.publishP99} | ${r.load} |`);
}
process.exit(0);
