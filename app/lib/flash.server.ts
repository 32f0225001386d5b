// One-time messages shown after an action and a redirect ("Modifiche salvate").
import { createCookie, redirect } from "@remix-run/node";
import { cookieSecret, secureCookies } from "./env.server.ts";

export type Flash = { type: "success" | "info" | "warning" | "error"; message: string; values?: Record<string, string | number> };

function flashCookie() {
  return createCookie("coop_flash", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: secureCookies(),
    secrets: [cookieSecret()],
    maxAge: 60,
  });
}

export async function setFlashHeader(flash: Flash) {
  return flashCookie().serialize(flash);
}

/** Redirect and show `flash` (an i18n key with values) on the next page. */
export async function redirectWithFlash(to: string, flash: Flash, init: ResponseInit = {}) {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await setFlashHeader(flash));
  return redirect(to, { ...init, headers });
}

export async function readFlash(request: Request): Promise<{ flash: Flash | null; clearHeader: string | null }> {
  const cookie = flashCookie();
  const value = (await cookie.parse(request.headers.get("cookie"))) as Flash | null;
  if (!value || typeof value.message !== "string") return { flash: null, clearHeader: null };
  return { flash: value, clearHeader: await cookie.serialize("", { maxAge: 0 }) };
}
