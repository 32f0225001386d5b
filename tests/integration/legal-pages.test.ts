// The footer's privacy notice states the retention the app applies and the configured controller.
import { resetEnvCache } from "~/lib/env.server.ts";
import * as privacy from "~/routes/privacy.tsx";
import * as legal from "~/routes/legal.tsx";
import { call, getRequest } from "../helpers/requests.ts";

afterEach(() => {
  delete process.env.PRIVACY_CONTROLLER;
  delete process.env.PRIVACY_CONTACT_EMAIL;
  delete process.env.SESSION_MAX_DAYS;
  resetEnvCache();
});

describe("privacy notice and legal notes", () => {
  it("names FPA generically and points to the feedback form when nothing is configured", async () => {
    const data = await (await call(privacy.loader, getRequest("/privacy"))).json();
    expect(data).toMatchObject({ controller: null, contactEmail: null, sessionIdleDays: 30, sessionMaxDays: 90, emailRetentionDays: 30, title: "Informativa sul trattamento dei dati personali · CO-OP" });
  });

  it("shows the configured controller and contact, and the session lifetime actually applied", async () => {
    process.env.PRIVACY_CONTROLLER = "Ente Gestore, Via Roma 1, 00100 Roma";
    process.env.PRIVACY_CONTACT_EMAIL = "privacy@ente.example.it";
    process.env.SESSION_MAX_DAYS = "60";
    resetEnvCache();
    const data = await (await call(privacy.loader, getRequest("/privacy"))).json();
    expect(data).toMatchObject({ controller: "Ente Gestore, Via Roma 1, 00100 Roma", contactEmail: "privacy@ente.example.it", sessionMaxDays: 60 });
  });

  it("are open to visitors, with a translated title", async () => {
    expect((await call(legal.loader, getRequest("/legal"))).status).toBe(200);
    expect((await (await call(legal.loader, getRequest("/legal"))).json()).title).toBe("Note legali · CO-OP");
  });
});
