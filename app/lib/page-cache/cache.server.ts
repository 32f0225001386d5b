// Anonymous GETs of public pages answered from memory before Express and Remix run (see
// docs/platform.md and docs/decisions/0006-cached-public-pages.md). Plain node:http types: the
// server calls `handle` first thing for every request.
//
// A page is taken from the cache only when nothing about the answer is per visitor: GET/HEAD, no
// query string, no session cookie, no flash cookie, and a language cookie that is absent or one of
// the app's own signed values (the page is keyed by that language). Everything else goes to the
// app as usual. Cached copies have no CSP nonce: their inline scripts are allowed by hash.
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";

export type CachePolicy = {
  /** Browser freshness; 0 = always revalidate (a cheap 304). */
  maxAge: number;
  /** Shared caches (a CDN). */
  sMaxAge: number;
  staleWhileRevalidate: number;
  /** How long a copy stays in this process's memory if no invalidation arrives first. */
  ttlSeconds: number;
};

/** What a route module puts in `handle.cache` (true = the defaults). */
export type RouteCacheHandle = true | Partial<CachePolicy>;

export const DEFAULT_POLICY: CachePolicy = { maxAge: 0, sMaxAge: 60, staleWhileRevalidate: 300, ttlSeconds: 300 };

export function policyFrom(handle: unknown): CachePolicy | null {
  if (handle === true) return DEFAULT_POLICY;
  if (!handle || typeof handle !== "object") return null;
  return { ...DEFAULT_POLICY, ...(handle as Partial<CachePolicy>) };
}

export type PageCacheOptions = {
  /** The cache policy of the route serving `pathname`, or null when it does not opt in. */
  policyFor(pathname: string): CachePolicy | null;
  /** Renders the page for a visitor who sends only `cookie` (the language cookie, or nothing). */
  render(pathname: string, cookie: string | null): Promise<Response>;
  /** Cookie names whose presence makes a request personal (session, flash). */
  personalCookies: string[];
  languageCookie: string;
  /** The app's signed language-cookie values → locale (computed once at start-up). */
  languageValues: Map<string, string>;
  defaultLanguage: string;
  /** Response headers for a cached page whose inline scripts have these CSP hashes. */
  headers(scriptHashes: string[]): Record<string, string>;
  maxEntries?: number;
  now?(): number;
};

type Variant = { body: Buffer; etag: string; head200: Record<string, string | number>; head304: Record<string, string> };
type Entry = { identity: Variant; gzip: Variant | null; lastModifiedSeconds: number; expires: number };
type Fill = Promise<Entry | null>;

const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;

/** CSP hashes ('sha256-…') of the inline scripts of an HTML page. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(INLINE_SCRIPT)) {
    if (/\bsrc\s*=/i.test(match[1])) continue;
    hashes.add(`'sha256-${createHash("sha256").update(match[2], "utf8").digest("base64")}'`);
  }
  return [...hashes];
}

export function cacheControl(policy: CachePolicy) {
  return `public, max-age=${policy.maxAge}, s-maxage=${policy.sMaxAge}, stale-while-revalidate=${policy.staleWhileRevalidate}`;
}

export class PublicPageCache {
  private readonly entries = new Map<string, Entry>();
  private readonly fills = new Map<string, Fill>();
  private generation = 0;
  readonly stats = { hits: 0, notModified: 0, misses: 0, bypassed: 0, invalidations: 0 };

  constructor(private readonly options: PageCacheOptions) {}

  /**
   * Serves the request from the cache (filling it first on a miss) and returns true, or returns
   * false when the request is not for a cached page; the caller then passes it to the app.
   */
  handle(req: IncomingMessage, res: ServerResponse, fallback: (req: IncomingMessage, res: ServerResponse) => void): boolean {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    const url = req.url ?? "/";
    if (url.includes("?") || !url.startsWith("/")) return false;
    const policy = this.options.policyFor(url);
    if (!policy) return false;
    const language = this.languageOf(req.headers.cookie);
    if (language === null) {
      this.stats.bypassed++;
      return false;
    }
    const key = `${language} ${url}`;
    const entry = this.entries.get(key);
    const now = this.now();
    if (entry && entry.expires > now) {
      this.stats.hits++;
      this.send(req, res, entry);
      return true;
    }
    this.stats.misses++;
    this.fill(key, url, language, policy).then(
      (filled) => (filled ? this.send(req, res, filled) : fallback(req, res)),
      () => fallback(req, res),
    );
    return true;
  }

  /** Drops every cached page (content changed somewhere). */
  clear() {
    this.generation++;
    this.stats.invalidations++;
    this.entries.clear();
    this.fills.clear();
  }

  get size() {
    return this.entries.size;
  }

  private now() {
    return this.options.now?.() ?? Date.now();
  }

  /** The language the page is rendered in, or null when the request is personal. */
  private languageOf(cookieHeader: string | undefined): string | null {
    if (!cookieHeader) return this.options.defaultLanguage;
    let language = this.options.defaultLanguage;
    for (const part of cookieHeader.split(";")) {
      const eq = part.indexOf("=");
      const name = (eq < 0 ? part : part.slice(0, eq)).trim();
      if (this.options.personalCookies.includes(name)) return null;
      if (name === this.options.languageCookie) {
        const known = this.options.languageValues.get(part.slice(eq + 1).trim());
        // A language cookie the app did not sign: let the app decide, do not cache its answer.
        if (!known) return null;
        language = known;
      }
    }
    return language;
  }

  private fill(key: string, pathname: string, language: string, policy: CachePolicy): Fill {
    const pending = this.fills.get(key);
    if (pending) return pending;
    const generation = this.generation;
    const cookieValue = [...this.options.languageValues].find(([, locale]) => locale === language)?.[0];
    const cookie = language === this.options.defaultLanguage || !cookieValue ? null : `${this.options.languageCookie}=${cookieValue}`;
    const fill: Fill = (async () => {
      const response = await this.options.render(pathname, cookie);
      const type = response.headers.get("content-type") ?? "";
      // Only a plain 200 HTML page that sets nothing per visitor is shared.
      if (response.status !== 200 || !type.startsWith("text/html") || response.headers.has("set-cookie")) {
        await response.body?.cancel();
        return null;
      }
      const html = await response.text();
      const entry = this.entryFor(html, policy);
      if (generation === this.generation) {
        if (this.entries.size >= (this.options.maxEntries ?? 500)) this.entries.delete(this.entries.keys().next().value!);
        this.entries.set(key, entry);
      }
      return entry;
    })().finally(() => {
      if (this.fills.get(key) === fill) this.fills.delete(key);
    });
    this.fills.set(key, fill);
    return fill;
  }

  private entryFor(html: string, policy: CachePolicy): Entry {
    const now = this.now();
    const lastModifiedSeconds = Math.floor(now / 1000);
    const lastModified = new Date(lastModifiedSeconds * 1000).toUTCString();
    const common = {
      ...this.options.headers(inlineScriptHashes(html)),
      "Cache-Control": cacheControl(policy),
      "Last-Modified": lastModified,
      Vary: "Cookie, Accept-Encoding",
    };
    const body = Buffer.from(html, "utf8");
    const tag = createHash("sha1").update(body).digest("base64url").slice(0, 27);
    const variant = (bytes: Buffer, etag: string, extra: Record<string, string>): Variant => ({
      body: bytes,
      etag,
      head200: { ...common, ...extra, ETag: etag, "Content-Type": "text/html; charset=utf-8", "Content-Length": bytes.length },
      head304: { ...common, ...extra, ETag: etag },
    });
    const identity = variant(body, `"${tag}"`, {});
    const zipped = gzipSync(body);
    const gzip = zipped.length < body.length ? variant(zipped, `"${tag}-gz"`, { "Content-Encoding": "gzip" }) : null;
    return { identity, gzip, lastModifiedSeconds, expires: now + policy.ttlSeconds * 1000 };
  }

  private send(req: IncomingMessage, res: ServerResponse, entry: Entry) {
    const accept = req.headers["accept-encoding"];
    const variant = entry.gzip && typeof accept === "string" && accept.includes("gzip") ? entry.gzip : entry.identity;
    if (this.notModified(req, entry, variant)) {
      this.stats.notModified++;
      res.writeHead(304, variant.head304);
      res.end();
      return;
    }
    res.writeHead(200, variant.head200);
    res.end(req.method === "HEAD" ? undefined : variant.body);
  }

  private notModified(req: IncomingMessage, entry: Entry, variant: Variant) {
    const ifNoneMatch = req.headers["if-none-match"];
    if (ifNoneMatch) {
      return ifNoneMatch
        .split(",")
        .map((tag) => tag.trim().replace(/^W\//, ""))
        .some((tag) => tag === "*" || tag === variant.etag);
    }
    const ifModifiedSince = req.headers["if-modified-since"];
    if (!ifModifiedSince) return false;
    const since = Date.parse(ifModifiedSince);
    return !Number.isNaN(since) && entry.lastModifiedSeconds * 1000 <= since;
  }
}
