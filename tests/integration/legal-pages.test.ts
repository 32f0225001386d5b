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
    expect(data).toMatchObject({ controller: null, contactEmail: null, sessionIdleDays: 30, sessionMaxDays: 90, emailRetentionDays: 30 });
  });

  it("shows the configured controller and contact, and the session lifetime actually applied", async () => {
    process.env.PRIVACY_CONTROLLER = "Ente Gestore, Via Roma 1, 00100 Roma";
    process.env.PRIVACY_CONTACT_EMAIL = "privacy@ente.example.it";
    process.env.SESSION_MAX_DAYS = "60";
    resetEnvCache();
    const data = await (await call(privacy.loader, getRequest("/privacy"))).json();
    expect(data).toMatchObject({ controller: "Ente Gestore, Via Roma 1, 00100 Roma", contactEmail: "privacy@ente.example.it", sessionMaxDays: 60 });
  });

  it("are the same for everyone, so visitors get them from the public-page cache, titled in the page's language", () => {
    expect(legal.handle).toEqual({ cache: true });
    expect(privacy.handle).toEqual({ cache: true });
    const root = (locale: string) => ({ matches: [{ id: "root", data: { locale } }] }) as never;
    expect(legal.meta(root("it"))).toEqual([{ title: "Note legali · CO-OP" }]);
    expect(privacy.meta(root("en"))).toEqual([{ title: "Personal data notice · CO-OP" }]);
  });
});
