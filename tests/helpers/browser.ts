// Debian's Chromium driven by playwright-core (no downloaded browsers), axe-core accessibility checks,
// and small helpers that make a failing end-to-end step say what the page showed.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext, type Page, type Route } from "playwright-core";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SCREENSHOT_DIR = path.join(ROOT, "test-results/e2e");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

let axeSource: string | undefined;

export type Browser = {
  context: BrowserContext;
  /** A new tab whose visited pages are tracked: `close()` fails if one was never checked with `checkA11y`. */
  newPage(): Promise<Page>;
  /** Closes the browser, then fails if a visited page was not checked or a page threw/broke the CSP. */
  close(): Promise<void>;
};

type PageRecord = {
  visited: Set<string>;
  checked: Set<string>;
  errors: string[];
  /** Without JavaScript axe cannot run in the page itself; a scripted tab checks a copy of its markup. */
  checker?: () => Promise<Page>;
};
const records = new WeakMap<Page, PageRecord>();

/** Pages are identified by path and query; the fragment does not make a new page. */
function pageKey(url: string) {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
}

type LaunchOptions = {
  locale?: string;
  javaScriptEnabled?: boolean;
  /** Accept the throwaway self-signed certificate of a test's TLS proxy. */
  ignoreHTTPSErrors?: boolean;
};

async function launchContext(profile: string, options: LaunchOptions) {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    locale: options.locale ?? "it-IT",
    timezoneId: "Europe/Rome",
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    ignoreHTTPSErrors: options.ignoreHTTPSErrors ?? false,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  context.setDefaultTimeout(10_000);
  return context;
}

/** `javaScriptEnabled: false` checks that pages and forms work without scripts. */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const profile = mkdtempSync(path.join(os.tmpdir(), "coop-chromium-"));
  const context = await launchContext(profile, options);
  const pages: Page[] = [];
  const withoutScripts = options.javaScriptEnabled === false;

  // Chromium runs no evaluation at all in a page whose scripts are disabled, so axe runs in a second,
  // scripted browser on a script-free copy of the page's markup (same URL, so styles load the same).
  const checkerProfile = withoutScripts ? mkdtempSync(path.join(os.tmpdir(), "coop-chromium-")) : undefined;
  let checkerContext: Promise<BrowserContext> | undefined;
  let checkerPage: Promise<Page> | undefined;
  const checker = () => (checkerPage ??= (checkerContext ??= launchContext(checkerProfile!, { locale: options.locale, ignoreHTTPSErrors: options.ignoreHTTPSErrors })).then((c) => c.newPage()));

  function track(page: Page) {
    const record: PageRecord = { visited: new Set(), checked: new Set(), errors: [], checker: withoutScripts ? checker : undefined };
    records.set(page, record);
    pages.push(page);
    page.on("framenavigated", (frame) => {
      if (frame === page.mainFrame() && frame.url().startsWith("http")) record.visited.add(pageKey(frame.url()));
    });
    page.on("pageerror", (error) => record.errors.push(`${pageKey(page.url())}: uncaught ${error.message}`));
    page.on("console", (message) => {
      // CSP refusals show up only in the console; they mean a script or style the app needs was blocked.
      if (message.type() === "error" && /Content Security Policy/i.test(message.text())) record.errors.push(`${pageKey(page.url())}: ${message.text()}`);
    });
    return page;
  }

  // A persistent context opens with one blank tab; use it first.
  const initial = context.pages();

  return {
    context,
    async newPage() {
      const blank = initial.shift();
      return track(blank ?? (await context.newPage()));
    },
    async close() {
      const problems: string[] = [];
      for (const page of pages) {
        const record = records.get(page);
        if (!record) continue;
        const unchecked = [...record.visited].filter((key) => !record.checked.has(key));
        if (unchecked.length) problems.push(`pages visited but never checked with checkA11y: ${unchecked.join(", ")}`);
        problems.push(...record.errors);
      }
      await context.close();
      if (checkerContext) await (await checkerContext).close();
      for (const dir of [profile, checkerProfile]) if (dir) rmSync(dir, { recursive: true, force: true });
      if (problems.length) throw new Error(`Browser session problems:\n- ${problems.join("\n- ")}`);
    },
  };
}

type AxeResult = { id: string; impact: string | null; help: string; helpUrl: string; nodes: { target: unknown[]; failureSummary?: string }[] };

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA) on the current page and throws a readable list of violations.
 * The app sends a strict CSP (scripts need a nonce), so axe is evaluated through the DevTools protocol,
 * which CSP does not govern, instead of being added as a <script> tag.
 */
export async function checkA11y(page: Page, label = "") {
  await page.waitForLoadState("load");
  const record = records.get(page);
  const violations = record?.checker ? await runAxeOnCopy(page, await record.checker()) : await runAxe(page);
  record?.checked.add(pageKey(page.url()));
  if (violations.length === 0) return;
  const where = `${pageKey(page.url())}${label ? ` (${label})` : ""}`;
  const lines = violations.map(
    (v) =>
      `- ${v.id} [${v.impact ?? "?"}]: ${v.help} (${v.helpUrl})\n` +
      v.nodes
        .slice(0, 5)
        .map((node) => `    at ${JSON.stringify(node.target)}${node.failureSummary ? `: ${node.failureSummary.replace(/\s+/g, " ")}` : ""}`)
        .join("\n") +
      (v.nodes.length > 5 ? `\n    … and ${v.nodes.length - 5} more` : ""),
  );
  const shot = await screenshot(page, `a11y-${where}`);
  throw new Error(`Accessibility violations on ${where} (screenshot: ${shot}):\n${lines.join("\n")}`);
}

async function runAxe(page: Page): Promise<AxeResult[]> {
  axeSource ??= readFileSync(path.join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8");
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== "undefined");
  if (!loaded) await page.evaluate(`${axeSource}\n;void 0`);
  return (await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: unknown[] }> } }).axe;
    const results = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return results.violations;
  }, AXE_TAGS)) as AxeResult[];
}

async function runAxeOnCopy(page: Page, checker: Page): Promise<AxeResult[]> {
  const url = page.url();
  const markup = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, "").replace(/<link\b[^>]*rel="modulepreload"[^>]*>/gi, "");
  const serveCopy = (route: Route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: markup });
  await checker.route(url, serveCopy);
  try {
    await checker.goto(url);
    return await runAxe(checker);
  } finally {
    await checker.unroute(url, serveCopy);
  }
}

/** Goes to `pathname` on `baseUrl` and checks the page's accessibility. Returns the HTTP status. */
export async function visit(page: Page, baseUrl: string, pathname: string) {
  const response = await page.goto(new URL(pathname, baseUrl).toString());
  await checkA11y(page);
  return response?.status() ?? 0;
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name.replace(/[^a-z0-9._-]+/gi, "_").slice(0, 100)}-${Date.now()}.png`);
  await page.screenshot({ path: file, fullPage: true }).catch(() => {});
  return file;
}

/** The page's main heading and any alerts: what a user would read first. */
export async function pageSummary(page: Page) {
  const heading = await page.locator("h1").first().textContent({ timeout: 1000 }).catch(() => null);
  const alerts = await page.locator('[role="alert"], [role="status"], .alert').allTextContents().catch(() => []);
  return `URL ${page.url()}; h1: ${JSON.stringify(heading?.trim() ?? null)}; alerts: ${JSON.stringify(alerts.map((a) => a.trim()).filter(Boolean))}`;
}

/**
 * Runs one user-visible step; on failure the error names the step, what the page showed and where the
 * screenshot is, so a red run can be understood without re-running it.
 */
export async function step<T>(page: Page, title: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const summary = await pageSummary(page);
    const shot = await screenshot(page, title);
    const failure = new Error(`Step "${title}" failed: ${(error as Error).message}\n  Page: ${summary}\n  Screenshot: ${shot}`);
    failure.stack = `${failure.message}\n${(error as Error).stack ?? ""}`;
    throw failure;
  }
}
