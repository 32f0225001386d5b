// The Express layer: security headers and the refusal of cross-site state-changing requests.
import net, { type AddressInfo } from "node:net";
import express from "express";
import { forwardedHeaders, sameOriginGuard, securityHeaders } from "../../server/security.ts";
import { closeAfterRefusedBody, REFUSED_BODY_LINGER_MS } from "../../server/app.ts";
import { localeCookie } from "~/lib/i18n/locale.server.ts";

let base: string;
let close: () => void;

beforeAll(async () => {
  const app = express();
  app.use(securityHeaders);
  app.use(sameOriginGuard(["https://coop.example.org"], [/^\/webhooks\//]));
  app.all("*", (_req, res) => {
    res.send(`ok ${res.locals.cspNonce}`);
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());

describe("security headers", () => {
  it("sends a CSP with a fresh nonce per response, no framing, nosniff", async () => {
    const first = await fetch(base + "/");
    const second = await fetch(base + "/");
    const csp = first.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    expect(await first.text()).toBe(`ok ${nonce}`);
    expect(second.headers.get("content-security-policy")).not.toContain(nonce);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("'unsafe-inline' 'nonce"); // scripts need the nonce
    expect(csp).toMatch(/script-src 'self' 'nonce-/);
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    // HSTS only over HTTPS (this test server is plain HTTP).
    expect(first.headers.get("strict-transport-security")).toBeNull();
  });
});

describe("cross-site request refusal (CSRF)", () => {
  const post = (path: string, headers: Record<string, string>) => fetch(base + path, { method: "POST", headers, body: "a=1" });

  it("refuses a POST that the browser marks as cross-site", async () => {
    const response = await post("/account/password", { "Sec-Fetch-Site": "cross-site", Origin: "https://evil.example" });
    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const page = await response.text();
    expect(page).toMatch(/<html lang="it">/);
    expect(page).toMatch(/<title>Richiesta rifiutata \| CO-OP<\/title>/);
    expect(page).toMatch(/<h1>Richiesta rifiutata<\/h1>/);
  });

  it("refuses a POST from another origin even without Sec-Fetch-Site", async () => {
    expect((await post("/logout", { Origin: "https://evil.example" })).status).toBe(403);
    expect((await post("/logout", { "Sec-Fetch-Site": "same-site" })).status).toBe(403);
  });

  it("accepts same-origin posts and the configured public origin", async () => {
    expect((await post("/logout", { "Sec-Fetch-Site": "same-origin", Origin: base })).status).toBe(200);
    expect((await post("/logout", { Origin: "https://coop.example.org" })).status).toBe(200);
  });

  it("leaves GET requests and signed webhooks alone", async () => {
    expect((await fetch(base + "/", { headers: { "Sec-Fetch-Site": "cross-site" } })).status).toBe(200);
    expect((await post("/webhooks/livekit", { "Sec-Fetch-Site": "cross-site" })).status).toBe(200);
  });
});

describe("the refusal page", () => {
  it("speaks the visitor's chosen language", async () => {
    // The language cookie as the language switcher sets it (signed with COOKIE_SECRET).
    const setCookie = await localeCookie().serialize("en");
    const cookie = setCookie.slice(0, setCookie.indexOf(";"));
    const response = await fetch(base + "/logout", { method: "POST", headers: { Origin: "https://evil.example", Cookie: cookie }, body: "a=1" });
    expect(response.status).toBe(403);
    expect(response.headers.get("content-language")).toBe("en");
    const page = await response.text();
    expect(page).toMatch(/<html lang="en">/);
    expect(page).toMatch(/<h1>Request refused<\/h1>/);
    expect(page).not.toMatch(/\{\{/);
  });
});

describe("origins behind a reverse proxy", () => {
  // The app as server/app.ts mounts it, with a handler that shows what Remix would receive.
  async function serverWith(trustProxy: string | boolean) {
    const app = express();
    app.set("trust proxy", trustProxy);
    app.use(forwardedHeaders);
    app.use(sameOriginGuard(["https://coop.example.org"]));
    app.all("*", (req, res) => {
      res.json({ host: req.headers.host, forwardedHost: req.headers["x-forwarded-host"] ?? null, protocol: req.protocol });
    });
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
  }

  it("accepts a POST whose Origin is APP_URL while Host is the app's own address, and hands on that origin's host", async () => {
    const app = await serverWith("loopback");
    try {
      // What a proxy that rewrites Host sends: the browser's Origin, the upstream address as Host.
      const response = await fetch(app.url + "/login", { method: "POST", headers: { Origin: "https://coop.example.org" }, body: "a=1" });
      expect(response.status).toBe(200);
      // Remix compares Origin with Host: after the guard they agree, so Remix's check cannot throw.
      expect(await response.json()).toMatchObject({ host: "coop.example.org", forwardedHost: null });
    } finally {
      app.close();
    }
  });

  it("honours X-Forwarded-Host/-Proto from a trusted proxy as the request's own origin", async () => {
    const app = await serverWith("loopback");
    try {
      const headers = { Origin: "https://other-name.example.org", "X-Forwarded-Host": "other-name.example.org", "X-Forwarded-Proto": "https" };
      const response = await fetch(app.url + "/login", { method: "POST", headers, body: "a=1" });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ host: "other-name.example.org", protocol: "https" });
    } finally {
      app.close();
    }
  });

  it("ignores forwarded headers from a client it does not trust", async () => {
    const app = await serverWith(false);
    try {
      // A made-up X-Forwarded-Host must not turn a foreign Origin into the request's own.
      const headers = { Origin: "https://evil.example", "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https" };
      expect((await fetch(app.url + "/login", { method: "POST", headers, body: "a=1" })).status).toBe(403);
      // And it never reaches the app (Remix would read it first).
      const get = await fetch(app.url + "/", { headers: { "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https" } });
      expect(await get.json()).toMatchObject({ forwardedHost: null, protocol: "http" });
    } finally {
      app.close();
    }
  });
});

describe("a body refused before it was read", () => {
  it("closes the connection soon after the answer, so a stalled sender cannot hold it (or a graceful shutdown) open", async () => {
    const app = express();
    app.use(closeAfterRefusedBody);
    // Answers at once without reading the body, as a 413 for an oversized form does.
    app.post("/refuse", (_req, res) => void res.status(413).send("too large"));
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const socket = net.connect(port, "127.0.0.1");
      await new Promise((resolve) => socket.once("connect", resolve));
      // Announces 50 MB, sends 4 MB and then neither sends more nor closes.
      socket.write(`POST /refuse HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${50 * 1024 * 1024}\r\n\r\n`);
      socket.write(Buffer.alloc(4 * 1024 * 1024, "a"));
      let answer = "";
      socket.on("data", (chunk) => (answer += chunk.toString("latin1")));
      socket.on("error", () => undefined);
      const started = Date.now();
      await new Promise((resolve) => socket.once("close", resolve));
      expect(answer).toMatch(/^HTTP\/1\.1 413/);
      expect(Date.now() - started).toBeLessThan(REFUSED_BODY_LINGER_MS + 2_000);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
