// The page walk: every page of tests/e2e/pages.ts as each demo account that can see it, in Italian
// and in English, checked for what a user notices: accessibility (axe, WCAG 2.1 AA), labels that run
// into other elements (measured in Chromium), raw "{{placeholders}}", and a <title> in the page's
// language. One app and one browser for the whole walk; each account signs in once.
import Database from "better-sqlite3";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkA11y, launchBrowser, type Browser } from "../helpers/browser.ts";
import { startApp, type RunningApp } from "../helpers/server.ts";
import { resources } from "../../app/lib/i18n/resources.ts";
import { DEMO_PASSWORD, signInQuickly } from "./support.ts";
import { WALK_PAGES, WALKERS, type DemoIds, type Walker, type WalkPage } from "./pages.ts";
import { insertRoomWebinar } from "./webinar-fixtures.ts";

let app: RunningApp;
let browser: Browser;
let page: Page;
let ids: DemoIds;

beforeAll(async () => {
  app = await startApp();
  const file = app.databaseUrl.replace(/^file:/, "");
  insertRoomWebinar(file);
  const sqlite = new Database(file, { readonly: true });
  const one = (sql: string, ...params: string[]) => (sqlite.prepare(sql).get(...params) as { id: string } | undefined)?.id ?? "missing";
  ids = {
    unionId: one(`SELECT id FROM "Organization" WHERE "ipaCode" = ?`, "demo_uvd"),
    municipalityId: one(`SELECT id FROM "Organization" WHERE "ipaCode" = ?`, "demo_castello"),
    enrolmentId: one(`SELECT e.id FROM "Enrolment" e JOIN "Organization" o ON o.id = e."organizationId" WHERE o."ipaCode" = ?`, "demo_uvd"),
    memberUserId: one(`SELECT id FROM "User" WHERE email = ?`, "member.plus@coop.example"),
    surveyId: one(`SELECT id FROM "Survey" WHERE kind = ?`, "TRAINING_NEEDS"),
    filesFolderId: one(`SELECT id FROM "CommunityFolder" WHERE name = ?`, "Modelli e documenti"),
    labId: one(`SELECT id FROM "Lab" ORDER BY "createdAt" LIMIT 1`),
    labActivityId: one(`SELECT id FROM "LabActivity" ORDER BY "createdAt" LIMIT 1`),
    labSessionId: one(`SELECT id FROM "LabSession" WHERE "confirmedAt" IS NOT NULL ORDER BY "startsAt" LIMIT 1`),
  };
  sqlite.close();
  browser = await launchBrowser();
  page = await browser.newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Italian strings whose English differs: an English page titled with one of them is untranslated. */
const italianOnly = (() => {
  const found = new Set<string>();
  const walk = (it: unknown, en: unknown) => {
    if (typeof it === "string") {
      if (it !== en) found.add(it);
    } else if (it && typeof it === "object") for (const [k, v] of Object.entries(it)) walk(v, (en as Record<string, unknown> | undefined)?.[k]);
  };
  walk(resources.it, resources.en);
  return found;
})();

/** Every visible label whose box intersects another visible element's (not its own parts or containers). */
function labelOverlaps(page: Page) {
  return page.evaluate(() => {
    const shown = (el: Element) => {
      const box = el.getBoundingClientRect();
      if (box.width < 2 || box.height < 2) return false;
      // The body of a closed <details> is skipped by rendering (content-visibility), yet measuring
      // it lays it out at full size: checkVisibility knows it is not on screen.
      if (!el.checkVisibility()) return false;
      const style = getComputedStyle(el);
      if (style.visibility === "hidden" || style.display === "none" || Number(style.opacity) === 0) return false;
      // Visually hidden text for screen readers (clip / 1px boxes) is not on screen.
      return !(style.position === "absolute" && style.clip !== "auto" && style.clip !== "");
    };
    const describe = (el: Element) => {
      const text = (el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 40);
      return `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.getAttribute("name") ? ` name=${el.getAttribute("name")}` : ""}>${text ? ` "${text}"` : ""}`;
    };
    const others = [...document.querySelectorAll("h1,h2,h3,h4,h5,h6,p,li,dt,dd,label,legend,input,select,textarea,button,a,.alert,small,.invalid-feedback,table,img,svg")].filter(shown);
    const found: string[] = [];
    for (const label of document.querySelectorAll("label")) {
      if (!shown(label)) continue;
      const a = label.getBoundingClientRect();
      const control = (label as HTMLLabelElement).control as HTMLInputElement | null;
      for (const other of others) {
        if (other === label || label.contains(other) || other.contains(label)) continue;
        // Bootstrap Italia draws checkboxes and radios inside their label, over the real (hidden) input.
        if (other === control && (control.type === "checkbox" || control.type === "radio")) continue;
        const b = other.getBoundingClientRect();
        const width = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const height = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (width > 1 && height > 1) found.push(`${describe(label)} overlaps ${describe(other)} by ${Math.round(width)}×${Math.round(height)} px`);
      }
    }
    return found;
  });
}

/** Text set in a serif face (Bootstrap Italia's Lora for callouts); the app writes in Titillium Web. */
function serifText(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("main p, main li, main dd, main td, main h1, main h2, main h3, main label")]
      .filter((el) => {
        const family = getComputedStyle(el).fontFamily.split(",")[0].trim().replace(/"/g, "").toLowerCase();
        return (el.textContent ?? "").trim() !== "" && (family === "lora" || family === "georgia" || family === "serif");
      })
      .map((el) => `<${el.tagName.toLowerCase()}> "${(el.textContent ?? "").trim().slice(0, 40)}"`),
  );
}

/** Fields side by side in a form row (cells on the same line) whose inputs and selects start at different heights. */
function misalignedFields(page: Page) {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const row of document.querySelectorAll("form .row, form.row")) {
      const cells = [...row.children]
        .map((cell) => ({ box: cell.getBoundingClientRect(), control: cell.querySelector("input:not([type=hidden]):not([type=checkbox]):not([type=radio]), select, textarea") }))
        .filter((cell) => cell.control && cell.box.height > 0)
        .sort((a, b) => a.box.top - b.box.top);
      // Cells whose boxes share a horizontal band are one visual line, however the row aligns them.
      const lines: (typeof cells)[] = [];
      for (const cell of cells) {
        const line = lines.at(-1);
        if (line && cell.box.top < Math.max(...line.map((other) => other.box.bottom)) - 1) line.push(cell);
        else lines.push([cell]);
      }
      for (const line of lines) {
        const tops = line.map((cell) => cell.control!.getBoundingClientRect().top);
        if (line.length > 1 && Math.max(...tops) - Math.min(...tops) > 2) {
          found.push(line.map((cell, index) => `${cell.control!.getAttribute("name")}@${Math.round(tops[index])}`).join(", "));
        }
      }
    }
    return found;
  });
}

async function switchLanguage(locale: "it" | "en") {
  const response = await browser.context.request.post(`${app.url}/language`, { form: { locale, redirectTo: "/" }, headers: { Origin: app.url }, maxRedirects: 0 });
  expect(response.status()).toBe(302);
}

/** Checks the page as it is now; returns the problems found (empty when all is well). */
async function inspect(where: string, locale: "it" | "en", italianTitle?: string): Promise<{ problems: string[]; title: string }> {
  const problems: string[] = [];
  await checkA11y(page, where).catch((error: Error) => problems.push(error.message.split("\n").slice(0, 6).join("\n")));
  for (const overlap of await labelOverlaps(page)) problems.push(`label overlap: ${overlap}`);
  for (const serif of await serifText(page)) problems.push(`serif text unlike the rest of the page: ${serif}`);
  for (const row of await misalignedFields(page)) problems.push(`fields side by side do not line up: ${row}`);
  const text = await page.evaluate(() => document.body.innerText);
  if (text.includes("{{")) problems.push(`raw placeholder in the text: …${text.slice(Math.max(0, text.indexOf("{{") - 60), text.indexOf("{{") + 30)}…`);
  const title = await page.title();
  const lang = await page.locator("html").getAttribute("lang");
  if (lang !== locale) problems.push(`<html lang="${lang}">, expected ${locale}`);
  if (!title.trim() || title.trim() === "CO-OP") problems.push(`the title is only ${JSON.stringify(title)}`);
  if (title.includes("{{")) problems.push(`raw placeholder in the title: ${title}`);
  if (locale === "en") {
    const name = title.replace(/ · CO-OP$/, "");
    if (italianOnly.has(name) || (italianTitle !== undefined && italianTitle === title)) problems.push(`Italian title in English mode: ${JSON.stringify(title)}`);
  }
  return { problems: problems.map((p) => `${where}: ${p}`), title };
}

async function walkPage(entry: WalkPage, locale: "it" | "en", titles: Map<string, string>) {
  const path = typeof entry.path === "function" ? entry.path(ids) : entry.path;
  const where = `${entry.name} (${path}, ${locale})`;
  const response = await page.goto(`${app.url}${path}`);
  const problems: string[] = [];
  const status = response?.status() ?? 0;
  if (status !== (entry.status ?? 200)) problems.push(`${where}: HTTP ${status}, expected ${entry.status ?? 200}`);
  if (!entry.submit) {
    const seen = await inspect(where, locale, titles.get(entry.name));
    titles.set(entry.name, seen.title);
    return [...problems, ...seen.problems];
  }
  // A page after a failed submission: the form with its errors is what is checked.
  await checkA11y(page, where).catch(() => {}); // the blank form has its own entry
  await entry.submit(page);
  const seen = await inspect(`${where} after submitting`, locale, titles.get(entry.name));
  titles.set(entry.name, seen.title);
  return [...problems, ...seen.problems];
}

// WALK_ONLY=/files,/labs walks only the pages whose path or name starts with one of these (a
// developer's quick check of their own pages; CI always walks everything).
function onlyFilter(entry: WalkPage): boolean {
  const prefixes = (process.env.WALK_ONLY ?? "").split(",").map((prefix) => prefix.trim()).filter(Boolean);
  if (prefixes.length === 0) return true;
  const path = typeof entry.path === "string" ? entry.path : entry.name;
  return prefixes.some((prefix) => path.startsWith(prefix) || entry.name.startsWith(prefix));
}

describe("every page, as every account that sees it, in Italian and English", () => {
  it.each(Object.keys(WALKERS) as Walker[])("as %s", async (walker) => {
    await browser.context.clearCookies();
    const email = WALKERS[walker];
    if (email) await signInQuickly(browser, app.url, email, DEMO_PASSWORD);
    const pages = WALK_PAGES.filter((entry) => entry.as.includes(walker) && onlyFilter(entry));
    if (process.env.WALK_ONLY && pages.length === 0) return;
    expect(pages.length).toBeGreaterThan(0);
    const titles = new Map<string, string>();
    const problems: string[] = [];
    for (const locale of ["it", "en"] as const) {
      await switchLanguage(locale);
      for (const entry of pages) problems.push(...(await walkPage(entry, locale, titles)));
    }
    // Leave the account in Italian, as the seed made it.
    await switchLanguage("it");
    expect(problems).toEqual([]);
  }, 240_000);
});
