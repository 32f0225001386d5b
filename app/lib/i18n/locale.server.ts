// Which language a request is served in: the signed-in user's choice, then the visitor's
// language cookie, then the browser's Accept-Language, then Italian.
import { createCookie } from "@remix-run/node";
import { secureCookies } from "../env.server.ts";
import { i18nFor } from "./i18n.ts";
import { defaultLocale, isLocale, type Locale } from "./resources.ts";

export const localeCookie = () =>
  createCookie("coop_lng", { path: "/", sameSite: "lax", httpOnly: true, secure: secureCookies(), maxAge: 365 * 24 * 3600 });

export function localeFromAcceptLanguage(header: string | null): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.find((p) => p.trim().startsWith("q="));
      return { lang: tag.trim().slice(0, 2).toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((entry) => entry.lang).find(isLocale) ?? null;
}

export async function resolveLocale(request: Request, userLocale?: string | null): Promise<Locale> {
  if (isLocale(userLocale)) return userLocale;
  const fromCookie = await localeCookie().parse(request.headers.get("cookie"));
  if (isLocale(fromCookie)) return fromCookie;
  return localeFromAcceptLanguage(request.headers.get("accept-language")) ?? defaultLocale;
}

export function translatorFor(locale: Locale) {
  return i18nFor(locale).t;
}
