// Runs Debian's nginx with the shipped configuration (docs/deploy/nginx.conf) in front of a running
// app, on loopback ports, with a throwaway self-signed certificate. The site file is used as it is
// documented; only what names the machine changes: the app's port, the server name (localhost), the
// listening ports and the certificate paths. The main nginx.conf around it keeps every file
// (pid, logs, temp files) in a temp folder.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "./server.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const NGINX = "/usr/sbin/nginx";
export const SITE_CONFIG = path.join(ROOT, "docs/deploy/nginx.conf");

export type RunningNginx = {
  /** https://localhost:PORT: the public origin (APP_URL) of the app behind it. */
  httpsUrl: string;
  httpUrl: string;
  /** The certificate, for clients that verify it. */
  certificate: string;
  errorLog(): string;
  stop(): Promise<void>;
};

/** The documented site file with this machine's ports and certificate filled in. */
export function siteConfigFor(options: { appPort: number; httpsPort: number; httpPort: number; certificate: string; key: string }) {
  const replacements: [RegExp, string][] = [
    [/server 127\.0\.0\.1:3000;/, `server 127.0.0.1:${options.appPort};`],
    [/^\s*listen \[::\]:.*$/gm, ""],
    [/listen 80;/, `listen 127.0.0.1:${options.httpPort};`],
    [/listen 443 ssl http2;/, `listen 127.0.0.1:${options.httpsPort} ssl http2;`],
    [/ssl_certificate \S+;/, `ssl_certificate ${options.certificate};`],
    [/ssl_certificate_key \S+;/, `ssl_certificate_key ${options.key};`],
    [/coop\.example\.org/g, "localhost"],
  ];
  let config = readFileSync(SITE_CONFIG, "utf8");
  for (const [pattern, value] of replacements) {
    if (!pattern.test(config)) throw new Error(`docs/deploy/nginx.conf no longer contains ${pattern}: update tests/helpers/nginx.ts`);
    pattern.lastIndex = 0;
    config = config.replace(pattern, value);
  }
  return config;
}

export async function startNginx(appUrl: string, ports?: { httpsPort: number; httpPort: number }): Promise<RunningNginx> {
  if (!existsSync(NGINX)) throw new Error(`${NGINX} is missing: apt-get install -y nginx (.ci/run installs it)`);
  const dir = mkdtempSync(path.join(os.tmpdir(), "coop-nginx-"));
  const certificate = path.join(dir, "cert.pem");
  const key = path.join(dir, "key.pem");
  const made = spawnSync("openssl", [
    "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
    "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost", "-keyout", key, "-out", certificate,
  ], { encoding: "utf8" });
  if (made.status !== 0) throw new Error(`openssl could not make a certificate: ${made.stderr}`);

  const httpsPort = ports?.httpsPort ?? (await freePort());
  const httpPort = ports?.httpPort ?? (await freePort());
  const site = siteConfigFor({ appPort: Number(new URL(appUrl).port), httpsPort, httpPort, certificate, key });
  for (const sub of ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]) mkdirSync(path.join(dir, sub));
  const main = `
${process.getuid?.() === 0 ? "user root;" : ""}
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
${site}
}
`;
  writeFileSync(path.join(dir, "nginx.conf"), main);
  const args = ["-p", dir, "-c", path.join(dir, "nginx.conf"), "-e", path.join(dir, "error.log")];
  const checked = spawnSync(NGINX, [...args, "-t"], { encoding: "utf8" });
  if (checked.status !== 0) throw new Error(`nginx -t refused the generated configuration:\n${checked.stderr}\n${main}`);

  const child: ChildProcess = spawn(NGINX, args, { stdio: "ignore" });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const errorLog = () => (existsSync(path.join(dir, "error.log")) ? readFileSync(path.join(dir, "error.log"), "utf8") : "");
  const deadline = Date.now() + 10_000;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(httpsPort, "127.0.0.1", () => {
        socket.end();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    if (open) break;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`nginx did not start:\n${errorLog()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    httpsUrl: `https://localhost:${httpsPort}`,
    httpUrl: `http://localhost:${httpPort}`,
    certificate: readFileSync(certificate, "utf8"),
    errorLog,
    async stop() {
      if (child.exitCode === null) child.kill("SIGQUIT"); // graceful: finish open requests
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
