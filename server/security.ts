// Security headers and the same-origin check for state-changing requests.
import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";

/** The Content-Security-Policy with these script sources besides 'self' (a nonce, or hashes for cached pages). */
export function contentSecurityPolicy(scriptSources: string[]) {
  return [
    "default-src 'self'",
    ["script-src 'self'", ...scriptSources].join(" "),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // LiveKit signalling and media go to the configured LiveKit host over wss.
    "connect-src 'self' wss: ws:",
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

/**
 * Refuses state-changing requests that a browser marks as coming from another site.
 * Browsers send Sec-Fetch-Site and Origin on every POST; requests with neither
 * (server-to-server, curl) carry no ambient cookie risk worth refusing here, and
 * the session cookie is SameSite=Lax as a second line.
 */
export function sameOriginGuard(allowedOrigins: string[], exemptPaths: RegExp[] = []) {
  const allowed = new Set(allowedOrigins.map((origin) => new URL(origin).origin));
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method) || exemptPaths.some((pattern) => pattern.test(req.path))) return next();
    const fetchSite = req.get("sec-fetch-site");
    const origin = req.get("origin");
    const ownOrigin = `${req.protocol}://${req.get("host")}`;
    const badSite = fetchSite !== undefined && fetchSite !== "same-origin" && fetchSite !== "none";
    const badOrigin = origin !== undefined && origin !== ownOrigin && !allowed.has(origin);
    if (badSite || badOrigin) {
      res.status(403).type("text/plain; charset=utf-8").send(
        "Richiesta rifiutata: proviene da un altro sito. / Request refused: it comes from another site.",
      );
      return;
    }
    next();
  };
}
