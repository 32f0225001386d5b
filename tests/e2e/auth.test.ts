// Signing in and out as each demo role, forms that keep what was typed, and the emailed password reset.
import { beforeEach, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { RunningApp } from "../helpers/server.ts";
import { checkA11y, launchBrowser, step } from "../helpers/browser.ts";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, header, mainNavigation, signIn, signOut, submitLogin, appWithFreshBrowser } from "./support.ts";

let app: RunningApp;
let page: Page;

// One app for this file, a fresh browser per test (see appWithFreshBrowser).
const session = appWithFreshBrowser();
beforeEach(() => {
  ({ app, page } = session);
});

describe("signing in", () => {
  for (const account of DEMO_ACCOUNTS) {
    it(`${account.email} sees their name and ${account.admin ? "the administration link" : "no administration link"}`, async () => {
      await signIn(page, app.url, account, DEMO_PASSWORD);
      await step(page, `check the navigation of ${account.email}`, async () => {
        const adminLinks = mainNavigation(page).getByRole("link", { name: "Amministrazione" });
        expect(await adminLinks.count()).toBe(account.admin ? 1 : 0);
      });
      await signOut(page);
      await step(page, "the header no longer shows the name after signing out", async () => {
        expect(await header(page).textContent()).not.toContain(account.name);
      });
    });
  }

  it("keeps the email and explains the error when the password is wrong", async () => {
    const email = "member.plus@coop.example";
    await submitLogin(page, app.url, email, "not-the-right-password");
    await step(page, "see the error with the email still filled in", async () => {
      await expect.poll(() => page.getByText("Email o password non corretti.").count()).toBeGreaterThan(0);
      expect(await page.locator('input[name="email"]').inputValue()).toBe(email);
      expect(await header(page).textContent()).not.toContain("Luca Neri");
      await checkA11y(page, "wrong password");
    });
  });

  it("works without JavaScript, and a refused form keeps the email but never echoes the password", async () => {
    const noScript = await launchBrowser({ javaScriptEnabled: false });
    try {
      const plain = await noScript.newPage();
      const account = DEMO_ACCOUNTS[3];
      await submitLogin(plain, app.url, account.email, "not-the-right-password");
      await step(plain, "the server-rendered error page keeps the email only", async () => {
        expect(await plain.getByText("Email o password non corretti.").count()).toBeGreaterThan(0);
        expect(await plain.locator('input[name="email"]').inputValue()).toBe(account.email);
        expect(await plain.locator('input[name="password"]').inputValue()).toBe("");
        expect(await plain.content()).not.toContain("not-the-right-password");
        await checkA11y(plain, "wrong password, no JavaScript");
      });
      await signIn(plain, app.url, account, DEMO_PASSWORD);
      await signOut(plain);
    } finally {
      await noScript.close();
    }
  });
});

describe("password reset by email", () => {
  const account = DEMO_ACCOUNTS[4];
  const newPassword = "Nuova-Password-Del-Comune-2027";
  let resetLink = "";

  it("sends a link that sets a new password, which then signs in", async () => {
    await step(page, "follow 'Password dimenticata?' from the sign-in page", async () => {
      await page.goto(`${app.url}/login`);
      await checkA11y(page);
      await page.getByRole("link", { name: "Password dimenticata?" }).click();
      await page.waitForURL(/\/forgot-password$/);
      await checkA11y(page);
    });
    await step(page, "ask for a reset link", async () => {
      await page.locator('input[name="email"]').fill(account.email);
      await page.getByRole("button", { name: "Invia il link" }).click();
      await expect.poll(() => page.getByRole("status").textContent()).toMatch(/riceverai a breve un'email/);
      await checkA11y(page, "link requested");
    });
    const message = await step(page, "receive the email", () =>
      // The reset email, not any other mail the demo data sends the account (survey invitations go out as the app starts).
      app.mail.waitForMessage((m) => (Array.isArray(m.to) ? m.to : [m.to]).some((to) => to?.text.includes(account.email)) && Boolean(m.text?.includes("/reset-password/")), 20_000),
    );
    resetLink = message.text?.match(/https?:\/\/\S+\/reset-password\/[A-Za-z0-9_-]+/)?.[0] ?? "";
    expect(resetLink, `reset link in the email text:\n${message.text}`).toMatch(new RegExp(`^${app.url}/reset-password/`));

    // Opened from a mail client, possibly without JavaScript: the form posts as a plain document.
    const noScript = await launchBrowser({ javaScriptEnabled: false });
    try {
      const plain = await noScript.newPage();
      await step(plain, "open the emailed link without JavaScript and set a new password", async () => {
        await plain.goto(resetLink);
        await checkA11y(plain);
        await plain.locator('input[name="password"]').fill(newPassword);
        await plain.locator('input[name="confirmPassword"]').fill(newPassword);
        await plain.getByRole("button", { name: "Imposta la nuova password" }).click();
        await plain.waitForURL(/\/login$/);
        expect(await plain.getByText(/Password aggiornata/).count()).toBeGreaterThan(0);
        await checkA11y(plain, "password reset done");
      });
    } finally {
      await noScript.close();
    }
    await signIn(page, app.url, account, newPassword);
    await signOut(page);

    await step(page, "the old password no longer works", async () => {
      await submitLogin(page, app.url, account.email, DEMO_PASSWORD);
      await expect.poll(() => page.getByText("Email o password non corretti.").count()).toBeGreaterThan(0);
      await checkA11y(page, "old password refused");
    });
  });

  it("says the link is no longer valid when it is opened again", async () => {
    expect(resetLink).not.toBe("");
    await step(page, "open the used link again", async () => {
      const response = await page.goto(resetLink);
      expect(response?.status()).toBe(410);
      expect(await page.locator("h1").textContent()).toBe("Link non più valido");
      expect(await page.locator('input[name="password"]').count()).toBe(0);
      await checkA11y(page, "used link");
    });
  });
});
