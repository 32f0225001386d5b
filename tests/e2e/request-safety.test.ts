// What an attacker tries against the running app, over real HTTP: huge and malformed bodies,
// hostile redirect targets in Chromium, and the rate limit's page. Plus the footer's legal pages.
import http from "node:http";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startApp, type RunningApp } from "../helpers/server.ts";
import { checkA11y, step, visit } from "../helpers/browser.ts";
import { appWithFreshBrowser, DEMO_PASSWORD, expectHeading, header } from "./support.ts";

let app: RunningApp;
let page: Page;
const session = appWithFreshBrowser();
beforeEach(() => {
  ({ app, page } = session);
});

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string; sentBytes: number };

/**
 * Sends a POST whose body keeps coming (64 KB chunks, up to `totalBytes`) and stops sending as soon
 * as the server answers: how much was sent by then shows whether the body was refused early.
 */
function postEndless(baseUrl: string, path: string, options: { declaredLength?: number; totalBytes: number }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, baseUrl);
    const headers: Record<string, string | number> = { "Content-Type": "application/x-www-form-urlencoded" };
    if (options.declaredLength !== undefined) headers["Content-Length"] = options.declaredLength;
    const request = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers });
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sentBytes = 0;
    let answered = false;
    request.on("response", (response) => {
      answered = true;
      let body = "";
      response.setEncoding("utf8").on("data", (part: string) => (body += part));
      response.on("end", () => {
        request.destroy();
        resolve({ status: response.statusCode!, headers: response.headers, body, sentBytes });
      });
    });
    request.on("error", (error) => (answered ? undefined : reject(error)));
    request.write("message=");
    const pump = () => {
      while (!answered && sentBytes < options.totalBytes) {
        sentBytes += chunk.length;
        if (!request.write(chunk)) return request.once("drain", pump);
      }
      if (!answered) request.end();
    };
    pump();
  });
}

describe("bodies an attacker sends", () => {
  it("refuses a 200 MB anonymous POST /feedback on its declared length, without reading it", async () => {
    const before = rssMb(app.pid);
    const answer = await postEndless(app.url, "/feedback", { declaredLength: 200 * 1024 * 1024, totalBytes: 200 * 1024 * 1024 });
    expect(answer.status).toBe(413);
    expect(answer.body).toContain("Il modulo inviato è troppo grande (massimo 1 MB).");
    expect(answer.sentBytes).toBeLessThan(32 * 1024 * 1024);
    expect(rssMb(app.pid) - before).toBeLessThan(40);
  });

  it("refuses a chunked body (no length announced) once it passes 1 MB", async () => {
    const before = rssMb(app.pid);
    const answer = await postEndless(app.url, "/feedback", { totalBytes: 200 * 1024 * 1024 });
    expect(answer.status).toBe(413);
    expect(answer.body).toContain("troppo grande");
    expect(answer.sentBytes).toBeLessThan(32 * 1024 * 1024);
    expect(rssMb(app.pid) - before).toBeLessThan(40);
    // The app is still there for everyone else.
    expect((await fetch(`${app.url}/feedback`)).status).toBe(200);
  });

  it("answers JSON, XML and broken forms with a localized 4xx page, never a 500", async () => {
    const post = (contentType: string | undefined, body: string) =>
      fetch(`${app.url}/login`, { method: "POST", headers: contentType ? { "Content-Type": contentType } : {}, body, redirect: "manual" });
    let response = await post("application/json", "{}");
    expect(response.status).toBe(415);
    expect(await response.text()).toContain("La richiesta non contiene un modulo");
    response = await post("application/xml", "<x/>");
    expect(response.status).toBe(415);
    response = await post("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\na");
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("incompleto o non leggibile");
  });
});

describe("headers of pages with a token in the address", () => {
  it("are never cached nor sent as a referrer to other sites, on the page itself (not only on data requests)", async () => {
    for (const path of ["/invitations/questo-invito-non-esiste-0000000000", "/reset-password/questo-link-non-esiste-00000000000"]) {
      const response = await fetch(`${app.url}${path}`);
      expect(response.status, path).toBe(path.startsWith("/invitations") ? 404 : 410);
      expect(response.headers.get("content-type"), path).toMatch(/^text\/html/);
      expect(response.headers.get("cache-control"), path).toBe("no-store");
      // Express's site-wide policy comes first; browsers apply the last one they know.
      expect(response.headers.get("referrer-policy")?.split(",").pop()?.trim(), path).toBe("same-origin");
    }
  });
});

describe("hostile redirect targets in a real browser", () => {
  it("signs in with ?redirectTo=/<tab>/evil.example and stays on the site", async () => {
    await step(page, "open the sign-in page with a hostile target and sign in", async () => {
      await page.goto(`${app.url}/login?redirectTo=%2F%09%2Fevil.example%2Fphish`);
      await checkA11y(page);
      await page.locator('input[name="email"]').fill("member.plus@coop.example");
      await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
      await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: /^Accedi$/ }).click()]);
      await expect.poll(() => header(page).textContent(), { timeout: 10_000 }).toContain("Luca Neri");
      expect(new URL(page.url()).origin).toBe(app.url);
      await checkA11y(page, "signed in");
    });
    await step(page, "open /login again, signed in, with backslash and CR/LF targets", async () => {
      for (const target of ["%2F%5Cevil.example", "%2F%0D%0A%2Fevil.example", "%2F.%2F%2Fevil.example", "%E2%80%AE%2F%2Fevil.example"]) {
        const response = await page.goto(`${app.url}/login?redirectTo=${target}`);
        expect(response?.status()).toBe(200);
        expect(new URL(page.url()).origin).toBe(app.url);
        await checkA11y(page, target);
      }
    });
  });
});

describe("footer pages", () => {
  it("links the privacy notice, the legal notes and the accessibility statement, in Italian and English", async () => {
    await step(page, "follow the footer's privacy link", async () => {
      await visit(page, app.url, "/");
      await Promise.all([page.waitForURL(/\/privacy$/), page.locator("footer").getByRole("link", { name: "Informativa privacy" }).click()]);
      await expectHeading(page, "Informativa sul trattamento dei dati personali");
      await expect.poll(() => page.title()).toBe("Informativa sul trattamento dei dati personali · CO-OP");
      expect(await page.locator("main").textContent()).toContain("scadono dopo 30 giorni di inattività e comunque dopo 90 giorni");
      await checkA11y(page, "privacy");
    });
    await step(page, "follow the footer's legal notes link", async () => {
      await Promise.all([page.waitForURL(/\/legal$/), page.locator("footer").getByRole("link", { name: "Note legali" }).click()]);
      await expectHeading(page, "Note legali");
      await checkA11y(page, "legal");
    });
    await step(page, "the accessibility statement has its date, conformity status and AgID's form", async () => {
      await visit(page, app.url, "/accessibility");
      const text = (await page.locator("main").textContent()) ?? "";
      expect(text).toContain("parzialmente conforme");
      expect(text).toMatch(/Dichiarazione redatta il \d{1,2} \w+ \d{4}/);
      expect(await page.getByRole("link", { name: /form\.agid\.gov\.it/ }).getAttribute("href")).toBe("https://form.agid.gov.it");
    });
    await step(page, "the same pages in English", async () => {
      await header(page).getByRole("button", { name: /^EN\b/ }).click();
      await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
      await checkA11y(page, "accessibility in English");
      expect(await page.locator("main").textContent()).toContain("partially compliant");
      await visit(page, app.url, "/privacy");
      expect((await page.locator("h1").textContent())?.trim()).toBe("Personal data notice");
      await visit(page, app.url, "/legal");
      expect(await page.title()).toBe("Legal notes · CO-OP");
    });
  });
});

describe("the rate limit's page", () => {
  let limited: RunningApp;
  beforeAll(async () => {
    limited = await startApp({ env: { RATE_LIMIT_ENABLED: "true" } });
  });
  afterAll(async () => {
    await limited?.stop();
  });

  it("carries Retry-After and says the same wait, with the right plural", async () => {
    const attempt = (email: string) =>
      fetch(`${limited.url}/login`, { method: "POST", body: new URLSearchParams({ email, password: "sbagliata" }), redirect: "manual" });
    for (let i = 0; i < 20; i++) expect((await attempt(`nessuno${i}@comune.example.it`)).status).toBe(401);
    const refused = await attempt("ancora@comune.example.it");
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    const minutes = Math.ceil(retryAfter / 60);
    expect(await refused.text()).toContain(`riprova tra ${minutes} ${minutes === 1 ? "minuto" : "minuti"}.`);
  });
});

