// Security headers and the same-origin check for state-changing requests.
import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { resolveLocale, translatorFor } from "../app/lib/i18n/locale.server.ts";
import { defaultLocale } from "../app/lib/i18n/resources.ts";
import { createRequire } from "node:module";
// Relative imports only: the server bundle does not resolve the app's "~/" alias.
import { env } from "../app/lib/env.server.ts";

/**
 * LiveKit's own address over http(s): livekit-client fetches it besides the wss connection (LiveKit
 * Cloud's region list, the reason a connection failed). Nothing when LiveKit is not configured.
 */
function liveKitHttpOrigins(): string[] {
  const { LIVEKIT_URL: url } = env();
  if (!url) return [];
  try {
    return [new URL(url.replace(/^ws/, "http")).origin];
  } catch {
    return [];
  }
}

/** The Content-Security-Policy with these script sources besides 'self' (a nonce, or hashes for cached pages). */
export function contentSecurityPolicy(scriptSources: string[]) {
  return [
    "default-src 'self'",
    ["script-src 'self'", ...scriptSources].join(" "),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // LiveKit signalling and media go to the configured LiveKit host over wss.
    ["connect-src 'self' wss: ws:", ...liveKitHttpOrigins()].join(" "),
    "media-src 'self' blob:",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
}

/** Every security header except the CSP. */
export function staticSecurityHeaders(secure: boolean): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(self), microphone=(self), display-capture=(self), geolocation=()",
    ...(secure ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

export function securityHeaders(req: Request, res: Response, next: NextFunction) {
  // A fresh nonce per response: only scripts Remix renders with it may run.
  const nonce = randomBytes(16).toString("base64");
  res.locals.cspNonce = nonce;
  res.setHeader("Content-Security-Policy", contentSecurityPolicy([`'nonce-${nonce}'`]));
  for (const [name, value] of Object.entries(staticSecurityHeaders(req.secure))) res.setHeader(name, value);
  next();
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

// The origin model, in one place:
// - APP_URL is the public origin (what browsers show, what emails link to).
// - X-Forwarded-Host and X-Forwarded-Proto count only when the connection comes from a proxy that
//   TRUST_PROXY trusts (Express's "trust proxy"); from anyone else they are dropped here, so nothing
//   later (Remix's request URL, its own origin check) reads a value a client made up.
// - A state-changing request is accepted when its Origin is APP_URL or the origin the request was
//   addressed to; otherwise it is refused with a 403 page in the visitor's language.
// - Remix repeats a cruder check of its own (Origin against X-Forwarded-Host or Host) and answers
//   a mismatch with a 500. Behind a proxy that rewrites Host, Origin is APP_URL while Host is the
//   app's own address: once this guard has accepted the Origin, the request handed to Remix names
//   that origin's host, so its check agrees with ours instead of failing.

// Read at run time (not a JSON import): the server bundle keeps npm packages external, and plain
// Node will not import a JSON file without an import attribute.
const BOOTSTRAP_ITALIA_BASE = `/vendor/bootstrap-italia/${createRequire(import.meta.url)("bootstrap-italia/package.json").version as string}`;

type TrustFn = (address: string | undefined, hop: number) => boolean;

function fromTrustedProxy(req: Request): boolean {
  const trust = req.app.get("trust proxy fn") as TrustFn | undefined;
  return trust ? trust(req.socket.remoteAddress, 0) : false;
}

/** Drops X-Forwarded-Host/-Proto sent by anyone but a trusted proxy. First middleware of the app. */
export function forwardedHeaders(req: Request, _res: Response, next: NextFunction) {
  if ((req.headers["x-forwarded-host"] || req.headers["x-forwarded-proto"]) && !fromTrustedProxy(req)) {
    delete req.headers["x-forwarded-host"];
    delete req.headers["x-forwarded-proto"];
  }
  next();
}

/** The origin this request was addressed to, as far as trusted information tells. */
export function requestOrigin(req: Request): string {
  const forwardedHost = req.get("x-forwarded-host")?.split(",")[0]?.trim();
  const host = (forwardedHost && fromTrustedProxy(req) ? forwardedHost : undefined) ?? req.get("host") ?? "";
  return `${req.protocol}://${host}`;
}

function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

async function refusalPage(req: Request): Promise<{ lang: string; html: string }> {
  const locale = await resolveLocale(new globalThis.Request("http://localhost/", { headers: { cookie: req.get("cookie") ?? "" } })).catch(
    () => defaultLocale,
  );
  const t = translatorFor(locale);
  const html = `<!DOCTYPE html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t("server:originRefused.title"))} | CO-OP</title>
<link rel="stylesheet" href="${BOOTSTRAP_ITALIA_BASE}/css/bootstrap-italia.min.css"></head>
<body><main class="container my-5" id="main"><h1>${escapeHtml(t("server:originRefused.heading"))}</h1>
<p>${escapeHtml(t("server:originRefused.body"))}</p>
<p><a href="/">${escapeHtml(t("server:originRefused.home"))}</a></p></main></body>
</html>`;
  return { lang: locale, html };
}

/**
 * Refuses state-changing requests that a browser marks as coming from another site.
 * Browsers send Sec-Fetch-Site and Origin on every POST; requests with neither
 * (server-to-server, curl) carry no ambient cookie risk worth refusing here, and
 * the session cookie is SameSite=Lax as a second line.
 */
export function sameOriginGuard(allowedOrigins: string[], exemptPaths: RegExp[] = []) {
  const allowed = new Set(allowedOrigins.map((origin) => new URL(origin).origin));
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    if (exemptPaths.some((pattern) => pattern.test(req.path))) {
      // Signed webhooks authenticate themselves; Remix must not second-guess their Origin.
      delete req.headers.origin;
      return next();
    }
    const fetchSite = req.get("sec-fetch-site");
    const origin = req.get("origin");
    const badSite = fetchSite !== undefined && fetchSite !== "same-origin" && fetchSite !== "none";
    const badOrigin = origin !== undefined && origin !== requestOrigin(req) && !allowed.has(origin);
    if (badSite || badOrigin) {
      void refusalPage(req).then(({ lang, html }) => {
        res.status(403).setHeader("Content-Language", lang);
        res.type("text/html; charset=utf-8").send(html);
      }, next);
      return;
    }
    if (origin !== undefined) {
      // Accepted: name the accepted origin's host, so Remix's own origin check agrees (see above).
      req.headers.host = new URL(origin).host;
      delete req.headers["x-forwarded-host"];
    }
    next();
  };
}
