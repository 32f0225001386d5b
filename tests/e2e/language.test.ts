// Switching the interface language from the header, and localized error pages.
import { beforeEach, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { RunningApp } from "../helpers/server.ts";
import { checkA11y, step, visit } from "../helpers/browser.ts";
import { header, appWithFreshBrowser } from "./support.ts";

let app: RunningApp;
let page: Page;

// One app for this file, a fresh browser per test (see appWithFreshBrowser).
const session = appWithFreshBrowser();
beforeEach(() => {
  ({ app, page } = session);
});

const htmlLang = () => page.locator("html").getAttribute("lang");
const signInLink = () => header(page).getByRole("link", { name: /^(Accedi|Sign in)$/ });

describe("language", () => {
  it("is Italian first and switches to English and back from the header", async () => {
    await step(page, "open the home page in Italian", async () => {
      await visit(page, app.url, "/");
      expect(await htmlLang()).toBe("it");
      expect((await signInLink().textContent())?.trim()).toBe("Accedi");
    });
    await step(page, "switch to English with the EN button", async () => {
      await header(page).getByRole("button", { name: /^EN\b/ }).click();
      await expect.poll(htmlLang).toBe("en");
      expect((await signInLink().textContent())?.trim()).toBe("Sign in");
      expect(await header(page).getByRole("button", { name: /^IT\b/ }).count()).toBe(1);
      await checkA11y(page, "in English");
    });
    await step(page, "the choice survives a reload", async () => {
      await page.reload();
      expect(await htmlLang()).toBe("en");
      await checkA11y(page, "reloaded in English");
    });
    await step(page, "switch back to Italian with the IT button", async () => {
      await header(page).getByRole("button", { name: /^IT\b/ }).click();
      await expect.poll(htmlLang).toBe("it");
      expect((await signInLink().textContent())?.trim()).toBe("Accedi");
      await checkA11y(page, "back in Italian");
    });
  });

  it("shows a localized 404 page", async () => {
    await step(page, "open a missing page in Italian", async () => {
      const status = await visit(page, app.url, "/pagina-che-non-esiste");
      expect(status).toBe(404);
      expect(await htmlLang()).toBe("it");
      expect((await page.locator("h1").textContent())?.trim()).toBe("Pagina non trovata");
    });
    await step(page, "choose English on the home page, then open the missing page again", async () => {
      await visit(page, app.url, "/");
      await header(page).getByRole("button", { name: /^EN\b/ }).click();
      await expect.poll(htmlLang).toBe("en");
      await checkA11y(page, "home in English");
      const status = await visit(page, app.url, "/pagina-che-non-esiste");
      expect(status).toBe(404);
      expect(await htmlLang()).toBe("en");
      expect((await page.locator("h1").textContent())?.trim()).toBe("Page not found");
    });
    await step(page, "switch back to Italian from the 404 page itself", async () => {
      await header(page).getByRole("button", { name: /^IT\b/ }).click();
      await expect.poll(htmlLang).toBe("it");
      await expect.poll(async () => (await page.locator("h1").textContent())?.trim()).toBe("Pagina non trovata");
      await checkA11y(page, "404 back in Italian");
    });
  });
});
