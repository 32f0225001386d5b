// The "live" targets of bench/fanout.mjs: clients read a webinar's room stream
// (/events/webinar-live) as signed-in attendees, and the events are chat messages posted through
// the live page's action by 40 attendees in turn (each stays under the one-message-a-second limit).
// - live:    the built app under the cluster supervisor (two workers, SQLite, cluster event bus);
// - live-pg: two app instances (separate processes, one worker each, EVENT_BUS=postgres) on one
//            PostgreSQL database named bench_live, sharing events through LISTEN/NOTIFY; clients
//            split across both instances, messages posted to the first.
import { randomBytes } from "node:crypto";
import { spawnSync } from "node:child_process";
import { copyFileSync } from "node:fs";
import path from "node:path";

export function fixture(databaseUrl, people) {
  const done = spawnSync("npx", ["tsx", "bench/live/setup.ts"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "development", LOG_LEVEL: "warn", PEOPLE: String(people) },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (done.status !== 0) throw new Error(`bench/live/setup.ts failed: ${done.stderr}`);
  return JSON.parse(done.stdout.trim().split("\n").at(-1));
}

export async function startLiveTarget({ start, serverArgs, request, waitReady, baseEnv, prepare, work, nextPort }) {
  const template = `file:${path.join(work, "live-template.db")}`;
  prepare(template);
  copyFileSync(path.join(work, "live-template.db"), path.join(work, "live.db"));
  const databaseUrl = `file:${path.join(work, "live.db")}`;
  const { webinarId, slug, cookies } = fixture(databaseUrl, 80);
  const p = nextPort();
  // 2,000 readers over 40 accounts: raise the per-account stream cap (a benchmark artefact).
  start(process.execPath, serverArgs(), { ...baseEnv(p, databaseUrl), WEB_CONCURRENCY: "2", SSE_MAX_STREAMS_PER_ACCOUNT: "100" });
  const base = `http://127.0.0.1:${p}`;
  await waitReady(`${base}/readyz`);
  const readers = cookies.slice(0, 40);
  const senders = cookies.slice(40);
  let turn = 0;
  return {
    streams: [`${base}/events/webinar-live?webinar=${webinarId}&channel=room`],
    headersFor: (j) => ({ Cookie: readers[j % readers.length] }),
    publish: async (text) => {
      const cookie = senders[turn++ % senders.length];
      const response = await request(`${base}/webinars/${slug}/live`, {
        method: "POST",
        body: `intent=chat&message=${encodeURIComponent(text)}`,
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base, Cookie: cookie },
      });
      if (response.status !== 302) throw new Error(`chat answered ${response.status}`);
    },
  };
}

/** A fresh PostgreSQL database `bench_live` (dropped first if a previous run left it), migrated and seeded. */
export async function freshPgDatabase(prepare, name = "bench_live") {
  const admin = process.env.PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  process.on("exit", () => spawnSync("psql", [admin, "-c", `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`], { stdio: "ignore" }));
  prepare?.(url.toString());
  return url.toString();
}

export async function startLivePgTarget({ start, serverArgs, request, waitReady, baseEnv, prepare, nextPort }) {
  const databaseUrl = await freshPgDatabase(prepare);
  const { webinarId, slug, cookies } = fixture(databaseUrl, 80);
  const secret = randomBytes(32).toString("hex");
  const bases = [nextPort(), nextPort()].map((p) => {
    start(process.execPath, serverArgs(), { ...baseEnv(p, databaseUrl), COOKIE_SECRET: secret, WEB_CONCURRENCY: "1", EVENT_BUS: "postgres", SSE_MAX_STREAMS_PER_ACCOUNT: "100" });
    return `http://127.0.0.1:${p}`;
  });
  for (const base of bases) await waitReady(`${base}/readyz`);
  const readers = cookies.slice(0, 40);
  const senders = cookies.slice(40);
  let turn = 0;
  return {
    streams: bases.map((base) => `${base}/events/webinar-live?webinar=${webinarId}&channel=room`),
    headersFor: (j) => ({ Cookie: readers[j % readers.length] }),
    publish: async (text) => {
      const cookie = senders[turn++ % senders.length];
      const response = await request(`${bases[0]}/webinars/${slug}/live`, {
        method: "POST",
        body: `intent=chat&message=${encodeURIComponent(text)}`,
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: bases[0], Cookie: cookie },
      });
      if (response.status !== 302) throw new Error(`chat answered ${response.status}`);
    },
  };
}
