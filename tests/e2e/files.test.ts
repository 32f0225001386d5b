// The community's file area end to end in Chromium: a PLUS member uploads a document through the
// progress-bar form (the bar shows while the bytes go), downloads it, uploads a new version; a file
// named with an XSS payload shows as text and opens no dialog; without JavaScript the same form
// posts plainly; a BASIC member is refused. Every page is checked with axe-core.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createDb, type Db } from "~/lib/db.server.ts";
import { checkA11y, step, visit } from "../helpers/browser.ts";
import { startApp, type RunningApp } from "../helpers/server.ts";
import { XSS_CORPUS } from "../fixtures/xss-corpus.ts";
import { DEMO_PASSWORD, expectFlash, expectHeading, signInQuickly, usingBrowser } from "./support.ts";

let app: RunningApp;
let db: Db;
let folderId: string;
let xssFolderId: string;
/** The XSS corpus as file names: one line each, as a name is kept (its last path part). */
const xssNames = [...new Set(XSS_CORPUS.map((payload) => `${payload.replace(/\s+/g, " ").trim().split(/[\\/]/).pop()}.pdf`))].filter((name) => name.length > 4 && name.length < 200 && !/^[.\s]/.test(name));

beforeAll(async () => {
  app = await startApp();
  db = createDb(app.databaseUrl);
  folderId = (await db.communityFolder.findFirstOrThrow({ where: { name: "Modelli e documenti" } })).id;
  xssFolderId = (await db.communityFolder.create({ data: { name: "Nomi ostili", visibility: "COMMUNITY" } })).id;
  // The corpus as stored names (uploading through the form is covered above and in the integration
  // tests; here the subject is how the names render).
  const authorId = (await db.user.findUniqueOrThrow({ where: { email: "tutor@coop.example" } })).id;
  for (const name of xssNames) {
    await db.communityFile.create({
      data: { folderId: xssFolderId, name, authorId, versionCount: 1, versions: { create: { number: 1, storageKey: "community/files/2026/12/e2e-xss", fileName: name, contentType: "application/pdf", size: 100n, uploadedById: authorId } } },
    });
  }
});
afterAll(async () => {
  await db?.$disconnect();
  await app?.stop();
});

/** Bytes that pass as a PDF by content. */
function pdf(size: number) {
  const bytes = Buffer.alloc(size, 0x20);
  bytes.write("%PDF-1.7\n");
  return bytes;
}

it("a PLUS member uploads with a progress bar, downloads, adds a version; XSS names stay text", async () => {
  await usingBrowser(async (browser, page) => {
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await signInQuickly(browser, app.url, "member.plus@coop.example", DEMO_PASSWORD);
    await step(page, "the member finds the file area in the menu", async () => {
      await visit(page, app.url, "/");
      await page.getByRole("navigation").getByRole("link", { name: "File", exact: true }).first().click();
      await expectHeading(page, "File della comunità");
      await checkA11y(page, "the file area");
    });
    const document = pdf(8 * 1024 * 1024);
    await step(page, "the member uploads a document and sees the progress bar", async () => {
      await page.getByRole("link", { name: "Modelli e documenti" }).click();
      await expectHeading(page, "Modelli e documenti");
      await checkA11y(page, "the folder");
      await page.getByLabel("File da caricare").setInputFiles({ name: "cronoprogramma.pdf", mimeType: "application/pdf", buffer: document });
      const bar = page.locator("progress#file-progress").waitFor({ state: "attached", timeout: 10_000 });
      await Promise.all([page.waitForURL("**/files/file/**", { waitUntil: "load" }), bar, page.getByRole("button", { name: "Carica il file" }).click()]);
      await expectHeading(page, "cronoprogramma.pdf");
      await expectFlash(page, "File caricato.");
      await checkA11y(page, "the file's page");
    });
    await step(page, "the member downloads it", async () => {
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Scarica la versione 1" }).click()]);
      expect(download.suggestedFilename()).toBe("cronoprogramma.pdf");
      expect(readFileSync((await download.path())!).equals(document)).toBe(true);
    });
    await step(page, "the member uploads a new version", async () => {
      await page.getByLabel("File da caricare").setInputFiles({ name: "cronoprogramma-v2.pdf", mimeType: "application/pdf", buffer: pdf(2000) });
      await page.getByRole("button", { name: "Carica il file" }).click();
      await expectFlash(page, "Nuova versione caricata.");
      await expectHeading(page, "cronoprogramma-v2.pdf");
      await expect.poll(() => page.locator("table tbody tr").count()).toBe(2);
      await checkA11y(page, "two versions");
    });
    await step(page, "a disguised script is refused with a message on the page", async () => {
      await page.getByLabel("File da caricare").setInputFiles({ name: "fattura.pdf", mimeType: "application/pdf", buffer: Buffer.from("#!/bin/sh\necho pwned\n") });
      await page.getByRole("button", { name: "Carica il file" }).click();
      await expect.poll(() => page.locator('[role="alert"]').first().textContent(), { timeout: 10_000 }).toMatch(/contenuto|content/i);
      await checkA11y(page, "the refusal");
    });
    await step(page, "XSS payloads as file names render as text", async () => {
      const names = [`<img src=x onerror=alert(1)>.pdf`, `<svg onload=alert(2)>.pdf`, `'><iframe src=javascript:alert(3)>.pdf`];
      for (const name of names) {
        await visit(page, app.url, `/files/${folderId}`);
        await page.getByLabel("File da caricare").setInputFiles({ name, mimeType: "application/pdf", buffer: pdf(500) });
        await Promise.all([page.waitForURL("**/files/file/**", { waitUntil: "load" }), page.getByRole("button", { name: "Carica il file" }).click()]);
        await expectHeading(page, name);
        await checkA11y(page, "a file with a hostile name");
      }
      await visit(page, app.url, `/files/${folderId}`);
      for (const name of names) await expect.poll(() => page.getByRole("link", { name, exact: true }).count()).toBe(1);
      expect(await page.locator("main img, main svg:not(.icon), main script").count()).toBe(0);
      expect(dialogs).toEqual([]);
    });
    await step(page, "the XSS corpus as file names: the folder lists them as text, nothing runs", async () => {
      await visit(page, app.url, `/files/${xssFolderId}`);
      await expect.poll(() => page.locator("main table tbody tr").count()).toBe(xssNames.length);
      const shown = (await page.locator("main table tbody tr td:first-child").allTextContents()).map((t) => t.trim());
      for (const name of xssNames) expect(shown).toContain(name);
      for (const link of await page.locator("main table a").all()) await link.hover();
      expect(await page.locator("main img, main iframe, main script, main object, main embed, main svg:not(.icon)").count()).toBe(0);
      expect(dialogs).toEqual([]);
    });
  });
});

it("without JavaScript the upload form posts plainly; a BASIC member is refused", async () => {
  await usingBrowser(
    async (browser, page) => {
      await signInQuickly(browser, app.url, "manager.plus@coop.example", DEMO_PASSWORD);
      await step(page, "the manager uploads without JavaScript", async () => {
        await visit(page, app.url, `/files/${folderId}`);
        await page.getByLabel("File da caricare").setInputFiles({ name: "delibera.pdf", mimeType: "application/pdf", buffer: pdf(3000) });
        await Promise.all([page.waitForURL("**/files/file/**", { waitUntil: "load" }), page.getByRole("button", { name: "Carica il file" }).click()]);
        await expectHeading(page, "delibera.pdf");
        await checkA11y(page, "after a plain upload");
      });
      await step(page, "the manager deletes it", async () => {
        await Promise.all([page.waitForURL(`**/files/${folderId}`, { waitUntil: "load" }), page.getByRole("button", { name: "Elimina il file" }).click()]);
        await checkA11y(page, "after deleting");
        expect(await page.getByRole("link", { name: "delibera.pdf", exact: true }).count()).toBe(0);
      });
    },
    { javaScriptEnabled: false },
  );
  await usingBrowser(async (browser, page) => {
    await signInQuickly(browser, app.url, "member.basic@coop.example", DEMO_PASSWORD);
    await step(page, "a BASIC member is refused", async () => {
      const response = await page.goto(`${app.url}/files/${folderId}`);
      expect(response?.status()).toBe(403);
      await checkA11y(page, "refused");
    });
  });
});
