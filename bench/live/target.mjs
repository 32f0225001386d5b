// The "live" target of bench/fanout.mjs: the built app under the cluster supervisor (two workers,
// SQLite, cluster event bus); clients read a webinar's room stream (/events/webinar-live) as
// signed-in attendees, and the events are chat messages posted through the live page's action by
// 40 attendees in turn (each stays under the one-message-a-second limit).
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
