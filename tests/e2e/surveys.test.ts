// Issue 13 in Chromium: a tutor builds a survey and launches it to the demo union, a member of
// Alba answers it without JavaScript (a required question refused, then accepted), and the tutor
// reads the training-needs results: SVG charts with their tables, the comparison of Alba and Borgo,
// the union's two answers hidden, and the CSV. Every page is checked with axe.
import { beforeEach, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { RunningApp } from "../helpers/server.ts";
import { checkA11y, step, visit, type Browser } from "../helpers/browser.ts";
import { DEMO_PASSWORD, appWithFreshBrowser, emailedLink, expectFlash, expectHeading, signInQuickly, usingBrowser } from "./support.ts";

let app: RunningApp;
let browser: Browser;
let page: Page;

const session = appWithFreshBrowser();
beforeEach(() => {
  ({ app, browser, page } = session);
});

const TITLE = "Gradimento dello sportello digitale";
const QUESTION = "Quanto sei soddisfatto del nuovo sportello?";
const UNION = "Unione dei Comuni della Valle Demo";

describe("surveys", () => {
  it("a tutor builds and launches a survey; a member answers it without JavaScript", async () => {
    await signInQuickly(browser, app.url, "tutor@coop.example", DEMO_PASSWORD);
    await step(page, "create a blank survey", async () => {
      await visit(page, app.url, "/surveys/manage");
      await expectHeading(page, "Gestione questionari");
      await page.locator('select[name="template"]').selectOption("BLANK");
      await page.locator('input[name="title"]').fill(TITLE);
      await page.getByRole("button", { name: "Crea" }).click();
      await expectHeading(page, TITLE);
      await checkA11y(page);
    });
    await step(page, "add a required five-point question", async () => {
      const adder = page.locator("details", { has: page.locator("summary", { hasText: "Aggiungi una domanda" }) }).first();
      await adder.locator("summary").click();
      await adder.locator('select[name="type"]').selectOption("LIKERT");
      await adder.locator('input[name="text"]').fill(QUESTION);
      // Bootstrap Italia draws the box over the input: click its label, as a person does.
      await adder.locator("label", { hasText: "Risposta obbligatoria" }).click();
      expect(await adder.locator('input[name="required"]').isChecked()).toBe(true);
      await adder.getByRole("button", { name: "Aggiungi una domanda" }).click();
      await expectFlash(page, "Modifiche salvate.");
      await expect.poll(() => page.locator("h4", { hasText: QUESTION }).count()).toBe(1);
      await checkA11y(page);
    });
    await step(page, "send it to the union and launch it", async () => {
      await page.locator('select[name="audience"]').selectOption("ORGANIZATIONS");
      await page.locator("label").filter({ hasText: new RegExp(`^${UNION}$`) }).click();
      expect(await page.getByLabel(UNION, { exact: true }).isChecked()).toBe(true);
      await page.getByRole("button", { name: "Salva le impostazioni" }).click();
      await expectFlash(page, "Modifiche salvate.");
      await checkA11y(page);
      await page.getByRole("button", { name: "Avvia e invia gli inviti" }).click();
      await expectFlash(page, "Questionario avviato: gli inviti partono ora.");
      await checkA11y(page);
    });
    await step(page, "preview it", async () => {
      await page.getByRole("link", { name: "Anteprima" }).click();
      await expectHeading(page, `Anteprima: ${TITLE}`);
      await checkA11y(page);
    });
    const { link } = await emailedLink(app.mail, "member.plus@coop.example", app.url, "/surveys/");

    await usingBrowser(
      async (member, memberPage) => {
        await signInQuickly(member, app.url, "member.plus@coop.example", DEMO_PASSWORD);
        await step(memberPage, "find the survey in the list", async () => {
          await visit(memberPage, app.url, "/surveys");
          await expectHeading(memberPage, "Questionari");
          expect(await memberPage.getByRole("link", { name: TITLE }).getAttribute("href")).toBe(link.replace(app.url, ""));
          await memberPage.getByRole("link", { name: TITLE }).click();
          await expectHeading(memberPage, TITLE);
          await checkA11y(memberPage);
        });
        await step(memberPage, "send without answering: the required question is named", async () => {
          await memberPage.getByRole("button", { name: "Invia le risposte" }).click();
          await expect.poll(() => memberPage.locator(".alert-danger").first().textContent()).toContain("1 domanda da correggere");
          expect(await memberPage.locator("fieldset").first().getAttribute("aria-describedby")).toMatch(/-error/);
          await checkA11y(memberPage);
        });
        await step(memberPage, "answer and send", async () => {
          await memberPage.locator("label").filter({ hasText: /^4 Molto$/ }).click();
          expect(await memberPage.getByLabel("4 Molto", { exact: true }).isChecked()).toBe(true);
          await memberPage.getByRole("button", { name: "Invia le risposte" }).click();
          await expectFlash(memberPage, "Grazie: la tua risposta è stata registrata.");
          await checkA11y(memberPage);
        });
      },
      { javaScriptEnabled: false },
    );
  });

  it("a tutor reads the training-needs results as charts and tables, with small groups hidden, and exports the CSV", async () => {
    await signInQuickly(browser, app.url, "tutor@coop.example", DEMO_PASSWORD);
    await step(page, "open the results of the demo analysis", async () => {
      await visit(page, app.url, "/surveys/manage");
      await page.getByRole("link", { name: "Analisi dei bisogni formativi 2026-2027" }).click();
      await expectHeading(page, "Analisi dei bisogni formativi 2026-2027");
      await checkA11y(page);
      await page.getByRole("link", { name: "Risultati" }).click();
      await expectHeading(page, "Risultati: Analisi dei bisogni formativi 2026-2027");
      await checkA11y(page);
    });
    await step(page, "need index by area and competence, as SVG with a table, and the comparison", async () => {
      expect(await page.locator('svg[role="img"]').count()).toBeGreaterThan(10);
      expect(await page.getByRole("heading", { name: "Indice di bisogno formativo" }).count()).toBe(1);
      const comparison = page.locator("section", { has: page.getByRole("heading", { name: "Confronto tra organizzazioni" }) });
      const rows = (await comparison.locator("tbody th").allTextContents()).map((text) => text.trim());
      expect(rows).toEqual(["Comune di Alba Demo", "Comune di Borgo Demo"]);
    });
    await step(page, "the union's own two answers are hidden", async () => {
      await page.locator('select[name="group"]').selectOption({ label: `${UNION} (nascosto: meno di 5 risposte o differenza troppo piccola)` });
      await page.getByRole("button", { name: "Mostra" }).click();
      await expect.poll(() => page.locator(".alert-warning").count()).toBe(1);
      expect(await page.locator('svg[role="img"]').count()).toBe(0);
      await checkA11y(page);
    });
    await step(page, "download the aggregates", async () => {
      const href = await page.getByRole("link", { name: "Scarica i dati aggregati (CSV)" }).getAttribute("href");
      const response = await browser.context.request.get(`${app.url}${href}`);
      expect(response.headers()["content-type"]).toContain("text/csv");
      const text = await response.text();
      expect(text).toContain("Comune di Alba Demo,6,need_index,1.1");
      expect(text).not.toContain(UNION);
    });
  });
});
