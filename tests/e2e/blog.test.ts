// The blog in Chromium, every page checked with axe-core: a visitor reads posts, follows a tag and
// subscribes to the newsletter (double opt-in through the real SMTP capture); a tutor writes,
// previews, publishes, edits and takes down a post while a visitor's cached page follows each step.
import { beforeEach, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { RunningApp } from "../helpers/server.ts";
import { checkA11y, step, visit } from "../helpers/browser.ts";
import { DEMO_PASSWORD, appWithFreshBrowser, emailedLink, expectFlash, expectHeading, signInQuickly, usingBrowser } from "./support.ts";

let app: RunningApp;
let page: Page;
const session = appWithFreshBrowser();
beforeEach(() => {
  ({ app, page } = session);
});

describe("blog", () => {
  it("a visitor reads a post, follows its tag, and subscribes to the newsletter with double opt-in", async () => {
    await step(page, "open the blog from the navigation", async () => {
      await visit(page, app.url, "/");
      await page.getByRole("navigation").getByRole("link", { name: "Blog" }).first().click();
      await expectHeading(page, "Blog");
      await checkA11y(page);
      expect(await page.getByRole("link", { name: /Linee guida cloud/ }).count()).toBe(0); // the draft
    });
    await step(page, "read a post", async () => {
      await visit(page, app.url, "/blog/open-data-nei-piccoli-comuni");
      await expectHeading(page, "Open data nei piccoli comuni: da dove cominciare");
      await checkA11y(page);
      const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "{}");
      expect(jsonLd["@type"]).toBe("Article");
      expect(await page.locator('link[rel="canonical"]').getAttribute("href")).toBe(`${app.url}/blog/open-data-nei-piccoli-comuni`);
      expect(await page.getByRole("heading", { name: "Articoli correlati" }).count()).toBe(1);
    });
    await step(page, "follow the tag", async () => {
      await visit(page, app.url, "/blog/tag/open-data");
      await expectHeading(page, "Articoli sul tema: Open data");
      await checkA11y(page);
    });
    await step(page, "subscribe to the newsletter", async () => {
      await visit(page, app.url, "/blog/newsletter");
      await page.locator("#email").fill("lettrice@comune.example.it");
      // Bootstrap Italia draws its own box over the native checkbox: the label is what people click.
      await page.locator('label[for="consent"]').click();
      expect(await page.locator("#consent").isChecked()).toBe(true);
      await page.getByRole("button", { name: "Iscriviti" }).click();
      await expectHeading(page, "Controlla la tua casella di posta");
      await checkA11y(page);
    });
    await step(page, "confirm from the emailed link", async () => {
      const { link } = await emailedLink(app.mail, "lettrice@comune.example.it", app.url, "/blog/newsletter/confirm/");
      await visit(page, link, "");
      await expectHeading(page, "Conferma l'iscrizione");
      await checkA11y(page);
      await page.getByRole("button", { name: "Conferma l'iscrizione" }).click();
      await expectHeading(page, "Iscrizione confermata");
      await checkA11y(page);
    });
  });

  it("a tutor writes, previews, publishes, edits and takes down a post; the public page follows", async () => {
    await signInQuickly(session.browser, app.url, "tutor@coop.example", DEMO_PASSWORD);
    await step(page, "write a draft", async () => {
      await visit(page, app.url, "/blog/manage/new");
      await page.locator("#title").fill("Prova dal browser");
      await page.locator("#body").fill("Un paragrafo con **grassetto**.");
      await page.locator("#tags").fill("Prove, Open data");
      await page.getByRole("button", { name: "Salva la bozza" }).click();
      await expectFlash(page, "Bozza salvata.");
      await checkA11y(page);
    });
    const postUrl = page.url();
    await usingBrowser(async (_visitor, visitorPage) => {
      await step(visitorPage, "a visitor does not see the draft", async () => {
        expect(await visit(visitorPage, app.url, "/blog/prova-dal-browser")).toBe(404);
      });
    });
    await step(page, "preview it", async () => {
      await page.getByRole("link", { name: "Anteprima" }).click();
      await expectHeading(page, "Prova dal browser");
      await checkA11y(page);
      await page.getByRole("link", { name: "Torna alla modifica" }).click();
      await expectHeading(page, /Modifica: Prova dal browser/);
      await checkA11y(page);
    });
    await step(page, "publish it now", async () => {
      await page.getByRole("button", { name: "Pubblica ora" }).click();
      await expectFlash(page, "Articolo pubblicato.");
      await checkA11y(page);
    });
    await usingBrowser(async (_visitor, visitorPage) => {
      await step(visitorPage, "a visitor reads it (twice: the second from the cache)", async () => {
        expect(await visit(visitorPage, app.url, "/blog/prova-dal-browser")).toBe(200);
        expect(await visit(visitorPage, app.url, "/blog/prova-dal-browser")).toBe(200);
        await expectHeading(visitorPage, "Prova dal browser");
        await checkA11y(visitorPage);
      });
    });
    await step(page, "change its title", async () => {
      await visit(page, postUrl, "");
      await page.locator("#title").fill("Prova dal browser, rivista");
      await page.locator("#slug").fill("prova-dal-browser");
      await page.getByRole("button", { name: "Salva le modifiche" }).click();
      await expectFlash(page, "Modifiche salvate.");
      await checkA11y(page);
    });
    await usingBrowser(async (_visitor, visitorPage) => {
      await step(visitorPage, "the visitor sees the new title at once", async () => {
        await visit(visitorPage, app.url, "/blog/prova-dal-browser");
        await expectHeading(visitorPage, "Prova dal browser, rivista");
        await checkA11y(visitorPage);
      });
    });
    await step(page, "take it down", async () => {
      await page.getByRole("button", { name: "Ritira dalla pubblicazione" }).click();
      await expectFlash(page, "Articolo ritirato: ora è una bozza.");
      await checkA11y(page);
    });
    await usingBrowser(async (_visitor, visitorPage) => {
      await step(visitorPage, "the visitor gets a 404 again", async () => {
        expect(await visit(visitorPage, app.url, "/blog/prova-dal-browser")).toBe(404);
      });
    });
  });
});
