// Shared steps for the end-to-end suites: signing in and out through the real pages.
import { afterAll, afterEach, beforeAll, beforeEach, expect } from "vitest";
import type { Page } from "playwright-core";
import { checkA11y, launchBrowser, step, type Browser } from "../helpers/browser.ts";
import type { SmtpCapture } from "../helpers/smtp.ts";
import { startApp, type RunningApp } from "../helpers/server.ts";

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

// ---- Helpers for the organization, enrolment and invitation suites ----

/**
 * Signs a browser in by posting the sign-in form through the browser's own cookie jar, without
 * opening pages. For tests whose subject is not signing in (that is covered through the real
 * pages above and in auth.test.ts); it saves two page loads and two axe runs per test.
 */
export async function signInQuickly(browser: Browser, baseUrl: string, email: string, password: string) {
  const response = await browser.context.request.post(`${baseUrl}/login`, {
    form: { email, password },
    headers: { Origin: baseUrl },
    maxRedirects: 0,
  });
  if (response.status() !== 302) {
    throw new Error(`Signing in ${email} answered ${response.status()} instead of a redirect: ${(await response.text()).slice(0, 300)}`);
  }
}

/**
 * A second browser for someone else (an invited person, a member), closed at the end. If `run`
 * fails, its error is the one reported, not a follow-up complaint from closing the browser.
 */
export async function usingBrowser<T>(run: (browser: Browser, page: Page) => Promise<T>, options: { javaScriptEnabled?: boolean } = {}): Promise<T> {
  const browser = await launchBrowser(options);
  let result: T;
  try {
    result = await run(browser, await browser.newPage());
  } catch (error) {
    await browser.close().catch(() => {});
    throw error;
  }
  await browser.close();
  return result;
}

/** Waits until the page's main heading reads `text` (client-side navigations finish asynchronously). */
export async function expectHeading(page: Page, text: string | RegExp) {
  const read = async () => (await page.locator("h1").first().textContent({ timeout: 2000 }).catch(() => ""))?.trim() ?? "";
  if (typeof text === "string") await expect.poll(read, { timeout: 10_000 }).toBe(text);
  else await expect.poll(read, { timeout: 10_000 }).toMatch(text);
}

/** Waits for the flash message (the alert at the top of the page after an action). */
export async function expectFlash(page: Page, text: string) {
  await expect.poll(async () => (await page.locator(".alert").allTextContents()).map((a) => a.trim()), { timeout: 10_000 }).toContain(text);
}

/** The text next to `term` in a page's definition list (<dt>term</dt><dd>value</dd>). */
export async function definition(page: Page, term: string) {
  const row = page.locator("dl > div").filter({ has: page.locator("dt", { hasText: new RegExp(`^\\s*${term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*$`) }) });
  return ((await row.locator("dd").first().textContent()) ?? "").trim();
}

/** Waits for the email to `address` and returns the first link in its text that starts with `baseUrl + pathPrefix`. */
export async function emailedLink(mail: SmtpCapture, address: string, baseUrl: string, pathPrefix: string) {
  const message = await mail.waitForMessage((m) => (Array.isArray(m.to) ? m.to : [m.to]).some((to) => to?.text.toLowerCase().includes(address.toLowerCase())), 20_000);
  const escaped = `${baseUrl}${pathPrefix}`.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const link = message.text?.match(new RegExp(`${escaped}[A-Za-z0-9_-]+`))?.[0];
  if (!link) throw new Error(`No ${pathPrefix} link in the email to ${address}:\n${message.text}`);
  return { link, message };
}

/** A calendar day in Rome (YYYY-MM-DD), `offsetDays` from today. */
export function romeDayFromToday(offsetDays = 0) {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Rome", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  const [y, m, d] = today.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + offsetDays)).toISOString().slice(0, 10);
}

/** `day` plus `months` calendar months, clamped to the month's last day (31 May + 9 months = 28/29 February). */
export function addCalendarMonths(day: string, months: number) {
  const [y, m, d] = day.split("-").map(Number);
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

/** A calendar day as the Italian pages write it: "23 agosto 2027". */
export function italianDate(day: string) {
  const [y, m, d] = day.split("-").map(Number);
  return new Intl.DateTimeFormat("it-IT", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, d, 12)));
}

export type E2eSession = { app: RunningApp; browser: Browser; page: Page };

/**
 * One app per test file and a fresh browser (cookies, language) per test, so one failure does not
 * cascade into the next. Closing the browser fails the test if a page it visited was never checked
 * with axe, or a page threw or broke the CSP. The returned object is filled in by the hooks.
 */
export function appWithFreshBrowser(): E2eSession {
  const session = {} as E2eSession;
  beforeAll(async () => {
    session.app = await startApp();
  });
  afterAll(async () => {
    await session.app?.stop();
  });
  beforeEach(async () => {
    session.browser = await launchBrowser();
    session.page = await session.browser.newPage();
  });
  afterEach(async () => {
    await session.browser?.close();
  });
  return session;
}
