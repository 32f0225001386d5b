// "La mia organizzazione" for an organization's manager (members, seats, inviting a colleague,
// revoking the invitation), what a plain member and a BASIC member see, and an invitation
// accepted in a browser without JavaScript.
import { beforeEach, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { RunningApp } from "../helpers/server.ts";
import { checkA11y, step, visit, type Browser } from "../helpers/browser.ts";
import { DEMO_PASSWORD, emailedLink, expectFlash, expectHeading, header, mainNavigation, signInQuickly, usingBrowser, appWithFreshBrowser } from "./support.ts";

let app: RunningApp;
let browser: Browser;
let page: Page;

// One app for this file, a fresh browser per test (see appWithFreshBrowser).
const session = appWithFreshBrowser();
beforeEach(() => {
  ({ app, browser, page } = session);
});

const UNION = "Unione dei Comuni della Valle Demo";
const ALBA = "Comune di Alba Demo";
const MANAGER = { email: "manager.plus@coop.example", name: "Paola Ferri" };

const seatsText = (page: Page) => page.locator(".callout").textContent();
const invitationRow = (page: Page, email: string) => page.locator("section", { has: page.getByRole("heading", { name: "Inviti da accettare" }) }).locator("tbody tr", { hasText: email });

describe("the organization manager", () => {
  it("sees members and seats, invites a colleague, sees the invitation pending and revokes it", async () => {
    const colleague = { email: "nuova.collega@comunealbademo.example.it", name: "Elena Collega" };
    await signInQuickly(browser, app.url, MANAGER.email, DEMO_PASSWORD);

    await step(page, "open 'La mia organizzazione' from the main menu", async () => {
      await visit(page, app.url, "/");
      await mainNavigation(page).getByRole("link", { name: "La mia organizzazione" }).click();
      await page.waitForURL(/\/organization$/);
      await expectHeading(page, "La mia organizzazione");
      await checkA11y(page);
      expect(await page.locator(".lead").first().textContent()).toBe(`I componenti di ${UNION}, gli inviti da accettare e i posti dell'adesione.`);
    });
    await step(page, "the members of the union and of its municipalities, and the seats they take", async () => {
      const members = page.locator("section", { has: page.getByRole("heading", { name: "Componenti" }) }).locator("tbody tr");
      const names = (await members.locator("td:first-child").allTextContents()).map((n) => n.trim());
      expect(names.sort()).toEqual(["Luca Neri", "Paola Ferri", "Sara Galli"]);
      expect(await members.filter({ hasText: "Luca Neri" }).textContent()).toContain(ALBA);
      // Three accounts and the seeded invitation to Borgo, out of the union's 40 seats.
      expect(await seatsText(page)).toContain("Posti occupati: 4 su 40. Disponibili: 36.");
      expect(await invitationRow(page, "invitato.borgo@coop.example").count()).toBe(1);
    });
    await step(page, `invite a colleague to ${ALBA}`, async () => {
      await page.locator('input[name="email"]').fill(colleague.email);
      await page.locator('input[name="name"]').fill(colleague.name);
      await page.locator('select[name="organizationId"]').selectOption({ label: ALBA });
      await page.getByRole("button", { name: "Invia l'invito" }).click();
      await expectFlash(page, `Invito inviato a ${colleague.email}.`);
      const row = invitationRow(page, colleague.email);
      await expect.poll(() => row.count()).toBe(1);
      expect(await row.textContent()).toContain(colleague.name);
      expect(await row.textContent()).toContain(ALBA);
      expect(await row.locator(".badge").textContent()).toBe("In attesa");
      expect(await seatsText(page)).toContain("Posti occupati: 5 su 40. Disponibili: 35.");
      await checkA11y(page, "colleague invited");
    });
    const { link } = await step(page, "the colleague receives the invitation email", () => emailedLink(app.mail, colleague.email, app.url, "/invitations/"));
    await step(page, "revoke the invitation", async () => {
      await page.getByRole("button", { name: `Revoca l'invito a ${colleague.email}` }).click();
      await expectFlash(page, `Invito a ${colleague.email} revocato.`);
      await expect.poll(() => invitationRow(page, colleague.email).count()).toBe(0);
      expect(await seatsText(page)).toContain("Posti occupati: 4 su 40. Disponibili: 36.");
      await checkA11y(page, "invitation revoked");
    });
    await usingBrowser(async (_colleague, guest) => {
      await step(guest, "the revoked link says so and whom to ask", async () => {
        const response = await guest.goto(link);
        expect(response?.status()).toBe(410);
        await expectHeading(guest, "Invito revocato");
        expect(await guest.getByText(`Per un nuovo invito rivolgiti a ${MANAGER.name} (${MANAGER.email}).`).count()).toBe(1);
        expect(await guest.locator('input[name="password"]').count()).toBe(0);
        await checkA11y(guest, "revoked invitation");
      });
    });
  });

  it("an invited colleague can accept without JavaScript; a weak password keeps the name but not the password", async () => {
    const colleague = { email: "senza.script@comunealbademo.example.it", name: "Bruno Senzascript", password: "Una frase lunga per Alba 2026" };
    await signInQuickly(browser, app.url, MANAGER.email, DEMO_PASSWORD);
    await step(page, "the manager invites the colleague", async () => {
      await visit(page, app.url, "/organization");
      await page.locator('input[name="email"]').fill(colleague.email);
      await page.locator('input[name="name"]').fill(colleague.name);
      await page.locator('select[name="organizationId"]').selectOption({ label: ALBA });
      await page.getByRole("button", { name: "Invia l'invito" }).click();
      await expectFlash(page, `Invito inviato a ${colleague.email}.`);
      await checkA11y(page, "colleague invited");
    });
    const { link } = await emailedLink(app.mail, colleague.email, app.url, "/invitations/");

    await usingBrowser(
      async (_plain, plain) => {
        await step(plain, "open the link with JavaScript disabled", async () => {
          await plain.goto(link);
          await expectHeading(plain, "Crea il tuo account CO-OP");
          expect(await plain.locator(".lead").first().textContent()).toBe(`${MANAGER.name} ti ha invitato a CO-OP come componente di ${ALBA}.`);
          await checkA11y(plain);
        });
        await step(plain, "a too short password is refused by the server; the name stays, the password does not", async () => {
          await plain.locator('input[name="name"]').fill(`${colleague.name} Jr`);
          await plain.locator('input[name="password"]').fill("corta");
          await plain.locator('input[name="confirmPassword"]').fill("corta");
          await Promise.all([plain.waitForLoadState("load"), plain.getByRole("button", { name: "Crea l'account" }).click()]);
          await expect.poll(() => plain.locator("#password-error").textContent().catch(() => null)).toBe("La password deve avere almeno 12 caratteri.");
          expect(await plain.locator('input[name="name"]').inputValue()).toBe(`${colleague.name} Jr`);
          expect(await plain.locator('input[name="password"]').inputValue()).toBe("");
          expect(await plain.content()).not.toContain('value="corta"');
          await checkA11y(plain, "short password, no JavaScript");
        });
        await step(plain, "a good password creates the account and opens the pathway of the union's PLUS kit", async () => {
          await plain.locator('input[name="password"]').fill(colleague.password);
          await plain.locator('input[name="confirmPassword"]').fill(colleague.password);
          await Promise.all([plain.waitForURL(/\/pathway$/), plain.getByRole("button", { name: "Crea l'account" }).click()]);
          await expectHeading(plain, "Il mio percorso");
          expect(await header(plain).textContent()).toContain(`${colleague.name} Jr`);
          expect(await plain.getByRole("heading", { name: "Kit PLUS", level: 2 }).count()).toBe(1);
          expect(await plain.getByText(`Adesione di ${UNION}, che copre anche il personale dei suoi enti membri.`).count()).toBe(1);
          await checkA11y(plain, "pathway after accepting, no JavaScript");
        });
      },
      { javaScriptEnabled: false },
    );
  });
});

describe("members", () => {
  it("a plain member is refused 'La mia organizzazione' with a clear message", async () => {
    await signInQuickly(browser, app.url, "member.plus@coop.example", DEMO_PASSWORD);
    await step(page, "open /organization as Luca Neri", async () => {
      const status = await visit(page, app.url, "/organization");
      expect(status).toBe(403);
      await expectHeading(page, "Accesso non consentito");
      expect(await page.locator("main .lead").first().textContent()).toBe("Questa pagina è riservata ai responsabili di un'organizzazione.");
      expect(await header(page).textContent()).toContain("Luca Neri");
      expect(await mainNavigation(page).getByRole("link", { name: "La mia organizzazione" }).count()).toBe(0);
    });
  });

  it("a BASIC member sees the BASIC pathway: what is included, what is not and the micro-services", async () => {
    await signInQuickly(browser, app.url, "member.basic@coop.example", DEMO_PASSWORD);
    await step(page, "open 'Il mio percorso' from the main menu", async () => {
      await visit(page, app.url, "/");
      await mainNavigation(page).getByRole("link", { name: "Il mio percorso" }).click();
      await page.waitForURL(/\/pathway$/);
      await expectHeading(page, "Il mio percorso");
      await checkA11y(page);
    });
    await step(page, "the BASIC kit of Comune di Castello Demo", async () => {
      const main = page.locator("main");
      expect(await main.locator(".lead").first().textContent()).toBe("Il percorso di formazione di Comune di Castello Demo su CO-OP.");
      const kit = main.locator("section", { has: page.getByRole("heading", { name: "Kit BASIC", level: 2 }) });
      expect(await kit.count()).toBe(1);
      const text = (await kit.textContent()) ?? "";
      expect(text).toContain("Percorso 1: affiancamento con seminario online");
      expect(text).toContain("Adesione di Comune di Castello Demo.");
      const included = kit.locator("h3", { hasText: "Cosa comprende" }).locator("xpath=following-sibling::ul[1]");
      expect(await included.locator("li > :is(a, strong):first-child").allTextContents()).toEqual(["Webinar del percorso", "Registrazioni dei webinar"]);
      expect(await included.textContent()).toContain("(1 webinar)");
      const services = kit.locator("h3", { hasText: "Microservizi OpenPA per il tuo ente" }).locator("xpath=following-sibling::ul[1]");
      expect(await services.locator("li strong").allTextContents()).toEqual(["OpenCity", "OpenNewsletter", "OpenTrasparenza", "OpenDati"]);
      expect(await services.locator("li", { hasText: "OpenTrasparenza" }).textContent()).toContain("(Richiesto)");
      const openCity = services.getByRole("link", { name: "Apri OpenCity" });
      expect(await openCity.getAttribute("href")).toBe("https://www.comunecastellodemo.example.it");
    });
    await step(page, "what BASIC does not include, and which kits do", async () => {
      const missing = page.locator("section", { has: page.getByRole("heading", { name: "Non compreso nel tuo kit" }) }).locator("li");
      expect(await missing.allTextContents()).toEqual([
        "Laboratorio di Community Building: compreso nei kit INTERMEDIATE, PLUS.",
        "Piattaforma di comunità: compreso nei kit PLUS.",
        "Analisi dei bisogni formativi: compreso nei kit PLUS.",
      ]);
    });
  });
});
