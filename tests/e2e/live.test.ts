// Live updates and cached public pages in the browser: an admin's service notice appears on a
// visitor's open page without a reload (Server-Sent Events), the cached page's inline scripts run
// under its hash-based CSP (the browser helper fails on any CSP refusal), and without JavaScript
// the notice is there on the next page load.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startApp, type RunningApp } from "../helpers/server.ts";
import { checkA11y, launchBrowser, step, visit, type Browser } from "../helpers/browser.ts";
import { DEMO_PASSWORD, expectFlash, signInQuickly, usingBrowser } from "./support.ts";

let app: RunningApp;
let browser: Browser;
let page: Page;
// Two workers under the supervisor, as `npm start` runs: the admin's request and the visitor's
// stream or page may be on different workers, so the notice and the cache invalidation must
// cross between them (the cluster event bus).
beforeAll(async () => {
  app = await startApp({ env: { WEB_CONCURRENCY: "2" } });
});
afterAll(async () => {
  await app?.stop();
});
beforeEach(async () => {
  browser = await launchBrowser();
  page = await browser.newPage();
});
afterEach(async () => {
  await browser?.close();
});

const banner = (target: Page) => target.getByTestId("service-notice");

async function asAdmin(run: (adminPage: Page) => Promise<void>) {
  await usingBrowser(async (browser, adminPage) => {
    await signInQuickly(browser, app.url, "admin@coop.example", DEMO_PASSWORD);
    await visit(adminPage, app.url, "/admin/service-notice");
    await run(adminPage);
  });
}

describe("service notice", () => {
  it("appears live on a visitor's open page, served from the public-page cache, and goes away when cleared", async () => {
    const message = "Manutenzione programmata stasera dalle 20 alle 22";
    await step(page, "a visitor opens the accessibility statement, answered from the cache", async () => {
      const response = await page.goto(`${app.url}/accessibility`);
      expect(response?.headers()["cache-control"]).toBe("public, max-age=0, s-maxage=60, stale-while-revalidate=300");
      expect(response?.headers()["content-security-policy"]).toMatch(/script-src 'self' 'sha256-/);
      await checkA11y(page);
      expect((await banner(page).textContent())?.trim()).toBe("");
      const again = await fetch(`${app.url}/accessibility`, { headers: { "If-None-Match": response!.headers()["etag"] } });
      expect(again.status).toBe(304);
    });
    await asAdmin(async (adminPage) => {
      await step(adminPage, "the admin publishes a warning notice", async () => {
        await adminPage.getByLabel(/Testo dell'avviso/).fill(message);
        await adminPage.getByLabel(/^Tipo/).selectOption("warning");
        await adminPage.getByRole("button", { name: "Pubblica l'avviso" }).click();
        await expectFlash(adminPage, "Avviso pubblicato: è già visibile in tutte le pagine.");
        await checkA11y(adminPage, "after publishing");
      });
    });
    await step(page, "the visitor's page shows it without reloading", async () => {
      await expect.poll(async () => (await banner(page).textContent())?.trim(), { timeout: 10_000 }).toBe(`Avviso di servizio: ${message}`);
      await checkA11y(page, "with the notice");
    });
    await asAdmin(async (adminPage) => {
      await step(adminPage, "the admin removes it", async () => {
        await adminPage.getByRole("button", { name: "Rimuovi l'avviso" }).click();
        await expectFlash(adminPage, "Avviso rimosso.");
      });
    });
    await step(page, "it disappears from the visitor's page", async () => {
      await expect.poll(async () => (await banner(page).textContent())?.trim(), { timeout: 10_000 }).toBe("");
    });
  });

  it("is on the next page load without JavaScript (the cached page was invalidated)", async () => {
    const message = "Sportello chiuso venerdì";
    await usingBrowser(
      async (_browser, plain) => {
        await step(plain, "a visitor without JavaScript loads the home page", async () => {
          await visit(plain, app.url, "/");
          expect((await banner(plain).textContent())?.trim()).toBe("");
        });
        await asAdmin(async (adminPage) => {
          await step(adminPage, "the admin publishes a notice", async () => {
            await adminPage.getByLabel(/Testo dell'avviso/).fill(message);
            await adminPage.getByRole("button", { name: "Pubblica l'avviso" }).click();
            await expectFlash(adminPage, "Avviso pubblicato: è già visibile in tutte le pagine.");
          });
        });
        await step(plain, "the next load of the home page shows it", async () => {
          await visit(plain, app.url, "/");
          expect((await banner(plain).textContent())?.trim()).toBe(`Avviso di servizio: ${message}`);
        });
      },
      { javaScriptEnabled: false },
    );
  });
});
