// The Express layer: security headers and the refusal of cross-site state-changing requests.
import type { AddressInfo } from "node:net";
import express from "express";
import { sameOriginGuard, securityHeaders } from "../../server/security.ts";

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
    expect(await response.text()).toMatch(/Richiesta rifiutata/);
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
