// The community in Chromium: a PLUS member finds "Comunità" in the menu, opens a topic, replies
// mentioning a colleague, who gets the email; search finds the post; a BASIC member is refused
// with the reason. Every page is checked with axe-core.
import { beforeEach, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { RunningApp } from "../helpers/server.ts";
import { checkA11y, step, visit, type Browser } from "../helpers/browser.ts";
import { DEMO_PASSWORD, expectHeading, mainNavigation, signInQuickly, appWithFreshBrowser } from "./support.ts";

let app: RunningApp;
let browser: Browser;
let page: Page;
const session = appWithFreshBrowser();
beforeEach(() => {
  ({ app, browser, page } = session);
});

describe("the community", () => {
  it("a PLUS member replies mentioning a colleague, who is emailed; search finds the reply", async () => {
    await signInQuickly(browser, app.url, "member.plus@coop.example", DEMO_PASSWORD);
    await step(page, "open Comunità from the main menu", async () => {
      await visit(page, app.url, "/");
      await mainNavigation(page).getByRole("link", { name: "Comunità" }).click();
      await page.waitForURL(/\/community$/);
      await expectHeading(page, "Comunità");
      await checkA11y(page);
      expect(await page.locator("tbody").textContent()).not.toContain("Sala tutor");
    });
    await step(page, "open a topic of a category", async () => {
      await page.getByRole("link", { name: "Transizione digitale" }).click();
      await expectHeading(page, "Transizione digitale");
      await checkA11y(page);
      await page.getByRole("link", { name: "Come state organizzando il piano triennale?" }).click();
      await expectHeading(page, "Come state organizzando il piano triennale?");
      await checkA11y(page);
    });
    await step(page, "reply mentioning @paola.ferri", async () => {
      await page.getByLabel("Testo").last().fill("Grazie @paola.ferri, aspetto il modello di rendicontazione!");
      await page.getByRole("button", { name: "Pubblica la risposta" }).click();
      await page.waitForURL(/#post-4$/);
      await checkA11y(page);
      expect(await page.locator("#post-4").textContent()).toContain("aspetto il modello di rendicontazione");
    });
    await step(page, "the colleague gets the email with the permalink and an unsubscribe link", async () => {
      const email = await app.mail.waitForMessage((m) => JSON.stringify(m.to).includes("manager.plus@coop.example"));
      expect(email.subject).toBe("Luca Neri ti ha menzionato in «Come state organizzando il piano triennale?»");
      expect(email.text).toMatch(/\/community\/t\/\w+\?from=4#post-4/);
      expect(email.text).toMatch(/\/community\/unsubscribe\/[\w-]+/);
    });
    await step(page, "search finds the reply by another form of its words", async () => {
      await visit(page, app.url, "/community/search?q=rendicontazioni");
      expect(await page.locator("main ol").textContent()).toContain("Come state organizzando il piano triennale? #4");
    });
  });

  it("a BASIC member is told the community is not in their kit", async () => {
    await signInQuickly(browser, app.url, "member.basic@coop.example", DEMO_PASSWORD);
    await visit(page, app.url, "/");
    expect(await mainNavigation(page).getByRole("link", { name: "Comunità" }).count()).toBe(0);
    const response = await page.goto(`${app.url}/community`);
    expect(response?.status()).toBe(403);
    await checkA11y(page);
  });
});
