// The webinar's live page in Chromium: two people in two browsers (on two workers under the
// supervisor) see each other's chat, a question and its upvote, and a poll with its results live,
// without reloading; a page without JavaScript posts with a plain form. Every page is axe-checked.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import type { Page } from "playwright-core";
import { startApp, type RunningApp } from "../helpers/server.ts";
import { checkA11y, step, visit } from "../helpers/browser.ts";
import { DEMO_PASSWORD, signInQuickly, usingBrowser } from "./support.ts";

let app: RunningApp;
const slug = "webinar-e2e-dal-vivo";

beforeAll(async () => {
  app = await startApp({ env: { WEB_CONCURRENCY: "2" } });
  // The webinar fixture (the demo seed's webinars come from another branch).
  const sqlite = new Database(app.databaseUrl.replace(/^file:/, ""));
  const now = new Date().toISOString().replace("Z", "+00:00");
  sqlite
    .prepare(
      `INSERT INTO "Webinar" ("id", "slug", "title", "description", "status", "startsAt", "audience", "roomName", "createdAt", "updatedAt")
       VALUES (?, ?, ?, ?, 'LIVE', ?, 'PUBLIC', ?, ?, ?)`,
    )
    .run("webinar-e2e-1", slug, "Il Piano triennale in pratica", "Descrizione", now, "room-e2e-1", now, now);
  sqlite.close();
});
afterAll(async () => {
  await app?.stop();
});

const path = `/webinars/${slug}/live`;
const chatLog = (page: Page) => page.getByTestId("chat-log");

describe("webinar live page", () => {
  it("two people chat, ask, upvote and answer a poll, and see each other live", async () => {
    await usingBrowser(async (hostBrowser, host) => {
      await signInQuickly(hostBrowser, app.url, "tutor@coop.example", DEMO_PASSWORD);
      await usingBrowser(async (memberBrowser, member) => {
        await signInQuickly(memberBrowser, app.url, "member.plus@coop.example", DEMO_PASSWORD);
        await step(host, "the host opens the live page", () => visit(host, app.url, path));
        await step(member, "the member opens the live page", () => visit(member, app.url, path));

        await step(member, "the member writes in the chat; the host sees it without reloading", async () => {
          await member.getByLabel("Messaggio", { exact: true }).fill("Buongiorno a **tutti**");
          await member.getByRole("button", { name: "Invia", exact: true }).click();
          await expect.poll(async () => await chatLog(host).textContent(), { timeout: 5_000 }).toContain("Buongiorno a tutti");
          expect(await chatLog(host).locator("strong", { hasText: "tutti" }).count()).toBe(1);
          // The sender's box is emptied for the next message.
          await expect.poll(() => member.getByLabel("Messaggio", { exact: true }).inputValue()).toBe("");
        });
        await step(host, "the host answers in the chat; the member sees it", async () => {
          await host.getByLabel("Messaggio", { exact: true }).fill("Benvenuti, iniziamo tra un minuto");
          await host.getByRole("button", { name: "Invia", exact: true }).click();
          await expect.poll(async () => await chatLog(member).textContent(), { timeout: 5_000 }).toContain("Benvenuti, iniziamo tra un minuto");
        });
        await step(member, "the member asks a question anonymously", async () => {
          await member.getByLabel("La tua domanda").fill("Come si misura la spesa ICT?");
          // Bootstrap Italia draws the box over the input: people click the label.
          await member.locator('label[for="qa-anonymous"]').click();
          expect(await member.getByLabel(/Anonima per gli altri/).isChecked()).toBe(true);
          await member.getByRole("button", { name: "Invia la domanda" }).click();
          await expect.poll(async () => await host.getByTestId("questions").textContent(), { timeout: 5_000 }).toContain("Come si misura la spesa ICT?");
          // Staff see who asked.
          expect(await host.getByTestId("questions").textContent()).toContain("di Luca Neri");
        });
        await step(host, "the host upvotes it; the member sees the count", async () => {
          await host.getByRole("button", { name: /^Voto anch'io/ }).click();
          await expect.poll(async () => await member.getByTestId("votes").first().textContent(), { timeout: 5_000 }).toBe("1 voto");
          await checkA11y(member, "with a chat message and a question");
        });
        await step(host, "the host prepares and opens a poll with visible results", async () => {
          await host.getByText("Prepara un sondaggio").click();
          await host.getByLabel("Domanda del sondaggio").fill("Usate già SPID?");
          await host.getByLabel("Risposte possibili").fill("Sì\nNo");
          await host.locator('label[for="poll-show"]').click();
          await host.getByRole("button", { name: "Salva il sondaggio" }).click();
          await host.getByRole("button", { name: "Apri", exact: true }).click();
          await expect.poll(async () => await member.locator("[data-poll-id]").count(), { timeout: 5_000 }).toBe(1);
        });
        await step(member, "the member answers; both see the result", async () => {
          await member.locator("[data-poll-id] label", { hasText: /^Sì$/ }).click();
          await member.getByRole("button", { name: "Rispondi", exact: true }).click();
          await expect.poll(async () => await host.getByTestId("poll-results").textContent(), { timeout: 5_000 }).toContain("Sì: 1 voto");
          await expect.poll(async () => await member.getByTestId("poll-results").textContent(), { timeout: 5_000 }).toContain("Sì: 1 voto");
          await checkA11y(member, "after answering the poll");
          await checkA11y(host, "the host's view with moderation");
        });
      });
    });
  });

  it("works without JavaScript: a plain form posts a message and the page shows it", async () => {
    await usingBrowser(
      async (browser, page) => {
        await signInQuickly(browser, app.url, "member.basic@coop.example", DEMO_PASSWORD);
        await visit(page, app.url, path);
        await page.getByLabel("Messaggio", { exact: true }).fill("Scrivo senza JavaScript");
        await page.getByRole("button", { name: "Invia", exact: true }).click();
        await page.waitForURL(/\/live#chat$/);
        expect(await chatLog(page).textContent()).toContain("Scrivo senza JavaScript");
        await checkA11y(page, "after posting");
      },
      { javaScriptEnabled: false },
    );
  });
});
