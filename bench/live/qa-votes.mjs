// Q&A under a burst of votes: VOTERS distinct attendees upvote one question within SECONDS, through
// the live page's action on the built app (two workers, SQLite). Reports request latency p50/p99 and
// checks that every vote was counted exactly once (vote rows and the question's counter).
// Usage: npm run build && node bench/live/qa-votes.mjs   (env VOTERS=1000 SECONDS=10 WARMUP=300)
// DATABASE=postgres: two app instances (one process each, EVENT_BUS=postgres) on one PostgreSQL
// database named bench_live (PG_URL for the server), the voters split between them.
// BENCH_PORT: the first port to use. PROFILE_DIR=<dir>: every server process writes a CPU profile
// there when it exits (summarise with bench/profile-summary.mjs).
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import http from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { fixture, freshPgDatabase } from "./target.mjs";

const VOTERS = Number(process.env.VOTERS ?? 1000);
const SECONDS = Number(process.env.SECONDS ?? 10);
const work = mkdtempSync(path.join(os.tmpdir(), "coop-qa-votes-"));
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const servers = [];
const postgres = process.env.DATABASE === "postgres";
process.on("exit", () => {
  for (const server of servers) server.kill("SIGKILL");
  rmSync(work, { recursive: true, force: true });
});

function request(url, { method = "GET", body, headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const file = path.join(work, "qa.db");
const migrate = (databaseUrl) => {
  const env = { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "development", LOG_LEVEL: "warn" };
  if (spawnSync("npx", ["tsx", "scripts/migrate.ts"], { env, stdio: "ignore" }).status !== 0) throw new Error("migrate failed");
};
const databaseUrl = postgres ? await freshPgDatabase(migrate) : `file:${file}`;
if (!postgres) migrate(databaseUrl);
// WARMUP (default 300; 0 for none): that many votes on another question, spread over 3 s, 2 s
// before the burst: both workers have then loaded and compiled their hot code, as on a server that
// has served the webinar's pages for a while (without it the burst also measures each worker's
// first seconds; figures before 2026-12-01 06:20 UTC were taken without it).
const WARMUP = Number(process.env.WARMUP ?? 300);
// Voters, the asker and separate warm-up people (nothing about a voter is held before the burst).
const { slug, cookies: everyone } = fixture(databaseUrl, VOTERS + 1 + WARMUP);
const cookies = everyone.slice(0, VOTERS + 1);
const warmers = everyone.slice(VOTERS + 1);
const firstPort = Number(process.env.BENCH_PORT ?? 3600 + Math.floor(Math.random() * 300));
const secret = randomBytes(32).toString("hex");
const bases = (postgres ? [firstPort, firstPort + 1] : [firstPort]).map((port) => {
  const base = `http://127.0.0.1:${port}`;
  servers.push(
    spawn(process.execPath, [...(process.env.PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.PROFILE_DIR}`] : []), "build/server.js"], {
      env: { ...process.env, NODE_ENV: "production", LOG_LEVEL: "warn", PORT: String(port), HOST: "127.0.0.1", APP_URL: base, DATABASE_URL: databaseUrl, COOKIE_SECRET: secret, RATE_LIMIT_ENABLED: "false", WEB_CONCURRENCY: postgres ? "1" : "2", ...(postgres ? { EVENT_BUS: "postgres" } : {}), MAIL_DIR: path.join(work, "mail") },
      stdio: ["ignore", "ignore", "inherit"],
    }),
  );
  return base;
});
for (const base of bases) {
  for (let i = 0; ; i++) {
    try {
      if ((await request(`${base}/readyz`)).status === 200) break;
    } catch {
      // not yet
    }
    if (i > 300) throw new Error("server never became ready");
    await sleep(100);
  }
}
const post = (cookie, body, base = bases[0]) => request(`${base}/webinars/${slug}/live`, { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base, Cookie: cookie } });
if ((await post(cookies[0], "intent=ask&question=Domanda%20del%20benchmark")).status !== 302) throw new Error("asking failed");
const pgClient = postgres ? new (await import("pg")).default.Client({ connectionString: databaseUrl }) : null;
await pgClient?.connect();
const sqlite = postgres ? null : new Database(file);
const one = async (sql, ...params) => {
  if (sqlite) return sqlite.prepare(sql).get(...params);
  const result = await pgClient.query(sql.replace(/\?/g, () => "$1"), params);
  return result.rows[0];
};
const { id } = await one(`SELECT "id" FROM "WebinarQuestion" LIMIT 1`);

if (WARMUP) {
  if ((await post(cookies[0], "intent=ask&question=Domanda%20di%20riscaldamento")).status !== 302) throw new Error("asking failed");
  const { id: warmId } = await one(`SELECT "id" FROM "WebinarQuestion" WHERE "id" <> ? LIMIT 1`, id);
  await Promise.all(
    warmers.map(async (cookie, i) => {
      await sleep((i * 3000) / WARMUP);
      await post(cookie, `intent=vote&id=${warmId}`, bases[i % bases.length]);
    }),
  );
  await sleep(2000);
}

const latencies = [];
let failures = 0;
const started = performance.now();
await Promise.all(
  cookies.slice(1).map(async (cookie, i) => {
    await sleep((i * SECONDS * 1000) / VOTERS);
    const t = performance.now();
    const response = await post(cookie, `intent=vote&id=${id}`, bases[i % bases.length]).catch(() => ({ status: 0 }));
    latencies.push(performance.now() - t);
    if (response.status !== 302) failures++;
  }),
);
const elapsed = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const at = (p) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))].toFixed(1);
// The counter and its event follow the votes within 100 ms (a retry after a busy moment later).
await sleep(3_000);
const rows = Number((await one(`SELECT COUNT(*) AS n FROM "WebinarQuestionVote" WHERE "questionId" = ?`, id)).n);
const counter = Number((await one(`SELECT "voteCount" FROM "WebinarQuestion" WHERE "id" = ?`, id)).voteCount);
// Vote counts told to open pages, and the last one (must be the final count).
const events = Number((await one(`SELECT COUNT(*) AS n FROM "Event" WHERE "type" = 'votes' AND "data" LIKE ?`, `%${id}%`)).n);
const last = await one(`SELECT "data" FROM "Event" WHERE "type" = 'votes' AND "data" LIKE ? ORDER BY "seq" DESC LIMIT 1`, `%${id}%`);
const lastCount = last ? JSON.parse(last.data).votes : null;
sqlite?.close();
await pgClient?.end();
const load = os.loadavg().map((l) => l.toFixed(1)).join(" ");
const result = { database: postgres ? "postgres, 2 instances" : "sqlite, 2 workers", voters: VOTERS, seconds: elapsed.toFixed(1), p50: at(0.5), p99: at(0.99), max: latencies.at(-1).toFixed(1), failures, voteRows: rows, counter, events, lastCount, load };
console.log(JSON.stringify(result));
console.log(`\n| database | voters | sent within (s) | p50 ms | p99 ms | max ms | refused | vote rows | counter | vote events | last event's count | load average |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |`);
console.log(`| ${result.database} | ${VOTERS} | ${result.seconds} | ${result.p50} | ${result.p99} | ${result.max} | ${failures} | ${rows} | ${counter} | ${events} | ${lastCount} | ${load} |`);
for (const server of servers) server.kill("SIGTERM");
// Profiles are written when the processes exit: give them time.
await sleep(process.env.PROFILE_DIR ? 10_000 : 1500);
process.exit(0);
