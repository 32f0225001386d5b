// Responses for refused or bad requests. Thrown from loaders and actions; the error
// boundaries render them as localized pages with the right status code.
import { json } from "@remix-run/node";
import { env } from "./env.server.ts";

export type ErrorPayload = { reason: string; values?: Record<string, string | number> };

/** 403 with a reason key (translated by the error boundary, e.g. "access.noEnrolment"). */
export function forbidden(reason = "errors.forbiddenText", values?: ErrorPayload["values"]) {
  return json<ErrorPayload>({ reason, values }, { status: 403 });
}

export function notFound(reason = "errors.notFoundText") {
  return json<ErrorPayload>({ reason }, { status: 404 });
}

export function badRequest(reason = "errors.badRequestTitle", values?: ErrorPayload["values"]) {
  return json<ErrorPayload>({ reason, values }, { status: 400 });
}

/** Whole minutes shown for a wait: never less than the wait applied (61 s is "2 minutes"). */
export function waitMinutes(retryAfterSeconds: number) {
  return Math.max(1, Math.ceil(retryAfterSeconds / 60));
}

/** 429 thrown as a page; the root's `headers` (forwardedHeaders) passes Retry-After on to the document. */
export function tooManyRequests(retryAfterSeconds: number) {
  return json<ErrorPayload>(
    { reason: "auth:rateLimited", values: { count: waitMinutes(retryAfterSeconds) } },
    { status: 429, headers: { "Retry-After": String(retryAfterSeconds) } },
  );
}

// Headers a loader or action sets for its own response that must also reach the page (the
// document response): the wait of a 429, and the no-store and referrer policy of pages with a token in the URL.
const FORWARDED = ["Retry-After", "Cache-Control", "Referrer-Policy"];

/**
 * Route `headers` export: Remix builds a document response only from `headers` exports, so without
 * it a 429 page would lose Retry-After and a token page its Cache-Control, although the loader or
 * action set them (they reached only `?_data` responses).
 */
export function forwardedHeaders({ actionHeaders, errorHeaders, loaderHeaders }: { actionHeaders: Headers; errorHeaders?: Headers; loaderHeaders: Headers }) {
  const headers = new Headers();
  for (const name of FORWARDED) {
    const value = errorHeaders?.get(name) ?? actionHeaders.get(name) ?? loaderHeaders.get(name);
    if (value) headers.set(name, value);
  }
  return headers;
}

// Longer targets are not a page of this app (the longest real path with its query is far shorter).
const MAX_REDIRECT_LENGTH = 2000;

/**
 * A redirect target from user input, as a normalized same-origin path ("/a?b#c"), or the fallback.
 * Browsers strip tabs and newlines from URLs and read "\" as "/", so "/\t/evil.example" and
 * "/\\evil.example" lead off-site: anything with a control character, a backslash or whitespace is
 * refused outright, and the rest is parsed with the WHATWG URL parser (what the browser will do) and
 * kept only if it stays on APP_URL's origin. The result is percent-encoded ASCII, so it is always a
 * valid Location header (no CR/LF injection, no character outside Latin-1).
 */
export function safeRedirectPath(target: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof target !== "string" || target.length === 0 || target.length > MAX_REDIRECT_LENGTH) return fallback;
  // Only absolute paths of this site; never a scheme ("javascript:"), host ("//x") or relative path.
  if (target[0] !== "/" || target[1] === "/" || target[1] === "\\") return fallback;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f-\u009f\\\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]/.test(target)) return fallback;
  const base = new URL(env().APP_URL);
  let url: URL;
  try {
    url = new URL(target, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base.origin) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments can collapse into "//host" ("/.//evil.example"), which a browser reads as another host.
  if (!path.startsWith("/") || path.startsWith("//")) return fallback;
  return path;
}

/**
 * Pages whose URL holds a secret token (password reset, invitation): never stored by a browser or
 * proxy cache (shared office computers), and the address never sent to another site. "same-origin",
 * not "no-referrer" (in a header or a meta tag): with no referrer at all the browser sends
 * "Origin: null" on the form post, which the same-origin check refuses.
 */
export const TOKEN_PAGE_HEADERS = { "Cache-Control": "no-store", "Referrer-Policy": "same-origin" };
