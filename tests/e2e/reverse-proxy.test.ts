// The app behind nginx with the shipped configuration (docs/deploy/nginx.conf): TLS terminated by
// nginx, APP_URL the public https origin, forwarded headers trusted from loopback. A browser signs
// in and submits a form through it; and a POST that reaches the app with Origin = APP_URL but the
// app's own address as Host (what a Host-rewriting proxy sends) is served, not a 500.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkA11y, launchBrowser, step, type Browser } from "../helpers/browser.ts";
import { startNginx, type RunningNginx } from "../helpers/nginx.ts";
import { freePort, startApp, type RunningApp } from "../helpers/server.ts";
import { DEMO_PASSWORD, signIn } from "./support.ts";

let app: RunningApp;
let nginx: RunningNginx;

beforeAll(async () => {
  const ports = { httpsPort: await freePort(), httpPort: await freePort() };
  app = await startApp({ env: { APP_URL: `https://localhost:${ports.httpsPort}`, TRUST_PROXY: "loopback" } });
  nginx = await startNginx(app.url, ports);
});
afterAll(async () => {
  await nginx?.stop();
  await app?.stop();
});

describe("behind nginx", () => {
  let browser: Browser | undefined;
  afterAll(async () => {
    await browser?.close();
  });

  it("redirects plain HTTP to HTTPS", async () => {
    const response = await fetch(`${nginx.httpUrl}/login`, { redirect: "manual" });
    expect(response.status).toBe(301);
    expect(response.headers.get("location")).toBe(`https://localhost/login`);
  });

  it("signs in over HTTPS with a secure session cookie and submits a form", async () => {
    // Without scripts, forms post as documents: the request Remix checks against Origin.
    browser = await launchBrowser({ ignoreHTTPSErrors: true, javaScriptEnabled: false });
    const page = await browser.newPage();
    const base = nginx.httpsUrl;
    await signIn(page, base, { email: "member.plus@coop.example", name: "Luca Neri" }, DEMO_PASSWORD);

    await step(page, "the session cookie is the HTTPS one (the app saw X-Forwarded-Proto)", async () => {
      const cookies = await browser!.context.cookies(base);
      const session = cookies.find((cookie) => cookie.name === "__Host-coop_session");
      expect(session?.secure).toBe(true);
    });

    const message = `Through the proxy ${Date.now()}`;
    await step(page, "submit the feedback form", async () => {
      await page.goto(`${base}/feedback`);
      await checkA11y(page);
      await page.locator('textarea[name="message"]').fill(message);
      await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: /^(Invia|Send)$/ }).click()]);
      await expect.poll(() => page.getByText("Grazie: il tuo commento è stato inviato alla redazione.").count(), { timeout: 10_000 }).toBe(1);
      expect(new URL(page.url()).origin).toBe(base);
    });

    const sqlite = new Database(app.databaseUrl.replace(/^file:/, ""), { readonly: true });
    try {
      const row = sqlite.prepare("SELECT f.message, u.email FROM Feedback f JOIN User u ON u.id = f.userId WHERE f.message = ?").get(message);
      expect(row).toEqual({ message, email: "member.plus@coop.example" });
    } finally {
      sqlite.close();
    }
  });
});

describe("a proxy that rewrites Host", () => {
  it("serves a POST whose Origin is APP_URL and whose Host is the app's own address", async () => {
    const publicOrigin = nginx.httpsUrl;
    // Straight to the app: Host is 127.0.0.1:<app port>, Origin the public origin.
    const response = await fetch(`${app.url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: publicOrigin, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: "member.plus@coop.example", password: DEMO_PASSWORD }),
    });
    expect(response.status).toBe(302);
    expect(response.headers.getSetCookie().some((cookie) => cookie.startsWith("__Host-coop_session="))).toBe(true);
    expect(app.output()).not.toMatch(/does not match `origin` header/);
  });

  it("refuses another origin with a 403 page, not a 500", async () => {
    const response = await fetch(`${app.url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: "member.plus@coop.example", password: DEMO_PASSWORD }),
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toMatch(/<h1>Richiesta rifiutata<\/h1>/);
  });
});
