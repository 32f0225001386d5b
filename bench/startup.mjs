// Cold start to the first 200 on the home page, and idle memory, for the ways production can start:
// `tsx server/index.ts` (TypeScript transpiled at every start) against `node build/server.js` (the
// bundle `npm run build` writes), and the supervisor with two workers. Each variant starts RUNS
// times, alternating, on a fresh migrated SQLite database. Memory is the resident set of the whole
// process tree (tsx's CLI runs the server as a child), read from /proc after 3 s idle, and per
// process (for the supervisor: primary first, then its workers; the first worker runs the jobs).
// Usage: node bench/startup.mjs [runs, default 5]   (run `npm run build` first)
import { spawn, execFileSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const RUNS = Number(process.argv[2] ?? 5);
const variants = [
  { name: "tsx server/index.ts, 1 process", cmd: ["node_modules/.bin/tsx", "server/index.ts"], env: { WEB_CONCURRENCY: "1" } },
  { name: "node build/server.js, 1 process", cmd: [process.execPath, "build/server.js"], env: { WEB_CONCURRENCY: "1" } },
  { name: "node build/server.js, supervisor + 2 workers", cmd: [process.execPath, "build/server.js"], env: { WEB_CONCURRENCY: "2" } },
];

const { fetch } = globalThis;

const freePort = () =>
  new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

function tree(pid) {
  const children = {};
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      (children[ppid] ??= []).push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  const all = [];
  const walk = (p) => {
    all.push(p);
    for (const child of children[p] ?? []) walk(child);
  };
  walk(pid);
  return all;
}

const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))[1]) / 1024;

async function once(variant) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "coop-start-"));
  const port = await freePort();
  const url = `file:${path.join(dir, "app.db")}`;
  execFileSync(process.execPath, ["--import", "tsx", "scripts/migrate.ts"], { env: { ...process.env, DATABASE_URL: url }, stdio: "ignore" });
  const env = {
    ...process.env, ...variant.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", APP_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: url, COOKIE_SECRET: "x".repeat(40), LOG_LEVEL: "warn", MAIL_DIR: path.join(dir, "mail"),
  };
  const started = performance.now();
  const child = spawn(variant.cmd[0], variant.cmd.slice(1), { env, stdio: "ignore" });
  let firstOk;
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/`);
      await response.arrayBuffer();
      if (response.status === 200) {
        firstOk = performance.now() - started;
        break;
      }
    } catch {
      // not listening yet
    }
    if (performance.now() - started > 60_000) throw new Error(`${variant.name}: no 200 within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const pids = tree(child.pid);
  const each = pids.map(rssMb);
  const total = each.reduce((sum, mb) => sum + mb, 0);
  child.kill("SIGTERM");
  await new Promise((resolve) => child.once("exit", resolve));
  rmSync(dir, { recursive: true, force: true });
  return { firstOk, total, each, processes: pids.length };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const results = variants.map(() => []);
for (let run = 0; run < RUNS; run++) for (const [i, variant] of variants.entries()) results[i].push(await once(variant));

console.log("| start | processes | cold start to first 200 (median, min–max) | idle RSS, whole tree (median) | idle RSS per process (last run) |");
console.log("| --- | --- | --- | --- | --- |");
for (const [i, variant] of variants.entries()) {
  const r = results[i];
  const starts = r.map((x) => x.firstOk);
  console.log(
    `| ${variant.name} | ${r[0].processes} | ${median(starts).toFixed(0)} ms (${Math.min(...starts).toFixed(0)}–${Math.max(...starts).toFixed(0)}) | ${median(r.map((x) => x.total)).toFixed(0)} MB | ${r.at(-1).each.map((mb) => mb.toFixed(0)).join(" + ")} MB |`,
  );
}
