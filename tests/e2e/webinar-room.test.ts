// The webinar room and the device check in Chromium, on the built app WITHOUT LiveKit: the room
// page works, says audio and video are not configured and how to configure them, lists the
// materials beside the stage, and every page passes axe; the check page measures the network
// against this server and reports it in a status region.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startApp, type RunningApp } from "../helpers/server.ts";
import { checkA11y, launchBrowser, step, visit, type Browser } from "../helpers/browser.ts";
import { DEMO_PASSWORD, expectHeading, signInQuickly } from "./support.ts";
import { insertRoomWebinar, ROOM_WEBINAR_SLUG } from "./webinar-fixtures.ts";
import { startTwirpServer, TEST_API_KEY, TEST_API_SECRET, type TwirpServer } from "../helpers/livekit.ts";

let app: RunningApp;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  app = await startApp();
  insertRoomWebinar(app.databaseUrl.replace(/^file:/, ""));
});
afterAll(async () => {
  await app?.stop();
});
beforeEach(async () => {
  browser = await launchBrowser();
  page = await browser.newPage();
});
afterEach(async () => {
  await browser?.close();
});

describe("webinar room without LiveKit", () => {
  it("shows a member the room, saying how to configure audio and video", async () => {
    await signInQuickly(browser, app.url, "member.plus@coop.example", DEMO_PASSWORD);
    await step(page, "the member opens the room", async () => {
      await visit(page, app.url, `/webinars/${ROOM_WEBINAR_SLUG}/room`);
      await expectHeading(page, "Stanza: Prova della stanza");
      await expect.poll(() => page.getByRole("status").filter({ hasText: "Audio e video non disponibili" }).count()).toBe(1);
      expect(await page.getByText(/LIVEKIT_URL, LIVEKIT_API_KEY e LIVEKIT_API_SECRET/).count()).toBe(1);
      expect(await page.getByText("Partecipi come: partecipante").count()).toBe(1);
      expect(await page.getByRole("heading", { name: "Materiali" }).count()).toBe(1);
      // No media controls to reach without LiveKit.
      expect(await page.getByRole("button", { name: "Entra nella stanza" }).count()).toBe(0);
    });
    await step(page, "the member follows the link to the device check", async () => {
      await page.getByRole("link", { name: "Verifica dispositivi e rete" }).click();
      await expectHeading(page, "Verifica dispositivi e rete: Prova della stanza");
      await checkA11y(page, "device check");
    });
    await step(page, "the member measures the connection", async () => {
      await page.getByRole("button", { name: "Misura la connessione" }).click();
      const status = page.locator("#check-network ~ [role=status]");
      await expect.poll(() => status.textContent(), { timeout: 20_000 }).toMatch(/^Download: [\d.,]+ Mbit\/s; upload: [\d.,]+ Mbit\/s$/);
      await checkA11y(page, "after the network test");
    });
    await step(page, "the member plays the test sound (no error in the page)", async () => {
      await page.getByRole("button", { name: "Riproduci un suono di prova" }).click();
      await page.waitForTimeout(300);
    });
  });

  it("refuses a visitor (sign in first) and answers 404 for a webinar that does not exist", async () => {
    await step(page, "a visitor opens the room", async () => {
      await page.goto(`${app.url}/webinars/${ROOM_WEBINAR_SLUG}/room`);
      expect(new URL(page.url()).pathname).toBe("/login");
      await checkA11y(page);
    });
    await signInQuickly(browser, app.url, "member.basic@coop.example", DEMO_PASSWORD);
    await step(page, "a member opens the room of a webinar that does not exist", async () => {
      const response = await page.goto(`${app.url}/webinars/no-such-webinar/room`);
      expect(response?.status()).toBe(404);
      await checkA11y(page);
    });
  });
});

describe("webinar room with LiveKit configured (a loopback API that is no media server)", () => {
  let twirp: TwirpServer;
  let liveApp: RunningApp;
  beforeAll(async () => {
    twirp = await startTwirpServer();
    liveApp = await startApp({
      env: { LIVEKIT_URL: twirp.url.replace(/^http/, "ws"), LIVEKIT_API_KEY: TEST_API_KEY, LIVEKIT_API_SECRET: TEST_API_SECRET },
    });
    insertRoomWebinar(liveApp.databaseUrl.replace(/^file:/, ""));
  });
  afterAll(async () => {
    await liveApp?.stop();
    await twirp?.close();
  });

  it("mints a token when a host enters, creates the room, mounts the stage and says so when the media connection fails", async () => {
    await signInQuickly(browser, liveApp.url, "tutor@coop.example", DEMO_PASSWORD);
    await step(page, "the tutor opens the room and enters it", async () => {
      await visit(page, liveApp.url, `/webinars/${ROOM_WEBINAR_SLUG}/room`);
      expect(await page.getByText("Partecipi come: conduttore").count()).toBe(1);
      await page.getByRole("button", { name: "Entra nella stanza" }).click();
      await expect.poll(() => twirp.callsOf("CreateRoom").length, { timeout: 10_000 }).toBe(1);
      expect(twirp.callsOf("CreateRoom")[0].body).toMatchObject({ name: `room-${ROOM_WEBINAR_SLUG}` });
    });
    await step(page, "the connection to the media server fails and the page says so", async () => {
      const failure = page.getByRole("alert").filter({ hasText: "Collegamento non riuscito: controlla la rete e riprova." });
      await expect.poll(() => failure.count(), { timeout: 30_000 }).toBe(1);
      await checkA11y(page, "after a failed connection");
      expect(await page.getByRole("button", { name: "Entra nella stanza" }).isEnabled()).toBe(true);
    });
  });
});
