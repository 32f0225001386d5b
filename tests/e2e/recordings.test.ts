// Issue 10 end to end: a webinar with two attendees (one above, one below the threshold); staff
// upload the recording, chapters and captions; the report shows both; the member above the
// threshold plays and seeks the recording with captions, downloads it and their certificate, whose
// code verifies publicly. Every page is checked with axe-core.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { createDb, type Db } from "~/lib/db.server.ts";
import { checkA11y, step, visit } from "../helpers/browser.ts";
import { startApp, type RunningApp } from "../helpers/server.ts";
import { DEMO_PASSWORD, expectFlash, signInQuickly, usingBrowser } from "./support.ts";

const FIXTURE = path.resolve(__dirname, "../fixtures/tiny.mp4");
const SLUG = "e2e-registrazioni";
let app: RunningApp;
let db: Db;

beforeAll(async () => {
  app = await startApp();
  db = createDb(app.databaseUrl);
  const start = new Date(Date.now() - 3 * 24 * 3600 * 1000);
  const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
  const webinar = await db.webinar.create({
    data: { slug: SLUG, title: "Sottotitoli e accessibilità", description: "", status: "ENDED", startsAt: start, durationMinutes: 90, audience: "PUBLIC", roomName: SLUG, liveStartedAt: start, liveEndedAt: at(90) },
  });
  const luca = await db.user.findUniqueOrThrow({ where: { email: "member.plus@coop.example" } });
  const marco = await db.user.findUniqueOrThrow({ where: { email: "member.basic@coop.example" } });
  for (const [userId, sid, from, to] of [[luca.id, "PA_l1", 0, 50], [luca.id, "PA_l2", 48, 85], [marco.id, "PA_m1", 0, 30]] as const) {
    await db.webinarAttendance.create({ data: { webinarId: webinar.id, userId, participantSid: sid, joinedAt: at(from), leftAt: at(to) } });
  }
});
afterAll(async () => {
  await db?.$disconnect();
  await app?.stop();
});

const video = (page: Page) => page.getByTestId("replay-video");
const videoState = (page: Page) => video(page).evaluate((v: HTMLVideoElement) => ({ time: v.currentTime, duration: v.duration, error: v.error?.code ?? null, cues: [...(v.textTracks[0]?.activeCues ?? [])].map((c) => (c as VTTCue).text), mode: v.textTracks[0]?.mode }));

it("upload, report, replay with seeking and captions, download, certificate and its public verification", async () => {
  await usingBrowser(async (browser, page) => {
    await signInQuickly(browser, app.url, "admin@coop.example", DEMO_PASSWORD);
    await step(page, "staff upload the recording with a progress bar", async () => {
      await visit(page, app.url, `/webinars/${SLUG}/recording`);
      await page.getByLabel("File video (MP4 o WebM)").setInputFiles(FIXTURE);
      await Promise.all([page.waitForURL(`**/webinars/${SLUG}/recording`, { waitUntil: "load" }), page.getByRole("button", { name: "Carica", exact: true }).click()]);
      await expect.poll(() => video(page).count(), { timeout: 10_000 }).toBe(1);
      await checkA11y(page, "after the upload");
    });
    await step(page, "staff add chapters and captions", async () => {
      await page.getByLabel("Capitoli", { exact: true }).fill("0:00 Apertura\n0:04 Domande");
      await page.getByRole("button", { name: "Salva i capitoli" }).click();
      await expectFlash(page, "Capitoli salvati.");
      await page.getByLabel("Sottotitoli (file WebVTT .vtt)").setInputFiles({ name: "sottotitoli.vtt", mimeType: "text/vtt", buffer: Buffer.from("WEBVTT\n\n00:00:00.000 --> 00:00:03.000\nBenvenute e benvenuti\n\n00:00:03.000 --> 00:00:06.000\nLe domande\n") });
      await page.getByRole("button", { name: "Carica i sottotitoli" }).click();
      await expectFlash(page, "Sottotitoli salvati.");
      await checkA11y(page, "with chapters and captions");
    });
    await step(page, "the report shows one attendee above the threshold and one below", async () => {
      await visit(page, app.url, `/webinars/${SLUG}/report`);
      const row = (name: string) => page.locator("tr", { has: page.locator("th", { hasText: name }) }).first().locator("td");
      await expect.poll(async () => (await row("Luca Neri").allTextContents()).map((t) => t.trim())).toEqual(expect.arrayContaining(["85", "94%", "Sì"]));
      expect((await row("Marco Riva").allTextContents()).map((t) => t.trim())).toEqual(expect.arrayContaining(["30", "33%", "No"]));
    });
  });

  await usingBrowser(async (browser, page) => {
    await signInQuickly(browser, app.url, "member.plus@coop.example", DEMO_PASSWORD);
    await step(page, "the member plays the recording, with captions showing", async () => {
      await visit(page, app.url, `/webinars/${SLUG}/recording`);
      await video(page).evaluate((v: HTMLVideoElement) => {
        v.muted = true;
        return v.play();
      });
      await expect.poll(async () => (await videoState(page)).time, { timeout: 10_000 }).toBeGreaterThan(0.5);
      const state = await videoState(page);
      expect(state.error).toBeNull();
      expect(state.duration).toBeCloseTo(6, 0);
      expect(state.mode).toBe("showing");
      await expect.poll(async () => (await videoState(page)).cues, { timeout: 5_000 }).toEqual(["Benvenute e benvenuti"]);
    });
    await step(page, "a chapter seeks the video (Range requests)", async () => {
      await page.getByRole("button", { name: /0:04\s*Domande/ }).click();
      await expect.poll(async () => (await videoState(page)).time, { timeout: 10_000 }).toBeGreaterThanOrEqual(4);
      await expect.poll(async () => (await videoState(page)).cues, { timeout: 5_000 }).toEqual(["Le domande"]);
      await checkA11y(page, "while playing");
    });
    await step(page, "the member downloads the recording", async () => {
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Scarica la registrazione" }).click()]);
      const saved = await download.path();
      expect(readFileSync(saved!).equals(readFileSync(FIXTURE))).toBe(true);
    });
    let code = "";
    await step(page, "the member's training hours list the webinar and the certificate downloads", async () => {
      await visit(page, app.url, "/account/training");
      await expect(page.getByText("Sottotitoli e accessibilità")).toBeTruthy();
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /Scarica l'attestato/ }).click()]);
      expect(readFileSync((await download.path())!).subarray(0, 5).toString()).toBe("%PDF-");
      code = (await db.certificate.findFirstOrThrow({ where: { webinar: { slug: SLUG } } })).code;
    });
    await usingBrowser(async (_visitor, visitorPage) => {
      await step(visitorPage, "anyone verifies the code; a wrong code is a 404", async () => {
        expect(await visit(visitorPage, app.url, `/verify/${code}`)).toBe(200);
        await expect.poll(() => visitorPage.locator("dl").textContent()).toContain("Luca Neri");
        expect(await visit(visitorPage, app.url, "/verify/AAAA-BBBB-CCCC")).toBe(404);
      });
    });
  });
});
