import { db } from "~/lib/db.server.ts";
import * as root from "~/root.tsx";
import * as language from "~/routes/language.tsx";
import { createUser, sessionCookieFor } from "../helpers/fixtures.ts";
import { call, cookiesFrom, formRequest, getRequest } from "../helpers/requests.ts";

const localeOf = async (cookie?: string) => (await (await call(root.loader, getRequest("/", { cookie, headers: { "Accept-Language": "en-US,en;q=0.9" } }))).json()).locale;

describe("interface language", () => {
  it("is Italian by default, even for a browser that prefers English", async () => {
    expect(await localeOf()).toBe("it");
  });

  it("switches to English by choice and back, returning to the same page", async () => {
    const toEnglish = await call(language.action, formRequest("/language", { locale: "en", redirectTo: "/accessibility" }));
    expect(toEnglish.headers.get("Location")).toBe("/accessibility");
    const cookie = cookiesFrom(toEnglish);
    expect(await localeOf(cookie)).toBe("en");
    const back = await call(language.action, formRequest("/language", { locale: "it", redirectTo: "/" }, { cookie }));
    expect(await localeOf(cookiesFrom(back, cookie))).toBe("it");
  });

  it("is saved on the account of a signed-in user, so it follows them to other devices", async () => {
    const user = await createUser();
    const cookie = await sessionCookieFor(user.id);
    await call(language.action, formRequest("/language", { locale: "en", redirectTo: "/" }, { cookie }));
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).locale).toBe("en");
    expect(await localeOf(await sessionCookieFor(user.id))).toBe("en");
  });

  it("ignores unknown languages and outside redirect targets", async () => {
    const response = await call(language.action, formRequest("/language", { locale: "xx", redirectTo: "https://evil.example" }));
    expect(response.headers.get("Location")).toBe("/");
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it("signs the language cookie and ignores one that was tampered with", async () => {
    const toEnglish = await call(language.action, formRequest("/language", { locale: "en", redirectTo: "/" }));
    const cookie = cookiesFrom(toEnglish);
    const value = decodeURIComponent(cookie.split("=").slice(1).join("="));
    // The value carries a signature after the data.
    expect(value).toMatch(/^[^.]+\..+$/);
    // Unsigned, as an attacker or a browser extension would write it.
    const unsigned = `coop_lng=${Buffer.from(JSON.stringify("en")).toString("base64")}`;
    expect(await localeOf(unsigned)).toBe("it");
    // Signed data changed by hand: the signature no longer matches.
    const [, signature] = value.split(".");
    const forged = `coop_lng=${encodeURIComponent(`${Buffer.from(JSON.stringify("en")).toString("base64")}x.${signature}`)}`;
    expect(await localeOf(forged)).toBe("it");
    expect(await localeOf(cookie)).toBe("en");
  });
});
