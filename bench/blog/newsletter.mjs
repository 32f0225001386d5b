// A newsletter to N confirmed subscribers (default 76,000) through a local SMTP sink, with the app
// killed (SIGKILL) halfway and started again. Counts what the sink received per recipient:
// - what a mailbox shows (decision 0021): distinct Message-IDs per recipient. lost = a subscriber
//   with none, duplicated = a subscriber with two different Message-IDs;
// - raw re-deliveries: the same Message-ID accepted twice for one recipient (a copy the app sent
//   again after the kill because it could not know the first had been accepted), which a store
//   that drops duplicate Message-IDs shows once and one that does not shows twice;
// - rows handed over more than once (attempts > 1) and rows left UNCERTAIN.
// Usage: npm run build && node bench/blog/newsletter.mjs [subscribers] [rate per second]
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { SMTPServer } from "smtp-server";

const COUNT = Number(process.argv[2] ?? 76_000);
// The kill comes right after the sink accepts message number KILL_AT: that message is accepted by
// the server and (almost surely) not yet recorded by the app, the worst case of the crash window.
// Not a multiple of the app's batch of 200, so the kill falls in the middle of a batch.
const KILL_AT = Number(process.env.KILL_AT ?? Math.floor(COUNT / 2) + 37);
let killedAfter = 0;
let onKill;
const killed = new Promise((resolve) => (onKill = resolve));
const RATE = Number(process.argv[3] ?? 5_000);
const PORT = Number(process.env.BENCH_PORT ?? 3396);
const work = mkdtempSync(path.join(os.tmpdir(), "coop-newsletter-"));
const dbFile = path.join(work, "bench.db");

const received = new Map(); // recipient -> Map(Message-ID -> copies)
let total = 0;
// The Message-ID header of a message, read from the first bytes of its DATA.
const messageIdOf = (head) => /^message-id:\s*(<[^>\r\n]+>)/im.exec(head)?.[1] ?? "(none)";
const sink = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, session, callback) {
    let head = "";
    stream.on("data", (chunk) => {
      if (head.length < 8192) head += chunk.toString("latin1");
    });
    stream.on("end", () => {
      const id = messageIdOf(head);
      for (const rcpt of session.envelope.rcptTo) {
        const ids = received.get(rcpt.address) ?? new Map();
        ids.set(id, (ids.get(id) ?? 0) + 1);
        received.set(rcpt.address, ids);
      }
      total++;
      callback();
      if (total === KILL_AT && !killedAfter) {
        killedAfter = total;
        app.kill("SIGKILL");
        onKill();
      }
    });
  },
});
// A client killed mid-session resets its connections: expected here, not a reason to stop.
sink.on("error", () => {});
await new Promise((resolve) => sink.listen(0, "127.0.0.1", resolve));
const smtpPort = sink.server.address().port;

const env = {
  ...process.env,
  NODE_ENV: "production",
  LOG_LEVEL: "warn",
  COOKIE_SECRET: "bench-cookie-secret-0123456789abcdef0123456789",
  DATABASE_URL: `file:${dbFile}`,
  PORT: String(PORT),
  HOST: "127.0.0.1",
  APP_URL: `http://127.0.0.1:${PORT}`,
  WEB_CONCURRENCY: "1",
  WORKER_POLL_MS: "200",
  SMTP_URL: `smtp://127.0.0.1:${smtpPort}?pool=true&maxConnections=8`,
  NEWSLETTER_RATE_PER_SECOND: String(RATE),
  NEWSLETTER_CONCURRENCY: "8",
  MAIL_FROM: "CO-OP <no-reply@coop.localhost>",
};
const run = (args) => {
  const result = spawnSync("npx", args, { env, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${args.join(" ")}: ${result.stderr}`);
  return result.stdout.trim();
};
run(["tsx", "scripts/migrate.ts"]);
const setupStart = Date.now();
const sendId = run(["tsx", "bench/blog/newsletter-setup.ts", String(COUNT)]).split("\n").pop();
console.log(`setup: ${COUNT} subscribers and the send's ${COUNT} delivery rows in ${((Date.now() - setupStart) / 1000).toFixed(1)} s`);

const start = () => spawn("node", ["build/server.js"], { env, stdio: ["ignore", "inherit", "inherit"] });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const db = new Database(dbFile, { readonly: true });
const status = () => db.prepare(`SELECT status FROM "NewsletterSend" WHERE id = ?`).get(sendId).status;

const t0 = Date.now();
let app = start();
await killed;
const killedAt = ((Date.now() - t0) / 1000).toFixed(1);
console.log(`killed the app (SIGKILL) at ${killedAt} s, right after the sink accepted message ${killedAfter}`);
await new Promise((resolve) => app.once("exit", resolve));
app = start();
while (status() !== "DONE") await sleep(200);
const seconds = (Date.now() - t0) / 1000;
app.kill("SIGTERM");
await new Promise((resolve) => app.once("exit", resolve));

const rows = Object.fromEntries(db.prepare(`SELECT status, COUNT(*) AS n FROM "NewsletterDelivery" WHERE "sendId" = ? GROUP BY status`).all(sendId).map((r) => [r.status, r.n]));
const subscribers = db.prepare(`SELECT email FROM "NewsletterSubscriber" WHERE status = 'CONFIRMED'`).all().map((r) => r.email);
const lost = subscribers.filter((email) => !received.has(email)).length;
const duplicated = [...received.values()].filter((ids) => ids.size > 1).length;
const rawRedeliveries = [...received.values()].reduce((sum, ids) => sum + [...ids.values()].reduce((s, n) => s + n - 1, 0), 0);
const handedOverAgain = db.prepare(`SELECT COUNT(*) AS n FROM "NewsletterDelivery" WHERE "sendId" = ? AND attempts > 1`).get(sendId).n;
const english = db.prepare(`SELECT COUNT(*) AS n FROM "NewsletterDelivery" WHERE "sendId" = ? AND locale = 'en'`).get(sendId).n;
console.log(
  JSON.stringify(
    { subscribers: COUNT, seconds: Number(seconds.toFixed(1)), perSecond: Math.round(COUNT / seconds), messagesReceived: total, lost, duplicated, rawRedeliveries, handedOverAgain, english, rows },
    null,
    1,
  ),
);
db.close();
sink.close();
rmSync(work, { recursive: true, force: true });
