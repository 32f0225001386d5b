// The XSS corpus rendered by the markdown renderer, all on one page, in Chromium: no dialog may
// open while the page loads, images fail, and every element is hovered, focused and clicked.
// The page is served WITHOUT the app's CSP on purpose: the renderer alone must make it inert
// (the CSP is a further line, not this one). A control page with the same payloads rendered
// unsafely proves the dialog listener would notice.
import http from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import MarkdownIt from "markdown-it";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { renderMarkdown } from "~/lib/markdown/markdown.server.ts";
import { XSS_CORPUS } from "../fixtures/xss-corpus.ts";

const people: Record<string, { href: string; label: string }> = { anna: { href: "/people/anna", label: "anna" } };

function pageOf(render: (source: string) => string) {
  const sections = XSS_CORPUS.map((payload, index) => `<section id="p${index}"><h2>Payload ${index}</h2>\n${render(payload)}</section>`).join("\n");
  return `<!doctype html><html lang="it"><head><meta charset="utf-8"><title>Corpus</title></head><body><main>${sections}</main></body></html>`;
}

const pages: Record<string, string> = {
  "/safe": pageOf((source) => renderMarkdown(source, { resolveMention: (handle) => people[handle] ?? null })),
  // What the corpus would do with raw HTML on, every link scheme allowed and no sanitizer.
  "/unsafe": pageOf((source) => {
    const unsafe = new MarkdownIt({ html: true });
    unsafe.validateLink = () => true;
    return unsafe.render(source);
  }),
};

let server: http.Server;
let base: string;
let profile: string;
let context: BrowserContext;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const body = pages[new URL(request.url ?? "/", "http://x").pathname];
    response.writeHead(body ? 200 : 404, { "Content-Type": "text/html; charset=utf-8" });
    response.end(body ?? "not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  profile = mkdtempSync(path.join(os.tmpdir(), "coop-xss-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  context.setDefaultTimeout(5_000);
});

afterAll(async () => {
  await context?.close();
  await new Promise((resolve) => server?.close(resolve));
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** Loads the page, pokes every element, and returns the dialogs that opened. */
async function dialogsOn(pathname: string) {
  const page: Page = await context.newPage();
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  // Navigations away (a clicked link) are stopped, so every click happens on this page.
  await page.route("**/*", (route) => (route.request().isNavigationRequest() && route.request().url() !== `${base}${pathname}` ? route.abort() : route.continue()));
  await page.goto(`${base}${pathname}`, { waitUntil: "load" });
  // Every element gets the events inline handlers listen for, then every link is clicked
  // through the DOM (a javascript: URL would run right here). One evaluation: fast and complete.
  await page.evaluate(() => {
    const events = ["mouseover", "mouseenter", "mousemove", "pointerover", "focus", "focusin", "toggle", "animationstart", "transitionend"];
    for (const element of Array.from(document.querySelectorAll("main *"))) {
      for (const type of events) element.dispatchEvent(new Event(type, { bubbles: true }));
      (element as HTMLElement).focus?.();
    }
    for (const link of Array.from(document.querySelectorAll("main a"))) (link as HTMLElement).click();
  });
  await page.waitForTimeout(300);
  await page.close();
  return dialogs;
}

describe("markdown in Chromium", () => {
  it("the listener catches dialogs from the corpus rendered unsafely (control)", async () => {
    const dialogs = await dialogsOn("/unsafe");
    // Raw HTML payloads that run on load or on events, and javascript: links that run on click.
    expect(dialogs.length).toBeGreaterThanOrEqual(5);
  });

  it(`opens no dialog for any of the ${XSS_CORPUS.length} payloads rendered by the app's renderer`, async () => {
    expect(await dialogsOn("/safe")).toEqual([]);
  });
});
