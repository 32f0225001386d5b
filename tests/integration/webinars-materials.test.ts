// Materials: staff upload slides (kind checked by content), those who may attend list and download
// them, a BASIC member of a PLUS-only webinar gets 404 (the file's existence is not revealed),
// after the webinar the registered keep access; staff delete (the stored file goes too); audited.
import { setStorageForTests, storage } from "~/lib/storage/storage.server.ts";
import { db } from "~/lib/db.server.ts";
import * as uploadRoute from "~/routes/webinars.$slug.materials.tsx";
import * as downloadRoute from "~/routes/webinars.$slug.materials.$id.ts";
import * as editPage from "~/routes/webinars.$slug.edit.tsx";
import * as detailPage from "~/routes/webinars.$slug._index.tsx";
import { call, formRequest, getRequest } from "../helpers/requests.ts";
import { localBackend, type TestBackend } from "../helpers/storage.ts";
import { member, organizationWithKit, webinar as makeWebinar } from "./webinars-fixtures.ts";

const PDF = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";
let backend: TestBackend;
beforeAll(async () => {
  backend = await localBackend();
  setStorageForTests(backend.storage);
});
afterAll(async () => {
  setStorageForTests(undefined);
  await backend.stop();
});

function upload(slug: string, cookie: string, file: { name: string; content: string; type: string }, title = "") {
  const form = new FormData();
  form.append("title", title);
  form.append("file", new Blob([file.content], { type: file.type }), file.name);
  return call(uploadRoute.action, new Request(new URL(`/webinars/${slug}/materials`, "http://localhost:3000"), { method: "POST", body: form, headers: { Cookie: cookie } }), { slug });
}

it("uploads, lists and downloads for those who may attend; 404 for others; the registered keep them after the end; delete removes the file", async () => {
  const tutor = await member(null, { role: "TUTOR" });
  const plus = await member((await organizationWithKit("PLUS")).id);
  const basic = await member((await organizationWithKit("BASIC")).id);
  const webinar = await makeWebinar({ title: "Con slide", kits: ["PLUS"] });

  expect((await upload(webinar.slug, tutor.cookie, { name: "slide.pdf", content: "non un pdf", type: "application/pdf" })).status).toBe(415);
  expect((await upload(webinar.slug, plus.cookie, { name: "slide.pdf", content: PDF, type: "application/pdf" })).status).toBe(403);
  expect((await upload(webinar.slug, tutor.cookie, { name: "Slide del webinar.pdf", content: PDF, type: "application/pdf" }, "Le slide")).status).toBe(302);
  const material = await db.webinarMaterial.findFirstOrThrow({ where: { webinarId: webinar.id } });
  expect(material).toMatchObject({ title: "Le slide", fileName: "Slide del webinar.pdf", contentType: "application/pdf", size: PDF.length });
  expect(await storage().head(material.storageKey)).not.toBeNull();

  const download = (cookie: string) => call(downloadRoute.loader, getRequest(`/webinars/${webinar.slug}/materials/${material.id}`, { cookie }), { slug: webinar.slug, id: material.id });
  const ok = await download(plus.cookie);
  expect(ok.status).toBe(200);
  expect(await ok.text()).toBe(PDF);
  expect(ok.headers.get("Content-Disposition")).toContain("attachment");
  expect((await download(basic.cookie)).status).toBe(404);
  const pageFor = async (cookie: string) => (await (await call(detailPage.loader, getRequest(`/webinars/${webinar.slug}`, { cookie }), { slug: webinar.slug })).json()) as { materials: { title: string }[]; materialsHidden: boolean };
  expect((await pageFor(plus.cookie)).materials.map((m) => m.title)).toEqual(["Le slide"]);
  expect(await pageFor(basic.cookie)).toMatchObject({ materials: [], materialsHidden: true });

  // After the webinar: the registered keep the slides, the others do not.
  await db.webinarRegistration.create({ data: { webinarId: webinar.id, userId: plus.user.id, status: "REGISTERED" } });
  const other = await member((await organizationWithKit("PLUS")).id);
  await db.webinar.update({ where: { id: webinar.id }, data: { status: "ENDED" } });
  expect((await download(plus.cookie)).status).toBe(200);
  expect((await download(other.cookie)).status).toBe(404);

  await db.webinar.update({ where: { id: webinar.id }, data: { status: "SCHEDULED" } });
  const deleted = await call(editPage.action, formRequest(`/webinars/${webinar.slug}/edit`, { intent: "deleteMaterial", materialId: material.id }, { cookie: tutor.cookie }), { slug: webinar.slug });
  expect(deleted.status).toBe(302);
  expect(await db.webinarMaterial.count({ where: { webinarId: webinar.id } })).toBe(0);
  expect(await storage().head(material.storageKey)).toBeNull();
  expect((await db.auditLog.findMany({ where: { targetId: webinar.id }, orderBy: { createdAt: "asc" } })).map((entry) => entry.action)).toEqual(["webinar.material_add", "webinar.material_delete"]);
});
