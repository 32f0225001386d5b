// Shared steps for the end-to-end suites: signing in and out through the real pages.
import { expect } from "vitest";
import type { Page } from "playwright-core";
import { checkA11y, step } from "../helpers/browser.ts";

export { DEMO_PASSWORD } from "../../prisma/seed.ts";

/** Demo accounts (prisma/seed.ts) with the name their header shows and whether they administer the platform. */
export const DEMO_ACCOUNTS = [
  { email: "admin@coop.example", name: "Anna Amministratrice", admin: true },
  { email: "tutor@coop.example", name: "Tommaso Tutor", admin: false },
  { email: "manager.plus@coop.example", name: "Paola Ferri", admin: false },
  { email: "member.plus@coop.example", name: "Luca Neri", admin: false },
  { email: "member.basic@coop.example", name: "Marco Riva", admin: false },
] as const;

export function header(page: Page) {
  return page.locator("header").first();
}

export function mainNavigation(page: Page) {
  return page.getByRole("navigation", { name: /Menu principale|Main menu/ });
}

/** Fills and submits the sign-in form; does not assert the outcome. */
export async function submitLogin(page: Page, baseUrl: string, email: string, password: string) {
  await step(page, `open /login for ${email}`, async () => {
    await page.goto(`${baseUrl}/login`);
    await checkA11y(page);
  });
  await step(page, `submit the sign-in form as ${email}`, async () => {
    await page.locator('input[name="email"]').fill(email);
    await page.locator('input[name="password"]').fill(password);
    await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: /^(Accedi|Sign in)$/ }).click()]);
  });
}

/** Signs in and waits until the header shows the account's name. */
export async function signIn(page: Page, baseUrl: string, account: { email: string; name: string }, password: string) {
  await submitLogin(page, baseUrl, account.email, password);
  await step(page, `see ${account.name} in the header after signing in`, async () => {
    await expect.poll(() => header(page).textContent(), { timeout: 10_000 }).toContain(account.name);
    await checkA11y(page, "signed in");
  });
}

export async function signOut(page: Page) {
  await step(page, "sign out", async () => {
    await header(page).getByRole("button", { name: /^(Esci|Sign out)$/ }).click();
    await expect.poll(() => header(page).getByRole("link", { name: /^(Accedi|Sign in)$/ }).count(), { timeout: 10_000 }).toBe(1);
    await checkA11y(page, "signed out");
  });
}
