// Q&A under a burst of votes: VOTERS distinct attendees upvote one question within SECONDS, through
// the live page's action on the built app (two workers, SQLite). Reports request latency p50/p99 and
// checks that every vote was counted exactly once (vote rows and the question's counter).
// Usage: npm run build && node bench/live/qa-votes.mjs   (env VOTERS=1000 SECONDS=10)
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import http from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { fixture } from "./target.mjs";

const VOTERS = Number(process.env.VOTERS ?? 1000);
const SECONDS = Number(process.env.SECONDS ?? 10);
const work = mkdtempSync(path.join(os.tmpdir(), "coop-qa-votes-"));
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
let server;
process.on("exit", () => {
  server?.kill("SIGKILL");
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
const databaseUrl = `file:${file}`;
const env = { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "development", LOG_LEVEL: "warn" };
if (spawnSync("npx", ["tsx", "scripts/migrate.ts"], { env, stdio: "ignore" }).status !== 0) throw new Error("migrate failed");
const { slug, cookies } = fixture(databaseUrl, VOTERS + 1);
const port = 3600 + Math.floor(Math.random() * 300);
const base = `http://127.0.0.1:${port}`;
server = spawn(process.execPath, ["build/server.js"], {
  env: { ...process.env, NODE_ENV: "production", LOG_LEVEL: "warn", PORT: String(port), HOST: "127.0.0.1", APP_URL: base, DATABASE_URL: databaseUrl, COOKIE_SECRET: randomBytes(32).toString("hex"), RATE_LIMIT_ENABLED: "false", WEB_CONCURRENCY: "2", MAIL_DIR: path.join(work, "mail") },
  stdio: ["ignore", "ignore", "inherit"],
});
for (let i = 0; ; i++) {
  try {
    if ((await request(`${base}/readyz`)).status === 200) break;
  } catch {
    // not yet
  }
  if (i > 300) throw new Error("server never became ready");
  await sleep(100);
}
const post = (cookie, body) => request(`${base}/webinars/${slug}/live`, { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base, Cookie: cookie } });
if ((await post(cookies[0], "intent=ask&question=Domanda%20del%20benchmark")).status !== 302) throw new Error("asking failed");
const sqlite = new Database(file);
const { id } = sqlite.prepare(`SELECT "id" FROM "WebinarQuestion" LIMIT 1`).get();

const latencies = [];
let failures = 0;
const started = performance.now();
await Promise.all(
  cookies.slice(1).map(async (cookie, i) => {
    await sleep((i * SECONDS * 1000) / VOTERS);
    const t = performance.now();
    const response = await post(cookie, `intent=vote&id=${id}`).catch(() => ({ status: 0 }));
    latencies.push(performance.now() - t);
    if (response.status !== 302) failures++;
  }),
);
const elapsed = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const at = (p) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))].toFixed(1);
const rows = sqlite.prepare(`SELECT COUNT(*) AS n FROM "WebinarQuestionVote" WHERE "questionId" = ?`).get(id).n;
const counter = sqlite.prepare(`SELECT "voteCount" FROM "WebinarQuestion" WHERE "id" = ?`).get(id).voteCount;
const events = sqlite.prepare(`SELECT COUNT(*) AS n FROM "Event" WHERE "type" = 'votes'`).get().n;
sqlite.close();
const result = { voters: VOTERS, seconds: elapsed.toFixed(1), p50: at(0.5), p99: at(0.99), max: latencies.at(-1).toFixed(1), failures, voteRows: rows, counter, events };
console.log(JSON.stringify(result));
console.log(`\n| voters | sent within (s) | p50 ms | p99 ms | max ms | refused | vote rows | counter | vote events |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |`);
console.log(`| ${VOTERS} | ${result.seconds} | ${result.p50} | ${result.p99} | ${result.max} | ${failures} | ${rows} | ${counter} | ${events} |`);
server.kill("SIGTERM");
await sleep(1500);
process.exit(0);
