// Security headers and the same-origin check for state-changing requests.
import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";

export function securityHeaders(req: Request, res: Response, next: NextFunction) {
  // A fresh nonce per response: only scripts Remix renders with it may run.
  const nonce = randomBytes(16).toString("base64");
  res.locals.cspNonce = nonce;
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
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
  res.setHeader("Content-Security-Policy", csp);
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Permissions-Policy", "camera=(self), microphone=(self), display-capture=(self), geolocation=()");
  if (req.secure) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
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
