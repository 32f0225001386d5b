// Webinars in Chromium: a tutor schedules a PLUS-only webinar (a time the clocks skip refused
// first) and publishes it; a PLUS member registers with a question and receives the confirmation
// email with its calendar invitation over real SMTP; a BASIC member sees why they may not; the
// member cancels (METHOD:CANCEL arrives); a seat freed in the full demo webinar promotes the
// first person waiting, who is told by email.
import { beforeEach, describe, expect, it } from "vitest";
import ICAL from "ical.js";
import type { Page } from "playwright-core";
import type { ParsedMail } from "mailparser";
import type { RunningApp } from "../helpers/server.ts";
import { checkA11y, step, visit, type Browser } from "../helpers/browser.ts";
import { DEMO_PASSWORD, appWithFreshBrowser, expectFlash, expectHeading, romeDayFromToday, signInQuickly, usingBrowser } from "./support.ts";

let app: RunningApp;
let browser: Browser;
let page: Page;
const session = appWithFreshBrowser();
beforeEach(() => {
  ({ app, browser, page } = session);
});

const TITLE = "Consultazioni online: il primo passo";
const to = (address: string) => (m: ParsedMail) => (Array.isArray(m.to) ? m.to : [m.to]).some((entry) => entry?.text.toLowerCase().includes(address));

function calendarOf(message: ParsedMail) {
  const part = message.attachments.find((attachment) => attachment.contentType.startsWith("text/calendar") || attachment.contentType === "application/ics");
  expect(part, `no calendar in "${message.subject}"`).toBeDefined();
  return new ICAL.Component(ICAL.parse(part!.content.toString("utf8")));
}

describe("webinars", () => {
  it("schedule, register with email and ICS, refused with the reason, cancel", async () => {
    const day = romeDayFromToday(20);
    await signInQuickly(browser, app.url, "tutor@coop.example", DEMO_PASSWORD);
    await step(page, "the tutor opens the scheduling form from the catalogue", async () => {
      await visit(page, app.url, "/webinars");
      await page.getByRole("link", { name: "Programma un webinar" }).click();
      await expectHeading(page, "Programma un webinar");
      await checkA11y(page, "scheduling form");
    });
    await step(page, "a time the clocks skip is refused, keeping what was typed", async () => {
      await page.locator('input[name="title"]').fill(TITLE);
      await page.locator('textarea[name="description"]').fill("Come si progetta una **consultazione**.");
      await page.locator('input[name="day"]').fill("2027-03-28");
      await page.locator('input[name="time"]').fill("02:30");
      // Bootstrap Italia draws the checkbox on its label: click the label, as a person does.
      await page.locator('label[for="kits-PLUS"]').click();
      await page.getByRole("button", { name: "Crea la bozza" }).click();
      await expect.poll(() => page.locator(".alert-danger").first().textContent().catch(() => "")).toContain("non esistono in Italia");
      expect(await page.locator('input[name="title"]').inputValue()).toBe(TITLE);
      expect(await page.locator('input[name="kits"][value="PLUS"]').isChecked()).toBe(true);
      await checkA11y(page, "skipped time refused");
    });
    await step(page, "a valid time creates the draft, then it is published", async () => {
      await page.locator('input[name="day"]').fill(day);
      await page.locator('input[name="time"]').fill("10:00");
      await page.getByRole("button", { name: "Crea la bozza" }).click();
      await expectFlash(page, "Webinar creato in bozza: pubblicalo quando è pronto.");
      await checkA11y(page, "draft created");
      await page.getByRole("button", { name: "Pubblica" }).click();
      await expectFlash(page, "Webinar pubblicato: ora è nel catalogo.");
      await checkA11y(page, "published");
    });
    const slug = new URL(page.url()).pathname.split("/")[2];

    await usingBrowser(async (memberBrowser, member) => {
      await signInQuickly(memberBrowser, app.url, "member.plus@coop.example", DEMO_PASSWORD);
      await step(member, "a PLUS member registers with a question", async () => {
        await visit(member, app.url, `/webinars/${slug}`);
        await expectHeading(member, TITLE);
        await member.locator('textarea[name="question"]').fill("Si può usare anche per i bilanci partecipativi?");
        await member.getByRole("button", { name: "Iscriviti" }).click();
        await expectFlash(member, "Iscrizione confermata: ti abbiamo inviato l'invito per il calendario.");
        expect(await member.getByText("Sei iscritto a questo webinar.").count()).toBe(1);
        await checkA11y(member, "registered");
      });
      await step(member, "the confirmation email carries the invitation with the right start", async () => {
        const message = await app.mail.waitForMessage((m) => to("member.plus@coop.example")(m) && m.subject === `Iscrizione confermata: ${TITLE}`, 20_000);
        const calendar = calendarOf(message);
        expect(calendar.getFirstPropertyValue("method")).toBe("REQUEST");
        const event = new ICAL.Event(calendar.getFirstSubcomponent("vevent")!);
        expect(event.summary).toBe(TITLE);
        const expected = new Intl.DateTimeFormat("it-IT", { timeZone: "Europe/Rome", hour: "2-digit", minute: "2-digit" }).format(event.startDate.toJSDate());
        expect(expected).toBe("10:00");
      });
      await step(member, "the member cancels and the calendar cancellation arrives", async () => {
        await member.getByRole("button", { name: "Annulla l'iscrizione" }).click();
        await expectFlash(member, "Iscrizione annullata.");
        await checkA11y(member, "cancelled");
        const message = await app.mail.waitForMessage((m) => to("member.plus@coop.example")(m) && m.subject === `Iscrizione annullata: ${TITLE}`, 20_000);
        expect(calendarOf(message).getFirstPropertyValue("method")).toBe("CANCEL");
      });
    });

    await usingBrowser(async (basicBrowser, basic) => {
      await signInQuickly(basicBrowser, app.url, "member.basic@coop.example", DEMO_PASSWORD);
      await step(basic, "a BASIC member sees why they may not register", async () => {
        await visit(basic, app.url, `/webinars/${slug}`);
        expect(await basic.getByText("Questo webinar è riservato ai kit PLUS; il kit della tua organizzazione è BASIC.").count()).toBe(1);
        expect(await basic.getByRole("button", { name: "Iscriviti" }).count()).toBe(0);
      });
    });
  });

  it("a seat freed in a full webinar promotes the first person waiting, who gets an email", async () => {
    await signInQuickly(browser, app.url, "member.basic@coop.example", DEMO_PASSWORD);
    await step(page, "a registered member of the full demo webinar cancels", async () => {
      await visit(page, app.url, "/webinars/demo-sito-comunale-tutti-i-kit");
      await page.getByRole("button", { name: "Annulla l'iscrizione" }).click();
      await expectFlash(page, "Iscrizione annullata.");
      await checkA11y(page, "seat freed");
    });
    await step(page, "the waiting member is promoted and told", async () => {
      const message = await app.mail.waitForMessage((m) => to("member.plus@coop.example")(m) && (m.subject ?? "").startsWith("Si è liberato un posto"), 20_000);
      expect(calendarOf(message).getFirstPropertyValue("method")).toBe("REQUEST");
    });
  });
});
