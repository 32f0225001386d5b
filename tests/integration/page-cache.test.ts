// The public-page cache in front of the app: anonymous GETs of opted-in pages come from memory
// with ETag/Last-Modified validation and CDN headers; anything personal goes to the app; a change
// published on the event bus empties the cache; cached pages allow their inline scripts by hash.
import { createHash } from "node:crypto";
import http, { type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { PublicPageCache } from "~/lib/page-cache/cache.server.ts";
import { invalidatePublicPages, onPublicPagesChanged } from "~/lib/page-cache/invalidate.server.ts";
import { cachePolicies, type BuildRoute } from "~/lib/page-cache/routes.server.ts";
import { localeCookieValues } from "~/lib/i18n/locale.server.ts";
import { contentSecurityPolicy } from "../../server/security.ts";

let server: Server;
let base: string;
let renders: { pathname: string; cookie: string | null }[] = [];
let version = 1;
let cache: PublicPageCache;
let unsubscribe: () => void;
const SCRIPT = 'window.__remixContext = {"state":1};';

const routes: Record<string, BuildRoute> = {
  root: { id: "root", path: "", module: {} },
  "routes/_index": { id: "routes/_index", parentId: "root", index: true, module: { handle: { cache: true } } },
  "routes/accessibility": { id: "routes/accessibility", parentId: "root", path: "accessibility", module: { handle: { cache: { sMaxAge: 120 } } } },
  "routes/login": { id: "routes/login", parentId: "root", path: "login", module: {} },
  "routes/blog.$slug": { id: "routes/blog.$slug", parentId: "root", path: "blog/:slug", module: { handle: { cache: true } } },
  "routes/blog.new": { id: "routes/blog.new", parentId: "root", path: "blog/new", module: {} },
};

beforeAll(async () => {
  const languageValues = await localeCookieValues();
  cache = new PublicPageCache({
    policyFor: cachePolicies(routes),
    render: async (pathname, cookie) => {
      renders.push({ pathname, cookie });
      await new Promise((resolve) => setTimeout(resolve, 20));
      const language = cookie ? languageValues.get(cookie.split("=")[1]) : "it";
      return new Response(`<html lang="${language}"><body>${pathname} v${version}<script>${SCRIPT}</script><script src="/build/x.js"></script></body></html>`, {
        headers: { "Content-Type": "text/html; charset=utf-8" },
      });
    },
    personalCookies: ["coop_session", "__Host-coop_session", "coop_flash"],
    languageCookie: "coop_lng",
    languageValues,
    defaultLanguage: "it",
    headers: (hashes) => ({ "Content-Security-Policy": contentSecurityPolicy(hashes), "X-Content-Type-Options": "nosniff" }),
  });
  unsubscribe = onPublicPagesChanged(() => cache.clear());
  const app = (_req: http.IncomingMessage, res: http.ServerResponse) => {
    res.writeHead(200, { "Content-Type": "text/html", "Cache-Control": "private, no-store" });
    res.end("from the app");
  };
  server = http.createServer((req, res) => {
    if (!cache.handle(req, res, app)) app(req, res);
  });
  server.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  unsubscribe();
  server.close();
});
beforeEach(() => {
  cache.clear();
  renders = [];
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });

it("renders an anonymous page once and serves the copy with validators and CDN headers", async () => {
  const first = await get("/accessibility", { "Accept-Encoding": "identity" });
  const second = await get("/accessibility", { "Accept-Encoding": "identity" });
  expect(renders).toHaveLength(1);
  expect(await first.text()).toContain("/accessibility v1");
  expect(await second.text()).toContain("/accessibility v1");
  expect(second.headers.get("cache-control")).toBe("public, max-age=0, s-maxage=120, stale-while-revalidate=300");
  expect(second.headers.get("etag")).toMatch(/^"[\w-]+"$/);
  expect(second.headers.get("etag")).toBe(first.headers.get("etag"));
  expect(new Date(second.headers.get("last-modified")!).getTime()).toBeGreaterThan(Date.now() - 60_000);
  expect(second.headers.get("vary")).toBe("Cookie, Accept-Encoding");
});

it("answers 304 to a browser that has the current copy (If-None-Match, If-Modified-Since), 200 otherwise", async () => {
  const page = await get("/", { "Accept-Encoding": "identity" });
  const etag = page.headers.get("etag")!;
  const revalidated = await get("/", { "If-None-Match": etag, "Accept-Encoding": "identity" });
  expect(revalidated.status).toBe(304);
  expect(await revalidated.text()).toBe("");
  expect(revalidated.headers.get("etag")).toBe(etag);
  expect((await get("/", { "If-None-Match": '"stale"', "Accept-Encoding": "identity" })).status).toBe(200);
  expect((await get("/", { "If-Modified-Since": page.headers.get("last-modified")!, "Accept-Encoding": "identity" })).status).toBe(304);
  expect((await get("/", { "If-Modified-Since": new Date(Date.now() - 3_600_000).toUTCString() })).status).toBe(200);
});

it("sends a gzip copy with its own ETag to browsers that accept it", async () => {
  const response = await new Promise<http.IncomingMessage>((resolve) => http.get(`${base}/`, { headers: { "Accept-Encoding": "gzip" } }, resolve));
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  expect(response.headers["content-encoding"]).toBe("gzip");
  expect(response.headers.etag).toMatch(/-gz"$/);
  expect(gunzipSync(Buffer.concat(chunks)).toString()).toContain("/ v1");
});

it("allows the page's inline scripts by hash, with no nonce a visitor could reuse", async () => {
  const response = await get("/");
  const csp = response.headers.get("content-security-policy")!;
  const hash = createHash("sha256").update(SCRIPT).digest("base64");
  expect(csp).toContain(`script-src 'self' 'sha256-${hash}'`);
  expect(csp).not.toContain("nonce-");
});

it("never serves a signed-in visitor, a flash message or an unknown language cookie from the cache", async () => {
  await get("/accessibility");
  for (const cookie of ["coop_session=abc", "__Host-coop_session=abc", "other=1; coop_flash=xyz", "coop_lng=forged"]) {
    const response = await get("/accessibility", { Cookie: cookie });
    expect(await response.text(), cookie).toBe("from the app");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
  }
  // Unrelated cookies (an analytics id) do not make a page personal.
  expect(await (await get("/accessibility", { Cookie: "_pk_id=42" })).text()).toContain("v1");
});

it("keeps one copy per language, keyed by the app's own signed language cookie", async () => {
  const values = [...(await localeCookieValues())];
  const english = values.find(([, locale]) => locale === "en")![0];
  const italian = await (await get("/")).text();
  const inEnglish = await (await get("/", { Cookie: `coop_lng=${english}` })).text();
  expect(italian).toContain('lang="it"');
  expect(inEnglish).toContain('lang="en"');
  expect(renders.map((render) => render.cookie)).toEqual([null, `coop_lng=${english}`]);
});

it("leaves pages that did not opt in, query strings and other methods to the app, matching routes as Remix does", async () => {
  for (const path of ["/login", "/?page=2", "/blog/new", "/nowhere"]) {
    expect(await (await get(path)).text(), path).toBe("from the app");
  }
  expect(await (await get("/blog/primo-post")).text()).toContain("/blog/primo-post v1");
  const post = await fetch(`${base}/`, { method: "POST" });
  expect(await post.text()).toBe("from the app");
});

it("renders once for many visitors arriving together on an empty cache", async () => {
  const pages = await Promise.all(Array.from({ length: 20 }, () => get("/accessibility").then((r) => r.text())));
  expect(new Set(pages).size).toBe(1);
  expect(renders).toHaveLength(1);
});

it("empties itself when content changes are published on the event bus", async () => {
  await get("/");
  expect(cache.size).toBe(1);
  version = 2;
  await invalidatePublicPages("test");
  await vi.waitFor(() => expect(cache.size).toBe(0));
  expect(await (await get("/")).text()).toContain("/ v2");
  expect(renders).toHaveLength(2);
});
