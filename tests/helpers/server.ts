// Starts the BUILT app (build/index.js and build/server.js, from `npm run build`) as its own process, the way
// production runs it: `node build/server.js` with NODE_ENV=production (one process unless WEB_CONCURRENCY is given), on a free port, with a fresh SQLite database
// holding the demo data (prisma/seed.ts) and a real SMTP capture server for outgoing mail.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { migrateSqlite } from "../../app/lib/db/migrate.server.ts";
import { startSmtpCapture, type SmtpCapture } from "./smtp.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const TSX_LOADER = pathToFileURL(path.join(ROOT, "node_modules/tsx/dist/loader.mjs")).href;

export type RunningApp = {
  /** e.g. http://127.0.0.1:41234 (no trailing slash); also the app's APP_URL. */
  url: string;
  databaseUrl: string;
  /** The process started: the supervisor when WEB_CONCURRENCY > 1, else the single server process. */
  pid: number;
  /** Every email the app sent while running. */
  mail: SmtpCapture;
  /** What the server printed so far (stdout and stderr), for failure messages. */
  output(): string;
  /** SIGTERM, then waits for a clean exit (code 0); throws if the server does not stop. */
  stop(): Promise<void>;
};

export type StartAppOptions = {
  /** Extra or overriding environment variables for the server process. */
  env?: Record<string, string>;
  /** Seed the demo data (default true). */
  seed?: boolean;
};

/** A TCP port nobody listens on right now (for the app and the servers tests start beside it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A migrated database in `dir` holding the demo data (prisma/seed.ts, run as its own process). */
function seededDatabase(dir: string): string {
  const url = `file:${path.join(dir, "app.db")}`;
  migrateSqlite(url);
  const seeded = spawnSync(process.execPath, ["--import", TSX_LOADER, path.join(ROOT, "prisma/seed.ts")], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "development", DATABASE_URL: url, LOG_LEVEL: "warn" },
    encoding: "utf8",
    timeout: 120_000,
  });
  if (seeded.status !== 0) throw new Error(`Seeding the demo data failed:\n${seeded.stdout}\n${seeded.stderr}`);
  return url;
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer yet";
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The app exited with code ${child.exitCode} before it was ready:\n${output()}`);
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.ok) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The app was not ready within ${timeoutMs} ms (last /readyz: ${last}):\n${output()}`);
}

export async function startApp(options: StartAppOptions = {}): Promise<RunningApp> {
  for (const file of ["build/index.js", "build/server.js"]) {
    if (!existsSync(path.join(ROOT, file))) throw new Error(`${file} is missing: run \`npm run build\` first (\`npm run test:e2e\` does).`);
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "coop-e2e-"));
  let databaseUrl: string;
  try {
    databaseUrl = options.seed === false ? `file:${path.join(dir, "app.db")}` : seededDatabase(dir);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const mail = await startSmtpCapture();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: String(port),
    APP_URL: url,
    DATABASE_URL: databaseUrl,
    COOKIE_SECRET: randomBytes(32).toString("hex"),
    SMTP_URL: mail.url,
    MAIL_DIR: path.join(dir, "mail"),
    WORKER_ENABLED: "true",
    WORKER_POLL_MS: "100",
    LOG_LEVEL: "info",
    // The suites sign in many times from one address; rate limiting has its own integration tests.
    RATE_LIMIT_ENABLED: "false",
    // One process unless a test asks for the supervisor: the machine's cores are shared by the suites.
    WEB_CONCURRENCY: "1",
    ...options.env,
  };
  // Vitest's own variables must not leak into the app.
  for (const key of Object.keys(env)) if (key.startsWith("VITEST") || key === "TEST_DATABASE") delete env[key];

  const child = spawn(process.execPath, ["build/server.js"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const cleanUp = async () => {
    await mail.stop();
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await waitUntilReady(url, child, () => output);
  } catch (error) {
    child.kill("SIGKILL");
    await exited;
    await cleanUp();
    throw error;
  }

  return {
    url,
    databaseUrl,
    pid: child.pid!,
    mail,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 20_000).unref());
      const code = await Promise.race([exited, timeout]);
      if (code === "timeout") {
        child.kill("SIGKILL");
        await exited;
        await cleanUp();
        throw new Error(`The app did not stop within 20 s of SIGTERM:\n${output}`);
      }
      await cleanUp();
      if (code !== 0) throw new Error(`The app exited with code ${code} after SIGTERM (expected 0):\n${output}`);
    },
  };
}
