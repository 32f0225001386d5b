// The replay's chat and Q&A archive and a badge, end to end in Chromium: a member watching the
// recording clicks an answered question and the player seeks to its moment; their training page
// shows the badge earned for the webinar, whose public page and baked image open. axe-core checks
// every page.
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { createDb, type Db } from "~/lib/db.server.ts";
import { checkA11y, step, visit } from "../helpers/browser.ts";
import { startApp, type RunningApp } from "../helpers/server.ts";
import { DEMO_PASSWORD, signInQuickly, usingBrowser } from "./support.ts";

const FIXTURE = path.resolve(__dirname, "../fixtures/tiny.mp4");
const SLUG = "e2e-archivio";
let app: RunningApp;
let db: Db;
let webinarId = "";

beforeAll(async () => {
  app = await startApp();
  db = createDb(app.databaseUrl);
  const start = new Date(Date.now() - 3 * 24 * 3600 * 1000);
  const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
  const webinar = await db.webinar.create({
    data: { slug: SLUG, title: "Archivio delle domande", description: "", status: "ENDED", startsAt: start, durationMinutes: 90, audience: "PUBLIC", roomName: SLUG, liveStartedAt: start, liveEndedAt: at(90) },
  });
  webinarId = webinar.id;
  const luca = await db.user.findUniqueOrThrow({ where: { email: "member.plus@coop.example" } });
  await db.webinarAttendance.create({ data: { webinarId, userId: luca.id, participantSid: "PA_arch", joinedAt: at(0), leftAt: at(90) } });
  await db.webinarChatMessage.create({ data: { webinarId, authorName: "Carla Chat", body: "Buongiorno dalla chat", createdAt: new Date(start.getTime() + 1000) } });
  await db.webinarChatMessage.create({ data: { webinarId, authorName: "Troll", body: "messaggio nascosto", createdAt: new Date(start.getTime() + 2000), hiddenAt: at(1) } });
  await db.webinarQuestion.create({
    data: { webinarId, authorName: "Segreto", anonymous: true, body: "Quando esce il bando?", state: "ANSWERED_LIVE", createdAt: new Date(start.getTime() + 1500), liveAnsweredAt: new Date(start.getTime() + 4000) },
  });
  await db.pathway.create({ data: { title: "Archivio digitale", description: "Ha seguito il webinar sull'archivio.", criteria: { create: [{ kind: "WEBINAR_CERTIFICATE", webinarId }] } } });
});
afterAll(async () => {
  await db?.$disconnect();
  await app?.stop();
});

const currentTime = (page: Page) => page.getByTestId("replay-video").evaluate((v: HTMLVideoElement) => v.currentTime);

it("an answered question seeks the replay to its moment; the earned badge opens publicly", async () => {
  await usingBrowser(async (browser, page) => {
    await signInQuickly(browser, app.url, "admin@coop.example", DEMO_PASSWORD);
    await step(page, "staff upload the recording", async () => {
      await visit(page, app.url, `/webinars/${SLUG}/recording`);
      await page.getByLabel("File video (MP4 o WebM)").setInputFiles(FIXTURE);
      await Promise.all([page.waitForURL(`**/webinars/${SLUG}/recording`, { waitUntil: "load" }), page.getByRole("button", { name: "Carica", exact: true }).click()]);
      await expect.poll(() => page.getByTestId("replay-video").count(), { timeout: 10_000 }).toBe(1);
      await checkA11y(page, "after the upload");
    });
  });
  // As an egress recording would be: it started with the live session.
  await db.recording.updateMany({ where: { webinarId }, data: { startedAt: (await db.webinar.findUniqueOrThrow({ where: { id: webinarId } })).liveStartedAt } });

  await usingBrowser(async (browser, page) => {
    await signInQuickly(browser, app.url, "member.plus@coop.example", DEMO_PASSWORD);
    await step(page, "the archive beside the video: chat and the answered question, nothing hidden, the asker anonymous", async () => {
      await visit(page, app.url, `/webinars/${SLUG}/recording`);
      const archive = page.locator("aside.replay-archive");
      await expect.poll(() => archive.textContent()).toContain("Buongiorno dalla chat");
      const text = (await archive.textContent()) ?? "";
      expect(text).toContain("Quando esce il bando?");
      expect(text).toContain("Anonimo");
      expect(text).not.toContain("messaggio nascosto");
      expect(text).not.toContain("Segreto");
    });
    await step(page, "the answer's button seeks the player to 0:04", async () => {
      await page.getByTestId("replay-video").evaluate((v: HTMLVideoElement) => (v.muted = true));
      await page.getByRole("button", { name: "Vai alla risposta (0:04)" }).click();
      await expect.poll(() => currentTime(page), { timeout: 10_000 }).toBeGreaterThanOrEqual(4);
      expect(page.url()).toMatch(/#t=4$/);
      await checkA11y(page, "after seeking");
    });
    await step(page, "without JavaScript: the server's page links the answer to ?t=4, and ?t=4 starts the video there", async () => {
      const html = await (await page.request.get(`${app.url}/webinars/${SLUG}/recording`)).text();
      expect(html).toMatch(/<a href="\/webinars\/e2e-archivio\/recording\?t=4&amp;r=[^"#]+#t=4">Vai alla risposta \(0:04\)<\/a>/);
      const started = await (await page.request.get(`${app.url}/webinars/${SLUG}/recording?t=4`)).text();
      expect(started).toMatch(/<source src="\/webinars\/e2e-archivio\/recording\/[^"]+\/video#t=4"/);
    });
    await step(page, "the training page shows the badge earned; its public page and baked image open", async () => {
      await visit(page, app.url, "/account/training");
      const card = page.getByTestId("badge-progress").filter({ hasText: "Archivio digitale" });
      await expect.poll(() => card.textContent()).toContain("Badge ottenuto");
      await Promise.all([page.waitForURL("**/badges/assertions/*/view"), card.getByRole("link", { name: "Vedi il badge" }).click()]);
      await checkA11y(page, "the badge's page");
      await expect.poll(() => page.locator("dl").textContent()).toContain("Luca Neri");
      const image = await page.request.get(`${page.url().replace(/\/view$/, "")}.png`);
      expect(image.status()).toBe(200);
      expect((await image.body()).includes(Buffer.from("openbadges"))).toBe(true);
    });
  });
});
