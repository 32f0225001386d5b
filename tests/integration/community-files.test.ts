// The community's file area (issue 11): folders judged by the forum's visibility rule, uploads
// through the streaming path (oversize, disguised, empty and traversal-named files refused with a
// message and nothing left in storage), the per-organization quota at its boundary, versions,
// downloads (local disk and S3), soft delete and restore by admins, folder editing and deleting by
// staff, the purge of files deleted long ago (bytes included), every step audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server.ts";
import { resetEnvCache } from "~/lib/env.server.ts";
import { setStorageForTests } from "~/lib/storage/storage.server.ts";
import { translatorFor } from "~/lib/i18n/locale.server.ts";
import { action as homeAction, loader as homeLoader } from "~/routes/files._index.tsx";
import { action as folderAction, loader as folderLoader } from "~/routes/files.$folderId.tsx";
import { action as fileAction, loader as fileLoader } from "~/routes/files.file.$fileId._index.tsx";
import { loader as downloadLoader } from "~/routes/files.file.$fileId.v.$number.ts";
import { action as deletedAction, loader as deletedLoader } from "~/routes/files.deleted.tsx";
import { action as editAction, loader as editLoader } from "~/routes/files.$folderId_.edit.tsx";
import { purgeDeletedFiles } from "~/modules/community/files.server.ts";
import { loader as forumLoader } from "~/routes/forum.tsx";
import { BASE_URL, call, formRequest, getRequest } from "../helpers/requests.ts";
import { localBackend, s3Backend, type TestBackend } from "../helpers/storage.ts";
import { enrolledOrganization, person } from "./community-helpers.ts";

const BOUNDARY = "----coop-files";
const MB = 1024 * 1024;

/** Bytes that pass as a PDF by content. */
function pdf(size: number, seed = 1) {
  const bytes = new Uint8Array(size);
  bytes.set(Buffer.from("%PDF-1.7\n"));
  for (let i = 9; i < size; i++) bytes[i] = (i * seed) % 251;
  return bytes;
}

function multipart(path: string, fileName: string, bytes: Uint8Array, cookie: string, headers: Record<string, string> = {}) {
  const head = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  return new Request(new URL(path, BASE_URL), {
    method: "POST",
    headers: { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}`, Cookie: cookie, ...headers },
    body: Buffer.concat([head, Buffer.from(bytes), tail]),
  });
}

type People = Awaited<ReturnType<typeof people>>;
async function people() {
  const orgA = await enrolledOrganization("PLUS");
  const orgB = await enrolledOrganization("PLUS");
  const basicOrg = await enrolledOrganization("BASIC");
  return {
    orgA, orgB,
    anna: await person({ organizationId: orgA.id, name: "Anna Autrice" }),
    bruno: await person({ organizationId: orgA.id, name: "Bruno Collega" }),
    carla: await person({ organizationId: orgB.id }),
    basic: await person({ organizationId: basicOrg.id }),
    tutor: await person({ role: "TUTOR" }),
    admin: await person({ role: "ADMIN" }),
  };
}

async function folder(name: string, visibility: "COMMUNITY" | "STAFF" | "LAB" = "COMMUNITY", labId: string | null = null) {
  return db.communityFolder.create({ data: { name, visibility, labId } });
}

const uploadTo = (folderId: string, fileName: string, bytes: Uint8Array, cookie: string, headers?: Record<string, string>) =>
  call(folderAction, multipart(`/files/${folderId}`, fileName, bytes, cookie, headers), { folderId });
const versionOf = (fileId: string, fileName: string, bytes: Uint8Array, cookie: string) => call(fileAction, multipart(`/files/file/${fileId}`, fileName, bytes, cookie), { fileId });
const download = (fileId: string, number: number, cookie: string, headers: Record<string, string> = {}) =>
  call(downloadLoader, getRequest(`/files/file/${fileId}/v/${number}`, { cookie, headers }), { fileId, number: String(number) });
const it18 = translatorFor("it");

let backend: TestBackend;
let p: People;
beforeAll(async () => {
  process.env.FILES_UPLOAD_MAX_MB = "1";
  process.env.FILES_ORG_QUOTA_MB = "1";
  resetEnvCache();
  backend = await localBackend();
  setStorageForTests(backend.storage);
  p = await people();
});
afterAll(async () => {
  delete process.env.FILES_UPLOAD_MAX_MB;
  delete process.env.FILES_ORG_QUOTA_MB;
  resetEnvCache();
  setStorageForTests(undefined);
  await backend.stop();
});

describe("visibility: the forum's rule, 404 for what one may not see", () => {
  it("members see community folders only; staff see staff and lab folders; BASIC members and visitors are refused", async () => {
    const open = await folder("Modelli di delibera");
    const staff = await folder("Riservata allo staff", "STAFF");
    const lab = await folder("Laboratorio PNRR", "LAB", "lab-pnrr");
    const names = async (cookie?: string) => ((await (await call(homeLoader, getRequest("/files", { cookie }))).json()) as { folders: { name: string }[] }).folders.map((f) => f.name);
    expect(await names(p.anna.cookie)).toContain(open.name);
    expect(await names(p.anna.cookie)).not.toContain(staff.name);
    expect(await names(p.anna.cookie)).not.toContain(lab.name);
    expect(await names(p.tutor.cookie)).toEqual(expect.arrayContaining([open.name, staff.name, lab.name]));
    expect((await call(homeLoader, getRequest("/files", { cookie: p.basic.cookie }))).status).toBe(403);
    expect((await call(homeLoader, getRequest("/files"))).headers.get("Location")).toMatch(/^\/login/);

    for (const hidden of [staff, lab]) {
      expect((await call(folderLoader, getRequest(`/files/${hidden.id}`, { cookie: p.anna.cookie }), { folderId: hidden.id })).status).toBe(404);
      // uploading into it by id: 404, and nothing is stored
      const before = await backend.listKeys();
      expect((await uploadTo(hidden.id, "nota.pdf", pdf(1000), p.anna.cookie)).status).toBe(404);
      expect(await backend.listKeys()).toEqual(before);
      expect((await call(folderLoader, getRequest(`/files/${hidden.id}`, { cookie: p.admin.cookie }), { folderId: hidden.id })).status).toBe(200);
    }
    // a staff file: its page, its download and a new version are all 404 for members
    const staffUpload = await uploadTo(staff.id, "verbale.pdf", pdf(2000), p.tutor.cookie);
    expect(staffUpload.status).toBe(302);
    const staffFile = await db.communityFile.findFirstOrThrow({ where: { folderId: staff.id } });
    expect((await call(fileLoader, getRequest(`/files/file/${staffFile.id}`, { cookie: p.anna.cookie }), { fileId: staffFile.id })).status).toBe(404);
    expect((await download(staffFile.id, 1, p.anna.cookie)).status).toBe(404);
    expect((await versionOf(staffFile.id, "verbale.pdf", pdf(100), p.anna.cookie)).status).toBe(404);
    expect((await download(staffFile.id, 1, p.tutor.cookie)).status).toBe(200);
  });

  it("admins create folders (LAB with a lab id, like categories) and one level of subfolders, which take the parent's visibility", async () => {
    const created = await call(homeAction, formRequest("/files", { name: "Lab scuole", visibility: "LAB", labId: "lab-scuole", position: "1", description: "" }, { cookie: p.admin.cookie }));
    expect(created.status).toBe(302);
    const lab = await db.communityFolder.findFirstOrThrow({ where: { name: "Lab scuole" } });
    expect(lab).toMatchObject({ visibility: "LAB", labId: "lab-scuole" });
    expect((await call(homeAction, formRequest("/files", { name: "", visibility: "COMMUNITY" }, { cookie: p.admin.cookie }))).status).toBe(400);
    expect((await call(homeAction, formRequest("/files", { name: "Mia", visibility: "COMMUNITY" }, { cookie: p.anna.cookie }))).status).toBe(403);
    const sub = await call(folderAction, formRequest(`/files/${lab.id}`, { intent: "folder", name: "Materiali", visibility: "COMMUNITY", position: "0" }, { cookie: p.admin.cookie }), { folderId: lab.id });
    expect(sub.status).toBe(302);
    const child = await db.communityFolder.findFirstOrThrow({ where: { parentId: lab.id } });
    expect(child).toMatchObject({ visibility: "LAB", labId: "lab-scuole" });
    expect((await call(folderLoader, getRequest(`/files/${child.id}`, { cookie: p.anna.cookie }), { folderId: child.id })).status).toBe(404);
    // no third level
    expect((await call(folderAction, formRequest(`/files/${child.id}`, { intent: "folder", name: "Troppo", visibility: "COMMUNITY" }, { cookie: p.admin.cookie }), { folderId: child.id })).status).toBe(400);
    const audit = await db.auditLog.findMany({ where: { action: "community.folder_create", targetId: { in: [lab.id, child.id] } } });
    expect(audit).toHaveLength(2);
  });

  it("/forum is permanently moved to /community", async () => {
    const response = await call(forumLoader, getRequest("/forum"));
    expect(response.status).toBe(301);
    expect(response.headers.get("Location")).toBe("/community");
  });
});

describe("uploads refused with a message, nothing left behind", () => {
  const cases: [string, string, Uint8Array, number, string][] = [
    ["oversize", "grande.pdf", pdf(MB + 1), 413, "uploads:errors.tooLarge"],
    ["a script renamed .pdf", "fattura.pdf", new Uint8Array(Buffer.from("#!/bin/sh\nrm -rf /\n")), 415, "uploads:errors.wrongContent"],
    ["empty", "vuoto.pdf", new Uint8Array(0), 400, "uploads:errors.emptyFile"],
    ["a traversal name without a type", "../../../etc/passwd", new Uint8Array(Buffer.from("root:x:0:0\n")), 415, "uploads:errors.wrongExtension"],
    ["an executable", "setup.exe", new Uint8Array(Buffer.from("MZ\x90\x00")), 415, "uploads:errors.wrongExtension"],
  ];
  it.each(cases)("%s", async (_what, name, bytes, status, key) => {
    const target = await folder(`Rifiuti ${name}`);
    const before = await backend.listKeys();
    const response = await uploadTo(target.id, name, bytes, p.anna.cookie);
    expect(response.status).toBe(status);
    const body = (await response.json()) as { problem: { key: string; values?: Record<string, string> } };
    expect(body.problem.key).toBe(key);
    expect(it18(body.problem.key, body.problem.values)).not.toMatch(/{{|uploads:/);
    expect(await backend.listKeys()).toEqual(before);
    expect(await db.communityFile.count({ where: { folderId: target.id } })).toBe(0);
  });

  it("a traversal name with a real document keeps only its last part; bidi controls that disguise a type are dropped", async () => {
    const target = await folder("Nomi");
    expect((await uploadTo(target.id, "..\\..\\windows\\segreto.pdf", pdf(500), p.anna.cookie)).status).toBe(302);
    expect((await uploadTo(target.id, "fattura\u202Efdp.pdf", pdf(500), p.anna.cookie)).status).toBe(302);
    const names = (await db.communityFileVersion.findMany({ where: { file: { folderId: target.id } }, orderBy: { createdAt: "asc" } })).map((v) => v.fileName);
    expect(names).toEqual(["segreto.pdf", "fatturafdp.pdf"]);
    for (const key of (await db.communityFileVersion.findMany({ where: { file: { folderId: target.id } } })).map((v) => v.storageKey)) expect(key).toMatch(/^community\/files\/[a-z0-9/-]+$/);
  });

  it("XSS payloads in file names are kept as text and served with a safe Content-Disposition", async () => {
    const target = await folder("XSS");
    const name = `<img src=x onerror=alert(1)>'.pdf`;
    expect((await uploadTo(target.id, name, pdf(300), p.anna.cookie)).status).toBe(302);
    const file = await db.communityFile.findFirstOrThrow({ where: { folderId: target.id } });
    expect(file.name).toBe(name);
    const response = await download(file.id, 1, p.anna.cookie);
    const disposition = response.headers.get("Content-Disposition")!;
    expect(disposition).toMatch(/^attachment; filename="/);
    expect(disposition).not.toMatch(/[<>]/);
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
  });
});

describe("upload, download, versions", () => {
  it("a PLUS member uploads (plain form: redirect; script: JSON with the address), downloads whole and by range; a colleague may download but not replace it", async () => {
    const target = await folder("Regolamenti");
    const first = pdf(40_000, 3);
    const plain = await uploadTo(target.id, "regolamento.pdf", first, p.anna.cookie);
    expect(plain.status).toBe(302);
    const file = await db.communityFile.findFirstOrThrow({ where: { folderId: target.id } });
    expect(plain.headers.get("Location")).toBe(`/files/file/${file.id}`);
    expect(file).toMatchObject({ name: "regolamento.pdf", authorId: p.anna.id, versionCount: 1 });
    const scripted = await uploadTo(target.id, "allegato.pdf", pdf(1000), p.anna.cookie, { Accept: "application/json" });
    expect(scripted.status).toBe(200);
    expect(((await scripted.json()) as { to: string }).to).toMatch(/^\/files\/file\//);

    const whole = await download(file.id, 1, p.bruno.cookie);
    expect(whole.status).toBe(200);
    expect(whole.headers.get("Content-Disposition")).toContain('filename="regolamento.pdf"');
    expect(new Uint8Array(await whole.arrayBuffer())).toEqual(first);
    const part = await download(file.id, 1, p.bruno.cookie, { Range: "bytes=100-199" });
    expect(part.status).toBe(206);
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(first.slice(100, 200));

    const refused = await versionOf(file.id, "regolamento.pdf", pdf(100), p.bruno.cookie);
    expect(refused.status).toBe(403);

    // the author uploads version 2 (a new name too); both stay downloadable
    const second = pdf(20_000, 7);
    expect((await versionOf(file.id, "regolamento-2027.pdf", second, p.anna.cookie)).status).toBe(302);
    // staff may add a version as well (counting to no organization)
    expect((await versionOf(file.id, "regolamento-2027.pdf", pdf(500, 11), p.tutor.cookie)).status).toBe(302);
    const page = (await (await call(fileLoader, getRequest(`/files/file/${file.id}`, { cookie: p.bruno.cookie }), { fileId: file.id })).json()) as {
      file: { name: string; versions: { number: number; fileName: string; size: number; uploadedBy: string }[] };
      changes: boolean;
    };
    expect(page.file.name).toBe("regolamento-2027.pdf");
    expect(page.file.versions.map((v) => [v.number, v.fileName, v.size])).toEqual([
      [3, "regolamento-2027.pdf", 500],
      [2, "regolamento-2027.pdf", 20_000],
      [1, "regolamento.pdf", 40_000],
    ]);
    expect(page.changes).toBe(false);
    expect(new Uint8Array(await (await download(file.id, 1, p.bruno.cookie)).arrayBuffer())).toEqual(first);
    expect(new Uint8Array(await (await download(file.id, 2, p.bruno.cookie)).arrayBuffer())).toEqual(second);
    expect((await download(file.id, 4, p.bruno.cookie)).status).toBe(404);
    expect((await db.communityFileVersion.findFirstOrThrow({ where: { fileId: file.id, number: 3 } })).organizationId).toBeNull();
    const actions = (await db.auditLog.findMany({ where: { targetId: file.id }, orderBy: { createdAt: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["community.file_upload", "community.file_version", "community.file_version"]);
    // a member of a PLUS organization of the community sees it too; a BASIC member does not
    expect((await download(file.id, 1, p.carla.cookie)).status).toBe(200);
    expect((await download(file.id, 1, p.basic.cookie)).status).toBe(403);
  });
});

describe("per-organization quota", () => {
  it("counts every live version of the organization's members: exactly the limit passes, one byte more is refused with use and limit; deleting frees space", async () => {
    const target = await folder("Quota");
    await db.communityFileVersion.updateMany({ where: { organizationId: p.orgA.id }, data: { organizationId: "elsewhere" } });
    expect((await uploadTo(target.id, "a.pdf", pdf(600_000), p.anna.cookie)).status).toBe(302);
    // a colleague's upload counts to the same organization: up to exactly 1 MB
    expect((await uploadTo(target.id, "b.pdf", pdf(MB - 600_000), p.bruno.cookie)).status).toBe(302);
    const before = await backend.listKeys();
    const over = await uploadTo(target.id, "c.pdf", pdf(10), p.anna.cookie);
    expect(over.status).toBe(413);
    const problem = ((await over.json()) as { problem: { key: string; values: Record<string, string> } }).problem;
    expect(problem.key).toBe("files:errors.quota");
    expect(it18(problem.key, problem.values)).toContain("in uso 1 MB su 1 MB");
    expect(await backend.listKeys()).toEqual(before);
    // another organization and staff are not affected
    expect((await uploadTo(target.id, "altro-ente.pdf", pdf(1000), p.carla.cookie)).status).toBe(302);
    expect((await uploadTo(target.id, "staff.pdf", pdf(1000), p.tutor.cookie)).status).toBe(302);
    // the home page shows the organization's use
    const home = (await (await call(homeLoader, getRequest("/files", { cookie: p.anna.cookie }))).json()) as { quota: { used: number; limit: number } };
    expect(home.quota).toEqual({ used: MB, limit: MB });

    // deleting "a" frees its space; restoring it would exceed the quota once the space is used again
    const a = await db.communityFile.findFirstOrThrow({ where: { folderId: target.id, name: "a.pdf" } });
    expect((await call(fileAction, formRequest(`/files/file/${a.id}`, { intent: "delete" }, { cookie: p.anna.cookie }), { fileId: a.id })).status).toBe(302);
    expect((await uploadTo(target.id, "c.pdf", pdf(600_000), p.anna.cookie)).status).toBe(302);
    const restore = await call(deletedAction, formRequest("/files/deleted", { fileId: a.id }, { cookie: p.admin.cookie }));
    expect(restore.status).toBe(409);
    expect(((await restore.json()) as { problem: { key: string } }).problem.key).toBe("files:errors.quota");
    expect((await db.communityFile.findUniqueOrThrow({ where: { id: a.id } })).deletedAt).not.toBeNull();
  });
});

describe("concurrency", () => {
  it("concurrent versions get distinct numbers; concurrent uploads past the quota: exactly one is kept", async () => {
    const target = await folder("Concorrenza");
    await uploadTo(target.id, "base.pdf", pdf(100), p.tutor.cookie);
    const file = await db.communityFile.findFirstOrThrow({ where: { folderId: target.id } });
    const statuses = await Promise.all(Array.from({ length: 6 }, (_, i) => versionOf(file.id, `base-${i}.pdf`, pdf(100 + i), p.tutor.cookie)));
    expect(statuses.map((r) => r.status)).toEqual(Array(6).fill(302));
    const numbers = (await db.communityFileVersion.findMany({ where: { fileId: file.id }, orderBy: { number: "asc" } })).map((v) => v.number);
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect((await db.communityFile.findUniqueOrThrow({ where: { id: file.id } })).versionCount).toBe(7);

    const org = await enrolledOrganization("PLUS");
    const one = await person({ organizationId: org.id });
    const two = await person({ organizationId: org.id });
    const before = await backend.listKeys();
    const answers = await Promise.all([uploadTo(target.id, "uno.pdf", pdf(600_000), one.cookie), uploadTo(target.id, "due.pdf", pdf(600_000), two.cookie)]);
    expect(answers.map((r) => r.status).sort()).toEqual([302, 413]);
    expect(await db.communityFileVersion.count({ where: { organizationId: org.id } })).toBe(1);
    // the refused one's object was removed: exactly one new object (and its metadata file) is stored
    expect((await backend.listKeys()).filter((k) => !before.includes(k)).filter((k) => !k.endsWith(".meta.json"))).toHaveLength(1);
  });
});

describe("soft delete and restore", () => {
  it("the author or staff delete; the file leaves the folder and answers 404 to members; admins list and restore it; every step is audited", async () => {
    const target = await folder("Cestino");
    await uploadTo(target.id, "bozza.pdf", pdf(700, 5), p.carla.cookie);
    const file = await db.communityFile.findFirstOrThrow({ where: { folderId: target.id } });
    const del = (cookie: string) => call(fileAction, formRequest(`/files/file/${file.id}`, { intent: "delete" }, { cookie }), { fileId: file.id });
    expect((await del(p.anna.cookie)).status).toBe(403);
    expect((await del(p.carla.cookie)).status).toBe(302);
    const listed = (await (await call(folderLoader, getRequest(`/files/${target.id}`, { cookie: p.carla.cookie }), { folderId: target.id })).json()) as { files: unknown[] };
    expect(listed.files).toEqual([]);
    for (const who of [p.carla, p.anna, p.tutor]) {
      expect((await call(fileLoader, getRequest(`/files/file/${file.id}`, { cookie: who.cookie }), { fileId: file.id })).status).toBe(404);
      expect((await download(file.id, 1, who.cookie)).status).toBe(404);
    }
    // the object stays in storage until it is restored (or purged)
    const version = await db.communityFileVersion.findFirstOrThrow({ where: { fileId: file.id } });
    expect(await backend.storage.head(version.storageKey)).not.toBeNull();

    expect((await call(deletedLoader, getRequest("/files/deleted", { cookie: p.tutor.cookie }))).status).toBe(403);
    const deleted = (await (await call(deletedLoader, getRequest("/files/deleted", { cookie: p.admin.cookie }))).json()) as { files: { id: string; deletedBy: string | null }[] };
    expect(deleted.files.find((f) => f.id === file.id)?.deletedBy).toBe(p.carla.name);
    expect((await call(fileLoader, getRequest(`/files/file/${file.id}`, { cookie: p.admin.cookie }), { fileId: file.id })).status).toBe(200);
    expect((await call(deletedAction, formRequest("/files/deleted", { fileId: file.id }, { cookie: p.admin.cookie }))).status).toBe(302);
    expect((await download(file.id, 1, p.anna.cookie)).status).toBe(200);
    // restoring again: nothing to restore
    expect((await call(deletedAction, formRequest("/files/deleted", { fileId: file.id }, { cookie: p.admin.cookie }))).status).toBe(404);
    const actions = (await db.auditLog.findMany({ where: { targetId: file.id }, orderBy: { createdAt: "asc" } })).map((a) => [a.action, a.actorId]);
    expect(actions).toEqual([
      ["community.file_upload", p.carla.id],
      ["community.file_delete", p.carla.id],
      ["community.file_restore", p.admin.id],
    ]);
  });
});

describe("folder editing and deleting (staff)", () => {
  const edit = (folderId: string, form: Record<string, string>, cookie: string) => call(editAction, formRequest(`/files/${folderId}/edit`, form, { cookie }), { folderId });
  const page = (folderId: string, cookie: string) => call(folderLoader, getRequest(`/files/${folderId}`, { cookie }), { folderId });

  it("a tutor renames a folder and makes it staff-only: its subfolders follow, members then get 404; members may not edit; bad input keeps the values", async () => {
    const top = await folder("Bozze comuni");
    const sub = await db.communityFolder.create({ data: { name: "Allegati", parentId: top.id, visibility: "COMMUNITY" } });
    expect((await call(editLoader, getRequest(`/files/${top.id}/edit`, { cookie: p.anna.cookie }), { folderId: top.id })).status).toBe(403);
    expect((await edit(top.id, { intent: "save", name: "Mia", visibility: "COMMUNITY", position: "0" }, p.anna.cookie)).status).toBe(403);
    expect(((await (await page(top.id, p.anna.cookie)).json()) as { edits: boolean }).edits).toBe(false);
    expect(((await (await page(top.id, p.tutor.cookie)).json()) as { edits: boolean }).edits).toBe(true);
    const form = await call(editLoader, getRequest(`/files/${top.id}/edit`, { cookie: p.tutor.cookie }), { folderId: top.id });
    expect(((await form.json()) as { folder: { name: string } }).folder.name).toBe("Bozze comuni");

    const bad = await edit(top.id, { intent: "save", name: "", description: "tenuta", visibility: "STAFF", position: "0" }, p.tutor.cookie);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { values: Record<string, string> }).values).toMatchObject({ description: "tenuta", visibility: "STAFF" });
    expect((await edit(top.id, { intent: "save", name: "Riservato", visibility: "ALTRO", position: "0" }, p.tutor.cookie)).status).toBe(400);

    expect((await edit(top.id, { intent: "save", name: "Verbali riservati", description: "", visibility: "STAFF", position: "2" }, p.tutor.cookie)).status).toBe(302);
    expect(await db.communityFolder.findUniqueOrThrow({ where: { id: top.id } })).toMatchObject({ name: "Verbali riservati", visibility: "STAFF", position: 2 });
    expect(await db.communityFolder.findUniqueOrThrow({ where: { id: sub.id } })).toMatchObject({ visibility: "STAFF" });
    for (const id of [top.id, sub.id]) {
      expect((await page(id, p.anna.cookie)).status).toBe(404);
      expect((await call(editLoader, getRequest(`/files/${id}/edit`, { cookie: p.anna.cookie }), { folderId: id })).status).toBe(404);
    }
    // a subfolder keeps its parent's visibility whatever the form says; its name changes
    expect((await edit(sub.id, { intent: "save", name: "Allegati 2026", visibility: "COMMUNITY", position: "0" }, p.tutor.cookie)).status).toBe(302);
    expect(await db.communityFolder.findUniqueOrThrow({ where: { id: sub.id } })).toMatchObject({ name: "Allegati 2026", visibility: "STAFF" });
    // and back to everyone: both are visible again
    expect((await edit(top.id, { intent: "save", name: "Verbali", visibility: "COMMUNITY", position: "0" }, p.admin.cookie)).status).toBe(302);
    expect((await page(sub.id, p.anna.cookie)).status).toBe(200);
    expect(await db.auditLog.count({ where: { action: "community.folder_update", targetId: { in: [top.id, sub.id] } } })).toBe(3);
  });

  it("only an empty folder is deleted: a live file, a deleted file awaiting the purge or a subfolder keep it, with a message saying what is left", async () => {
    const top = await folder("Da svuotare");
    await uploadTo(top.id, "tenere.pdf", pdf(500, 17), p.tutor.cookie);
    const file = await db.communityFile.findFirstOrThrow({ where: { folderId: top.id } });
    const sub = await db.communityFolder.create({ data: { name: "Vuota", parentId: top.id, visibility: "COMMUNITY" } });
    expect((await edit(top.id, { intent: "delete" }, p.anna.cookie)).status).toBe(403);
    const refused = await edit(top.id, { intent: "delete" }, p.tutor.cookie);
    expect(refused.status).toBe(409);
    const problem = ((await refused.json()) as { problem: { key: string; values: Record<string, number> } }).problem;
    expect(it18(problem.key, problem.values)).toContain("1 sottocartelle, 1 file e 0 file eliminati");
    // the empty subfolder goes, back to its parent
    const gone = await edit(sub.id, { intent: "delete" }, p.tutor.cookie);
    expect(gone.status).toBe(302);
    expect(gone.headers.get("Location")).toBe(`/files/${top.id}`);
    expect(await db.communityFolder.findUnique({ where: { id: sub.id } })).toBeNull();
    // a deleted file still holds the folder (an admin may restore it there)
    expect((await call(fileAction, formRequest(`/files/file/${file.id}`, { intent: "delete" }, { cookie: p.tutor.cookie }), { fileId: file.id })).status).toBe(302);
    const still = await edit(top.id, { intent: "delete" }, p.tutor.cookie);
    expect(still.status).toBe(409);
    expect(((await still.json()) as { problem: { values: Record<string, number> } }).problem.values).toEqual({ folders: 0, files: 0, deleted: 1 });
    // once purged, the folder is empty and is deleted
    await db.communityFile.update({ where: { id: file.id }, data: { deletedAt: new Date(Date.now() - 40 * 24 * 3600 * 1000) } });
    expect(await purgeDeletedFiles(new Date(), 30)).toBeGreaterThanOrEqual(1);
    const deleted = await edit(top.id, { intent: "delete" }, p.tutor.cookie);
    expect(deleted.headers.get("Location")).toBe("/files");
    expect((await page(top.id, p.tutor.cookie)).status).toBe(404);
    expect(await db.auditLog.count({ where: { action: "community.folder_delete", targetId: { in: [top.id, sub.id] } } })).toBe(2);
    expect((await edit(top.id, { intent: "rename" }, p.tutor.cookie)).status).toBe(404);
  });
});

describe("purge of files deleted long ago", () => {
  it("removes files deleted more than FILES_PURGE_AFTER_DAYS ago, every version's bytes included; newer deletions and restored files stay", async () => {
    process.env.FILES_PURGE_AFTER_DAYS = "7";
    resetEnvCache();
    try {
      const target = await folder("Archivio vecchio");
      const DAY = 24 * 3600 * 1000;
      const now = new Date();
      const upload = async (name: string, seed: number) => {
        await uploadTo(target.id, name, pdf(600, seed), p.tutor.cookie);
        return db.communityFile.findFirstOrThrow({ where: { folderId: target.id, name } });
      };
      const old = await upload("vecchio.pdf", 19);
      expect((await versionOf(old.id, "vecchio.pdf", pdf(650, 23), p.tutor.cookie)).status).toBe(302);
      const recent = await upload("recente.pdf", 29);
      const live = await upload("vivo.pdf", 31);
      await db.communityFile.update({ where: { id: old.id }, data: { deletedAt: new Date(now.getTime() - 8 * DAY), deletedById: p.tutor.id } });
      await db.communityFile.update({ where: { id: recent.id }, data: { deletedAt: new Date(now.getTime() - 6 * DAY), deletedById: p.tutor.id } });
      const keys = async (fileId: string) => (await db.communityFileVersion.findMany({ where: { fileId } })).map((v) => v.storageKey);
      const oldKeys = await keys(old.id);
      expect(oldKeys).toHaveLength(2);
      const keep = [...(await keys(recent.id)), ...(await keys(live.id))];

      expect(await purgeDeletedFiles(now)).toBe(1);
      expect(await db.communityFile.findUnique({ where: { id: old.id } })).toBeNull();
      expect(await db.communityFileVersion.count({ where: { fileId: old.id } })).toBe(0);
      for (const key of oldKeys) expect(await backend.storage.head(key)).toBeNull();
      for (const key of keep) expect(await backend.storage.head(key)).not.toBeNull();
      // gone for admins too: not in the deleted list, its page 404
      const listed = (await (await call(deletedLoader, getRequest("/files/deleted", { cookie: p.admin.cookie }))).json()) as { files: { id: string }[] };
      expect(listed.files.map((f) => f.id)).not.toContain(old.id);
      expect((await call(fileLoader, getRequest(`/files/file/${old.id}`, { cookie: p.admin.cookie }), { fileId: old.id })).status).toBe(404);
      const audit = await db.auditLog.findFirstOrThrow({ where: { action: "community.file_purge", targetId: old.id } });
      expect(audit.actorId).toBeNull();
      // running again purges nothing more
      expect(await purgeDeletedFiles(now)).toBe(0);
      expect(await db.communityFile.count({ where: { id: { in: [recent.id, live.id] } } })).toBe(2);

      // storage failing for one file: the others are purged, that one keeps its rows and the run fails naming it
      const stuck = await upload("bloccato.pdf", 41);
      const other = await upload("altro.pdf", 43);
      await db.communityFile.updateMany({ where: { id: { in: [stuck.id, other.id] } }, data: { deletedAt: new Date(now.getTime() - 9 * DAY) } });
      const [stuckKey] = await keys(stuck.id);
      const [otherKey] = await keys(other.id);
      const failing = Object.create(backend.storage) as typeof backend.storage;
      failing.delete = async (key: string) => (key === stuckKey ? Promise.reject(new Error("bucket unreachable")) : backend.storage.delete(key));
      setStorageForTests(failing);
      try {
        await expect(purgeDeletedFiles(now)).rejects.toThrow(new RegExp(`1 could not be removed \\(${stuck.id}\\).*bucket unreachable`));
      } finally {
        setStorageForTests(backend.storage);
      }
      expect(await db.communityFile.findUnique({ where: { id: other.id } })).toBeNull();
      expect(await backend.storage.head(otherKey)).toBeNull();
      expect(await db.communityFileVersion.count({ where: { fileId: stuck.id } })).toBe(1);
      expect(await purgeDeletedFiles(now)).toBe(1);
      expect(await backend.storage.head(stuckKey)).toBeNull();
    } finally {
      delete process.env.FILES_PURGE_AFTER_DAYS;
      resetEnvCache();
    }
  });
});

describe("on S3 storage", () => {
  let s3: TestBackend;
  beforeAll(async () => {
    s3 = await s3Backend();
    setStorageForTests(s3.storage);
  });
  afterAll(async () => {
    setStorageForTests(backend.storage);
    await s3.stop();
  });

  it("uploads stream to the bucket; downloads go through a short-lived signed URL; a disguised file leaves nothing", async () => {
    const target = await folder("S3");
    const bytes = pdf(30_000, 13);
    expect((await uploadTo(target.id, "bilancio.pdf", bytes, p.carla.cookie)).status).toBe(302);
    const file = await db.communityFile.findFirstOrThrow({ where: { folderId: target.id } });
    const response = await download(file.id, 1, p.bruno.cookie);
    expect(response.status).toBe(302);
    const fromBucket = await fetch(response.headers.get("Location")!, { headers: { Range: "bytes=0-99" } });
    expect(fromBucket.status).toBe(206);
    expect(new Uint8Array(await fromBucket.arrayBuffer())).toEqual(bytes.slice(0, 100));
    const before = await s3.listKeys();
    expect((await uploadTo(target.id, "script.pdf", new Uint8Array(Buffer.from("<script>alert(1)</script>")), p.carla.cookie)).status).toBe(415);
    expect(await s3.listKeys()).toEqual(before);
  });

  it("the purge deletes the objects of a file deleted long ago from the bucket", async () => {
    const target = await folder("S3 cestino");
    expect((await uploadTo(target.id, "scaduto.pdf", pdf(20_000, 37), p.tutor.cookie)).status).toBe(302);
    const file = await db.communityFile.findFirstOrThrow({ where: { folderId: target.id } });
    const { storageKey } = await db.communityFileVersion.findFirstOrThrow({ where: { fileId: file.id } });
    expect(await s3.listKeys()).toContain(storageKey);
    await db.communityFile.update({ where: { id: file.id }, data: { deletedAt: new Date(Date.now() - 31 * 24 * 3600 * 1000) } });
    expect(await purgeDeletedFiles(new Date(), 30)).toBe(1);
    expect(await s3.listKeys()).not.toContain(storageKey);
  });
});
