// Which language a request is served in: Italian by default, English by choice — the signed-in
// user's saved language, else the visitor's language cookie. The browser's Accept-Language is not
// followed: staff on English-language office machines still expect the Italian site first.
import { createCookie } from "@remix-run/node";
import { cookieSecret, secureCookies } from "../env.server.ts";
import { i18nFor } from "./i18n.ts";
import { defaultLocale, isLocale, supportedLocales, type Locale } from "./resources.ts";

// Signed with COOKIE_SECRET (as README says): a cookie edited by hand or set by another site on a
// shared parent domain is ignored, and the page is served in the default language.
export const localeCookie = () =>
  createCookie("coop_lng", {
    path: "/",
    sameSite: "lax",
    httpOnly: true,
    secure: secureCookies(),
    maxAge: 365 * 24 * 3600,
    secrets: [cookieSecret()],
  });

export async function resolveLocale(request: Request, userLocale?: string | null): Promise<Locale> {
  if (isLocale(userLocale)) return userLocale;
  const fromCookie = await localeCookie().parse(request.headers.get("cookie"));
  return isLocale(fromCookie) ? fromCookie : defaultLocale;
}

/** The signed cookie value for each language (the public-page cache keys pages by it). */
export async function localeCookieValues(): Promise<Map<string, string>> {
  const values = new Map<string, string>();
  for (const locale of supportedLocales) {
    const header = await localeCookie().serialize(locale);
    values.set(header.slice(header.indexOf("=") + 1, header.indexOf(";")), locale);
  }
  return values;
}

export function translatorFor(locale: Locale) {
  return i18nFor(locale).t;
}
