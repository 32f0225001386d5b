// The blog as readers and editors see it: drafts and scheduled posts never reach the public (pages,
// feeds, sitemap, search, related posts) until published; scheduling publishes at the Rome time;
// feeds parse; hostile markdown stays inert; the page cache never serves a post's old text after an
// edit; images get their resized copies.
import { parseFeed } from "@rowanmanning/feed-parser";
import { DOMParser } from "@xmldom/xmldom";
import sharp from "sharp";
import { db } from "~/lib/db.server.ts";
import { PublicPageCache } from "~/lib/page-cache/cache.server.ts";
import { onPublicPagesChanged } from "~/lib/page-cache/invalidate.server.ts";
import { setStorageForTests } from "~/lib/storage/storage.server.ts";
import { imageForPage, storeImage } from "~/modules/blog/images.server.ts";
import { publishDuePosts } from "~/modules/blog/posts.server.ts";
import { runDueJobs } from "~/lib/jobs/runner.server.ts";
import "~/modules/blog/jobs.server.ts";
import { romeDateTime } from "~/modules/blog/text.ts";
import * as blogIndex from "~/routes/blog._index.tsx";
import * as blogPost from "~/routes/blog.$slug.tsx";
import * as blogTag from "~/routes/blog.tag.$tag.tsx";
import * as blogAuthor from "~/routes/blog.author.$id.tsx";
import * as rss from "~/routes/blog.rss[.]xml.ts";
import * as atom from "~/routes/blog.atom[.]xml.ts";
import * as sitemapRoute from "~/routes/sitemap[.]xml.ts";
import * as robotsRoute from "~/routes/robots[.]txt.ts";
import * as manageNew from "~/routes/blog.manage.new.tsx";
import * as manageEdit from "~/routes/blog.manage.$id._index.tsx";
import * as preview from "~/routes/blog.manage.$id.preview.tsx";
import * as imageRoute from "~/routes/blog.images.$id.($width).ts";
import { XSS_CORPUS } from "../fixtures/xss-corpus.ts";
import { unsafeParts } from "../helpers/html-safety.ts";
import { createUser, sessionCookieFor } from "../helpers/fixtures.ts";
import { localBackend, type TestBackend } from "../helpers/storage.ts";
import { call, formRequest, getRequest } from "../helpers/requests.ts";

let tutorCookie: string;
let otherTutorCookie: string;
let memberCookie: string;
let tutorId: string;
let backend: TestBackend;

beforeAll(async () => {
  const tutor = await createUser({ role: "TUTOR", name: "Giulia Tutor" });
  tutorId = tutor.id;
  tutorCookie = await sessionCookieFor(tutor.id);
  otherTutorCookie = await sessionCookieFor((await createUser({ role: "TUTOR" })).id);
  memberCookie = await sessionCookieFor((await createUser({ role: "MEMBER" })).id);
  backend = await localBackend();
  setStorageForTests(backend.storage);
});

afterAll(async () => {
  setStorageForTests(undefined);
  await backend.stop();
});

async function newPost(fields: Record<string, string>, cookie = tutorCookie) {
  const response = await call(manageNew.action, formRequest("/blog/manage/new", { intent: "save", excerpt: "", tags: "", ...fields }, { cookie }));
  expect(response.status).toBe(302);
  const id = response.headers.get("Location")!.split("/").pop()!;
  return id;
}

const edit = (id: string, fields: Record<string, string>, cookie = tutorCookie) => call(manageEdit.action, formRequest(`/blog/manage/${id}`, fields, { cookie }), { id });
const page = (slug: string) => call(blogPost.loader, getRequest(`/blog/${slug}`), { slug });
const text = async (loader: (args: never) => unknown, path: string) => (await call(loader as never, getRequest(path))).text();
const everything = async () =>
  [
    await text(blogIndex.loader as never, "/blog"),
    await text(rss.loader as never, "/blog/rss.xml"),
    await text(atom.loader as never, "/blog/atom.xml"),
    await text(sitemapRoute.loader as never, "/sitemap.xml"),
    await text(blogIndex.loader as never, "/blog?q=segreto"),
  ].join("\n");

describe("drafts and scheduled posts stay private", () => {
  let publishedId: string;
  let draftId: string;

  beforeAll(async () => {
    publishedId = await newPost({ title: "Open data nei comuni", body: "I dati aperti aiutano i comuni.", tags: "Open data, Comuni", excerpt: "Perché aprire i dati." });
    expect((await edit(publishedId, { intent: "publish" })).status).toBe(302);
    draftId = await newPost({ title: "Bozza segreto", body: "Testo segreto della bozza.", tags: "Open data" });
  });

  it("answers 404 for a draft everywhere the public looks, and lists only the published post", async () => {
    expect((await page("bozza-segreto")).status).toBe(404);
    const published = await page("open-data-nei-comuni");
    expect(published.status).toBe(200);
    const data = await published.json();
    expect(data.post.title).toBe("Open data nei comuni");
    expect(data.related).toEqual([]);
    const all = await everything();
    expect(all).toContain("Open data nei comuni");
    expect(all).not.toMatch(/Bozza segreto|Testo segreto/);
  });

  it("lets its author preview the draft, and nobody else", async () => {
    expect((await call(preview.loader, getRequest(`/blog/manage/${draftId}/preview`, { cookie: tutorCookie }), { id: draftId })).status).toBe(200);
    expect((await call(preview.loader, getRequest(`/blog/manage/${draftId}/preview`, { cookie: otherTutorCookie }), { id: draftId })).status).toBe(403);
    expect((await call(preview.loader, getRequest(`/blog/manage/${draftId}/preview`, { cookie: memberCookie }), { id: draftId })).status).toBe(403);
    expect((await edit(draftId, { intent: "publish" }, otherTutorCookie)).status).toBe(403);
  });

  it("publishes a scheduled post at its Rome time, not before, then shows it in feeds, sitemap, tag, author and related posts", async () => {
    const at = romeDateTime("2099-03-29", "02:30")!; // the hour skipped by daylight saving: 03:30 Rome
    expect(at.toISOString()).toBe("2099-03-29T01:30:00.000Z");
    const id = await newPost({ title: "Programmato segreto", body: "Uscirà più tardi.", tags: "Open data" });
    const scheduled = await edit(id, { intent: "schedule", publishDay: "2099-03-29", publishTime: "02:30" });
    expect(scheduled.status).toBe(302);
    expect(await db.job.count({ where: { type: "blog.publish-due", runAt: at } })).toBe(1);
    expect((await page("programmato-segreto")).status).toBe(404);
    expect(await publishDuePosts(new Date(at.getTime() - 1000))).toBe(0);
    expect(await everything()).not.toMatch(/Programmato segreto|Uscirà/);
    expect(await publishDuePosts(at)).toBe(1);
    expect((await page("programmato-segreto")).status).toBe(200);
    const all = await everything();
    expect(all).toContain("Programmato segreto");
    const related = await (await page("open-data-nei-comuni")).json();
    expect(related.related.map((p: { title: string }) => p.title)).toEqual(["Programmato segreto"]);
    expect((await call(blogTag.loader, getRequest("/blog/tag/open-data"), { tag: "open-data" })).status).toBe(200);
    expect((await call(blogTag.loader, getRequest("/blog/tag/nessuno"), { tag: "nessuno" })).status).toBe(404);
    expect((await call(blogAuthor.loader, getRequest(`/blog/author/${tutorId}`), { id: tutorId })).status).toBe(200);
    // Taken down: gone again, from everything.
    expect((await edit(id, { intent: "unpublish" })).status).toBe(302);
    expect((await page("programmato-segreto")).status).toBe(404);
    expect(await everything()).not.toMatch(/Programmato segreto|Uscirà/);
  });

  it("the worker's job publishes a scheduled post when its time comes, not before", async () => {
    const id = await newPost({ title: "Uscita col lavoro", body: "Pubblicato dal job." });
    expect((await edit(id, { intent: "schedule", publishDay: "2098-06-01", publishTime: "09:00" })).status).toBe(302);
    const at = romeDateTime("2098-06-01", "09:00")!;
    expect(at.toISOString()).toBe("2098-06-01T07:00:00.000Z"); // summer time: UTC+2
    await runDueJobs({ now: new Date(at.getTime() - 60_000) });
    expect((await page("uscita-col-lavoro")).status).toBe(404);
    await runDueJobs({ now: at });
    expect((await page("uscita-col-lavoro")).status).toBe(200);
    expect(await text(rss.loader as never, "/blog/rss.xml")).toContain("Uscita col lavoro");
    await edit(id, { intent: "unpublish" });
  });

  it("refuses a schedule in the past and keeps what was typed", async () => {
    const response = await edit(draftId, { intent: "schedule", publishDay: "2020-01-01", publishTime: "10:00" });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.fieldErrors.publishDay).toEqual(["blog:errors.scheduleInPast"]);
    expect(body.values.publishTime).toBe("10:00");
  });

  it("keeps every saved version in the history", async () => {
    await edit(draftId, { intent: "save", title: "Bozza segreto, seconda versione", body: "Nuovo testo.", excerpt: "", tags: "" });
    const revisions = await db.blogRevision.findMany({ where: { postId: draftId }, orderBy: { createdAt: "asc" } });
    expect(revisions.map((r) => r.title)).toEqual(["Bozza segreto", "Bozza segreto, seconda versione"]);
  });
});

describe("feeds, sitemap and robots", () => {
  it("RSS 2.0 and Atom are well-formed and a feed reader reads their required elements", async () => {
    const rssText = await text(rss.loader as never, "/blog/rss.xml");
    const atomText = await text(atom.loader as never, "/blog/atom.xml");
    expect(validateXml(rssText)).toBe(true);
    expect(validateXml(atomText)).toBe(true);
    for (const xml of [rssText, atomText]) {
      const feed = parseFeed(xml);
      expect(feed.title).toBe("CO-OP · Blog");
      expect(feed.url).toMatch(/\/blog$/);
      expect(feed.items.length).toBeGreaterThan(0);
      for (const item of feed.items) {
        expect(item.title).toBeTruthy();
        expect(item.url).toMatch(/^http:\/\/localhost:\d+\/blog\/[a-z0-9-]+$|^https?:\/\/.+\/blog\/[a-z0-9-]+$/);
        expect(item.id).toBeTruthy();
        expect(item.published).toBeInstanceOf(Date);
      }
    }
    expect(parseFeed(rssText).meta.type).toBe("rss");
    expect(parseFeed(atomText).meta.type).toBe("atom");
  });

  it("answers a revalidation with 304", async () => {
    const first = await call(rss.loader as never, getRequest("/blog/rss.xml"));
    const etag = first.headers.get("ETag")!;
    expect(first.headers.get("Content-Type")).toMatch(/application\/rss\+xml/);
    const again = await call(rss.loader as never, getRequest("/blog/rss.xml", { headers: { "If-None-Match": etag } }));
    expect(again.status).toBe(304);
  });

  it("the sitemap is valid XML listing the blog; robots.txt points to it", async () => {
    const xml = await text(sitemapRoute.loader as never, "/sitemap.xml");
    expect(validateXml(xml)).toBe(true);
    expect(xml).toContain("/blog/open-data-nei-comuni</loc>");
    const robots = await text(robotsRoute.loader as never, "/robots.txt");
    expect(robots).toMatch(/^Sitemap: .+\/sitemap\.xml$/m);
    expect(robots).toContain("Disallow: /blog/manage");
  });
});

describe("hostile markdown", () => {
  it("renders every payload of the corpus inert on the post page and in the feeds", async () => {
    // Stored as is (the editor's form refuses control characters some payloads carry).
    const id = await newPost({ title: "Corpus ostile", body: "provvisorio" });
    await db.blogPost.update({ where: { id }, data: { body: XSS_CORPUS.join("\n\n") } });
    await edit(id, { intent: "publish" });
    const data = await (await page("corpus-ostile")).json();
    expect(unsafeParts(data.post.html, { imagePrefix: "/blog/images/" }), "page").toEqual([]);
    expect(data.jsonLd).not.toContain("<");
    // The feed's HTML as an XML parser reads it (the feed reader library decodes entities twice,
    // which would turn escaped text such as "&lt;script&gt;" into markup no real reader sees).
    const document = parseXml(await text(atom.loader as never, "/blog/atom.xml"));
    const entries = Array.from(document.getElementsByTagName("entry"));
    const entry = entries.find((e) => e.getElementsByTagName("title")[0].textContent === "Corpus ostile")!;
    expect(unsafeParts(entry.getElementsByTagName("content")[0].textContent ?? "", { imagePrefix: "/blog/images/" }), "feed").toEqual([]);
    await edit(id, { intent: "unpublish" });
  });
});

describe("the public-page cache after an edit", () => {
  it("never serves the old text once the edit is saved", async () => {
    const id = await newPost({ title: "Versione uno", body: "Testo uno.", slug: "cache-prova" });
    await edit(id, { intent: "publish" });
    const renders: string[] = [];
    const cache = new PublicPageCache({
      policyFor: (path) => (path.startsWith("/blog/") ? { maxAge: 0, sMaxAge: 60, staleWhileRevalidate: 300, ttlSeconds: 300 } : null),
      render: async (pathname) => {
        renders.push(pathname);
        const response = await page(pathname.replace("/blog/", ""));
        const data = await response.json();
        return new Response(`<html><body><h1>${data.post.title}</h1></body></html>`, { headers: { "Content-Type": "text/html" } });
      },
      personalCookies: [],
      languageCookie: "coop_lng",
      languageValues: new Map(),
      defaultLanguage: "it",
      headers: () => ({}),
    });
    const stop = onPublicPagesChanged(() => cache.clear());
    const get = async () => {
      const { req, res, body } = fakeExchange("/blog/cache-prova");
      expect(cache.handle(req, res, () => undefined)).toBe(true);
      return body();
    };
    try {
      expect(await get()).toContain("Versione uno");
      expect(await get()).toContain("Versione uno");
      expect(renders).toHaveLength(1);
      await edit(id, { intent: "save", title: "Versione due", slug: "cache-prova", body: "Testo due.", excerpt: "", tags: "" });
      expect(await get()).toContain("Versione due");
      await edit(id, { intent: "unpublish" });
      // Taken down: the cache renders again and gets the 404, so it serves nothing.
      const { req, res } = fakeExchange("/blog/cache-prova");
      let fellBack = false;
      cache.handle(req, res, () => (fellBack = true));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(fellBack).toBe(true);
    } finally {
      stop();
    }
  });
});

describe("images", () => {
  it("keeps the original with its size and makes narrower WebP copies, served with a long cache", async () => {
    const png = await sharp({ create: { width: 1200, height: 600, channels: 3, background: "#0066cc" } }).png().toBuffer();
    const image = await storeImage({ bytes: new Uint8Array(png), contentType: "image/png" }, "Un rettangolo blu", tutorId);
    const shown = (await imageForPage(image.id))!;
    expect(shown).toMatchObject({ width: 1200, height: 600, alt: "Un rettangolo blu" });
    expect(shown.srcSet).toContain(`/blog/images/${image.id}/480 480w`);
    expect(shown.srcSet).toContain(`/blog/images/${image.id}/960 960w`);
    expect(shown.srcSet).not.toContain("1600w");
    const variant = await call(imageRoute.loader, getRequest(`/blog/images/${image.id}/480`), { id: image.id, width: "480" });
    expect(variant.headers.get("Content-Type")).toBe("image/webp");
    const meta = await sharp(Buffer.from(await variant.arrayBuffer())).metadata();
    expect(meta.width).toBe(480);
    expect((await call(imageRoute.loader, getRequest(`/blog/images/${image.id}/123`), { id: image.id, width: "123" })).status).toBe(404);
  });
});

/** Parses XML strictly (any error or warning throws); the document for further checks. */
function parseXml(xml: string) {
  const fail = (message: string) => {
    throw new Error(`not well-formed XML: ${message}`);
  };
  return new DOMParser({ errorHandler: { warning: fail, error: fail, fatalError: fail } }).parseFromString(xml, "text/xml");
}
const validateXml = (xml: string) => Boolean(parseXml(xml).documentElement);

// A minimal IncomingMessage/ServerResponse pair for PublicPageCache.handle.
function fakeExchange(url: string) {
  const req = { method: "GET", url, headers: {} } as never;
  let resolve: (text: string) => void;
  const done = new Promise<string>((r) => (resolve = r));
  const res = {
    writeHead() {
      return res;
    },
    end(chunk?: Buffer) {
      resolve(chunk ? chunk.toString("utf8") : "");
    },
  } as never;
  return { req, res, body: () => done };
}
