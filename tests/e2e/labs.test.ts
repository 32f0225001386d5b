// The tutor's flow of a Community Building lab in Chromium (issue 14): an admin opens a lab and
// makes the demo tutor its tutor; the tutor takes in two organizations (the INTERMEDIATE Dosso
// municipality and the PLUS union) and one person of each, schedules an online session (its page
// leads to the lab's webinar room) and an in-person one that already took place, keeps its register,
// finds the member who has gone quiet and reminds them (the email arrives); the union's manager
// exports the monitoring report for funding as CSV and PDF. Every page visited is checked with axe-core.
import Database from "better-sqlite3";
import { PDFParse } from "pdf-parse";
import { beforeEach, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { RunningApp } from "../helpers/server.ts";
import { checkA11y, step, visit, type Browser } from "../helpers/browser.ts";
import { appWithFreshBrowser, DEMO_PASSWORD, expectFlash, expectHeading, romeDayFromToday, signInQuickly, usingBrowser } from "./support.ts";

let app: RunningApp;
let browser: Browser;
let page: Page;
const session = appWithFreshBrowser();
beforeEach(() => {
  ({ app, browser, page } = session);
});

const LAB = "Laboratorio e2e — comunità di pratica";

async function submit(page: Page, name: string | RegExp) {
  await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name }).click()]);
}

/** Picks an option (by its text) in one of the lab page's "add" forms and submits that form. */
async function addThrough(page: Page, label: string, option: RegExp) {
  const form = page.locator("form").filter({ has: page.getByLabel(label) });
  const value = await form.locator("option").filter({ hasText: option }).first().getAttribute("value");
  await form.locator("select").selectOption(value!);
  await form.getByRole("button", { name: "Aggiungi" }).click();
  // The form submits without a page load (Remix); done when the choice has left the list.
  const remaining = () => page.locator("form").filter({ has: page.getByLabel(label) }).locator("option").filter({ hasText: option }).count();
  await expect.poll(remaining, { timeout: 10_000 }).toBe(0);
}

describe("a lab from start to report", () => {
  it("a tutor runs a lab for two organizations, keeps the register, reminds a quiet member; the manager exports CSV and PDF", async () => {
    let labUrl = "";
    await signInQuickly(browser, app.url, "admin@coop.example", DEMO_PASSWORD);
    await step(page, "the admin opens a lab with a 7-day quiet threshold", async () => {
      await visit(page, app.url, "/labs/new");
      await page.locator('input[name="title"]').fill(LAB);
      await page.locator('input[name="startDay"]').fill(romeDayFromToday(-30));
      await page.locator('input[name="endDay"]').fill(romeDayFromToday(90));
      await page.locator('input[name="quietAfterDays"]').fill("7");
      await submit(page, "Crea il laboratorio");
      await expectHeading(page, LAB);
      await checkA11y(page);
      labUrl = new URL(page.url()).pathname;
    });
    await step(page, "the admin makes the demo tutor its tutor", async () => {
      await addThrough(page, "Aggiungi un tutor", /^Tommaso Tutor$/);
      await expectFlash(page, "Tutor aggiunto.");
      await checkA11y(page);
    });

    await usingBrowser(async (tutorBrowser, tutor) => {
      await signInQuickly(tutorBrowser, app.url, "tutor@coop.example", DEMO_PASSWORD);
      await step(tutor, "the tutor takes in the two organizations and one person of each", async () => {
        await visit(tutor, app.url, labUrl);
        for (const name of [/^Comune di Dosso Demo$/, /^Unione dei Comuni della Valle Demo$/]) {
          await addThrough(tutor, "Aggiungi un'organizzazione", name);
          await expectFlash(tutor, "Organizzazione aggiunta.");
          await checkA11y(tutor);
        }
        for (const name of [/^Giulia Conti/, /^Luca Neri/]) {
          await addThrough(tutor, "Aggiungi una persona", name);
          await expectFlash(tutor, "Persona aggiunta.");
          await checkA11y(tutor);
        }
        const members = (await tutor.getByRole("heading", { name: /^Partecipanti/ }).textContent())?.replace(/\s+/g, " ");
        expect(members).toBe("Partecipanti: 2");
      });

      await step(tutor, "an online session: its page leads to the lab's webinar room", async () => {
        await tutor.getByRole("link", { name: "Nuovo incontro" }).click();
        await expectHeading(tutor, "Nuovo incontro");
        await checkA11y(tutor);
        await tutor.locator('input[name="title"]').fill("Facilitare online");
        await tutor.locator('select[name="kind"]').selectOption("ONLINE");
        await tutor.locator('input[name="day"]').fill(romeDayFromToday(2));
        await tutor.locator('input[name="time"]').fill("17:30");
        await tutor.locator('input[name="durationMinutes"]').fill("90");
        await submit(tutor, "Programma l'incontro");
        await expectHeading(tutor, "Facilitare online");
        await expectFlash(tutor, "Incontro programmato.");
        await checkA11y(tutor);
        await tutor.getByRole("link", { name: "Entra nella stanza" }).click();
        await tutor.waitForURL(/\/webinars\/facilitare-online[^/]*\/room$/);
        await expectHeading(tutor, /Facilitare online/);
        await checkA11y(tutor);
      });

      await step(tutor, "an in-person session held yesterday: the tutor keeps its register", async () => {
        await visit(tutor, app.url, `${labUrl}/sessions/new`);
        await tutor.locator('input[name="title"]').fill("Mappatura in sala");
        await tutor.locator('select[name="kind"]').selectOption("IN_PERSON");
        await tutor.locator('input[name="day"]').fill(romeDayFromToday(-1));
        await tutor.locator('input[name="time"]').fill("10:00");
        await tutor.locator('input[name="durationMinutes"]').fill("120");
        await tutor.locator('input[name="place"]').fill("Sala consiliare");
        await submit(tutor, "Programma l'incontro");
        await expectHeading(tutor, "Mappatura in sala");
        await checkA11y(tutor);
        expect(await tutor.getByRole("link", { name: "Entra nella stanza" }).count()).toBe(0);
        // Bootstrap Italia draws the box on the label (the input itself is visually hidden).
        await tutor.locator("label", { hasText: /^Luca Neri/ }).click();
        expect(await tutor.getByLabel(/^Luca Neri/).isChecked()).toBe(true);
        await submit(tutor, "Conferma il registro");
        await expectFlash(tutor, "Registro presenze confermato.");
        await checkA11y(tutor);
        expect(await tutor.getByLabel(/^Luca Neri/).isChecked()).toBe(true);
        expect(await tutor.getByLabel(/^Giulia Conti/).isChecked()).toBe(false);
      });

      await step(tutor, "ten days on, Giulia (no attendance, post or submission) is quiet; the tutor reminds her", async () => {
        // Time passes: Giulia joined ten days ago (the register put Luca's last sign of life yesterday).
        const sqlite = new Database(app.databaseUrl.replace(/^file:/, ""));
        sqlite.prepare(`UPDATE "LabMember" SET "joinedAt" = ? WHERE "labId" = ?`).run(Date.now() - 10 * 24 * 3600_000, labUrl.split("/").pop());
        sqlite.close();
        await visit(tutor, app.url, labUrl);
        await tutor.getByRole("link", { name: "Chi è inattivo" }).click();
        await expectHeading(tutor, "Persone inattive");
        await checkA11y(tutor);
        const giulia = tutor.locator("tbody tr").filter({ hasText: "Giulia Conti" });
        expect(await giulia.textContent()).toContain("Inattiva");
        expect(await tutor.locator("tbody tr").filter({ hasText: "Luca Neri" }).textContent()).toContain("Attiva");
        await Promise.all([tutor.waitForLoadState("load"), giulia.getByRole("button", { name: "Invia un promemoria" }).click()]);
        await expectFlash(tutor, "Promemoria inviato.");
        await checkA11y(tutor);
        const email = await app.mail.waitForMessage((m) => JSON.stringify(m.to).includes("member.intermediate@coop.example"));
        expect(email.subject).toBe(`Ti aspettiamo nel laboratorio «${LAB}»`);
        expect(email.text).toContain(labUrl);
      });
    });

    await usingBrowser(async (managerBrowser, manager) => {
      await signInQuickly(managerBrowser, app.url, "manager.plus@coop.example", DEMO_PASSWORD);
      await step(manager, "the union's manager exports the monitoring report as CSV and PDF", async () => {
        await visit(manager, app.url, "/monitoring");
        const csvHref = await manager.getByRole("link", { name: "Scarica il CSV", exact: true }).first().getAttribute("href");
        const pdfHref = await manager.getByRole("link", { name: "Scarica il report per la rendicontazione (PDF)" }).first().getAttribute("href");
        const csv = await manager.request.get(new URL(csvHref!, app.url).toString());
        expect(csv.status()).toBe(200);
        expect(csv.headers()["content-type"]).toMatch(/text\/csv/);
        const pdf = await manager.request.get(new URL(pdfHref!, app.url).toString());
        expect(pdf.status()).toBe(200);
        expect(pdf.headers()["content-type"]).toBe("application/pdf");
        const parser = new PDFParse({ data: new Uint8Array(await pdf.body()) });
        const text = (await parser.getText()).text.replace(/\s+/g, " ");
        await parser.destroy();
        expect(text).toContain("Report di monitoraggio per la rendicontazione");
        expect(text).toMatch(/Unione dei Comuni della Valle Demo|Comune di Alba Demo/);
      });
    });
  });
});
