// Streamed uploads into both storage backends: what a feature gets (the file under a server-made
// key, the other fields), and what a bad upload gets (413/415/400, nothing left in storage,
// the fields still there so the form keeps its values).
import { createHash, randomBytes } from "node:crypto";
import { logger } from "~/lib/logger.server.ts";
import { readUploadToStorage, type UploadRule } from "~/lib/uploads/upload.server.ts";
import type { Storage } from "~/lib/storage/types.ts";
import { backends, type TestBackend } from "../helpers/storage.ts";

const BOUNDARY = "----coop-upload-test";
const PDF = Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(200_000)]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(5_000)]);

type Part = { name: string; value: string } | { name: string; filename: string; type?: string; body: Uint8Array };

function fieldPart(name: string, value: string) {
  return Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
}
function fileHead(name: string, filename: string, type = "application/octet-stream") {
  return Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`);
}
function multipart(parts: Part[], options: { close?: boolean } = {}) {
  const chunks = parts.map((part) => ("value" in part ? fieldPart(part.name, part.value) : Buffer.concat([fileHead(part.name, part.filename, part.type), part.body, Buffer.from("\r\n")])));
  if (options.close !== false) chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}
function request(body: BodyInit | ReadableStream<Uint8Array>, headers: Record<string, string> = { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}` }) {
  return new Request("http://localhost/upload", { method: "POST", body, headers, duplex: "half" } as RequestInit);
}
const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

describe.each(backends)("uploads into %s", (_name, start) => {
  let backend: TestBackend;
  let rule: UploadRule & { storage: Storage; keyPrefix: string };
  beforeAll(async () => {
    backend = await start();
    rule = { storage: backend.storage, keyPrefix: "materials", maxBytes: 1024 * 1024, kinds: ["pdf", "png", "jpeg"] };
  });
  afterAll(async () => {
    await backend?.stop();
  });

  it("stores the file under a server-made key, whatever its name, and keeps every field", async () => {
    const result = await readUploadToStorage(
      request(multipart([{ name: "title", value: "Slide dell'incontro" }, { name: "file", filename: "../../../etc/passwd.pdf", body: PDF }, { name: "after", value: "sì" }])),
      rule,
    );
    if (!result.ok) throw new Error(result.problem.key);
    expect(result.fields).toEqual({ title: "Slide dell'incontro", after: "sì" });
    expect(result.file).toMatchObject({ name: "passwd.pdf", kind: "pdf", contentType: "application/pdf", size: PDF.length });
    expect(result.file!.key).toMatch(/^materials\/\d{4}\/\d{2}\/[0-9a-f-]{36}$/);
    const stored = await backend.storage.get(result.file!.key);
    const parts: Buffer[] = [];
    for await (const chunk of stored!.body) parts.push(chunk as Buffer);
    expect(sha(Buffer.concat(parts))).toBe(sha(PDF));
  });

  it("stops an oversize upload early: 413, nothing stored, the fields sent before it kept", async () => {
    const before = await backend.listKeys();
    let pulled = 0;
    const total = 50 * 1024 * 1024;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled === 0) {
          const head = Buffer.concat([fieldPart("title", "Registrazione"), fileHead("file", "registrazione.pdf"), Buffer.from("%PDF-1.7\n")]);
          pulled += head.length;
          return controller.enqueue(head);
        }
        if (pulled >= total) return controller.close();
        pulled += 256 * 1024;
        controller.enqueue(new Uint8Array(256 * 1024).fill(0x41));
      },
    });
    const result = await readUploadToStorage(request(body), rule);
    expect(result).toEqual({ ok: false, problem: { status: 413, key: "uploads:errors.tooLarge", values: { max: "1 MB" } }, fields: { title: "Registrazione" } });
    // The limit, plus at most the 8 MB thrown away so a browser still sending reads the answer;
    // then the connection is cut. Not 50 MB.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(pulled).toBeLessThan(12 * 1024 * 1024);
    expect(await backend.listKeys()).toEqual(before);
  });

  it("refuses a declared oversize body before reading it", async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const result = await readUploadToStorage(request(body, { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}`, "Content-Length": String(500 * 1024 * 1024) }), rule);
    expect(result).toMatchObject({ ok: false, problem: { status: 413, key: "uploads:errors.tooLarge" } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Thrown away up to the 8 MB cap, then cut: never the declared 500 MB.
    expect(pulled * 1024).toBeLessThan(10 * 1024 * 1024);
  });

  it.each([
    ["an extension outside the allow-list", "programma.exe", Buffer.from("MZ\x90\x00"), "uploads:errors.wrongExtension"],
    ["a PNG named .pdf", "documento.pdf", PNG, "uploads:errors.wrongContent"],
    ["an executable named .png", "foto.png", Buffer.concat([Buffer.from("MZ\x90\x00"), randomBytes(100)]), "uploads:errors.wrongContent"],
    ["HTML named .jpg", "foto.jpg", Buffer.from("<html><script>alert(1)</script>"), "uploads:errors.wrongContent"],
    ["a file without extension", "documento", PDF, "uploads:errors.wrongExtension"],
  ])("refuses %s with 415 and stores nothing", async (_label, filename, body, key) => {
    const before = await backend.listKeys();
    const result = await readUploadToStorage(request(multipart([{ name: "title", value: "Prova" }, { name: "file", filename, body }])), rule);
    expect(result).toMatchObject({ ok: false, problem: { status: 415, key }, fields: { title: "Prova" } });
    expect(await backend.listKeys()).toEqual(before);
  });

  it("answers 400 for a truncated body and removes the part already written", async () => {
    const before = await backend.listKeys();
    const whole = multipart([{ name: "file", filename: "slide.pdf", body: PDF }], { close: false });
    const result = await readUploadToStorage(request(whole.subarray(0, whole.length - 50_000)), rule);
    expect(result).toMatchObject({ ok: false, problem: { status: 400, key: "uploads:errors.malformed" } });
    expect(await backend.listKeys()).toEqual(before);
  });

  it("refuses a second file and keeps neither", async () => {
    const before = await backend.listKeys();
    const result = await readUploadToStorage(
      request(multipart([{ name: "file", filename: "a.pdf", body: PDF }, { name: "file", filename: "b.pdf", body: PDF }])),
      rule,
    );
    expect(result).toMatchObject({ ok: false, problem: { status: 400, key: "uploads:errors.oneFile" } });
    expect(await backend.listKeys()).toEqual(before);
  });

  it.each([
    ["multipart without a boundary", "multipart/form-data", 400, "uploads:errors.malformed"],
    ["JSON", "application/json", 415, "uploads:errors.notAForm"],
    ["plain text", "text/plain", 415, "uploads:errors.notAForm"],
  ])("answers %s with the right status", async (_label, type, status, key) => {
    const result = await readUploadToStorage(request('{"a":1}', { "Content-Type": type }), rule);
    expect(result).toMatchObject({ ok: false, problem: { status, key } });
  });

  it("tells the visitor 'malformed' when storing fails, and keeps the cause in the log", async () => {
    const warn = vi.spyOn(logger, "warn").mockImplementation(() => undefined);
    try {
      const failing: Storage = { ...rule.storage, put: () => Promise.reject(new Error("disk quota exceeded")) };
      const result = await readUploadToStorage(request(multipart([{ name: "title", value: "Verbale" }, { name: "file", filename: "verbale.pdf", body: PDF }])), { ...rule, storage: failing });
      expect(result).toMatchObject({ ok: false, problem: { status: 400, key: "uploads:errors.malformed" }, fields: { title: "Verbale" } });
      expect(warn).toHaveBeenCalledWith("upload refused as malformed", expect.objectContaining({ where: "file", error: "disk quota exceeded" }));
    } finally {
      warn.mockRestore();
    }
  });

  it("treats the empty part a browser sends when no file was chosen as no file", async () => {
    const result = await readUploadToStorage(request(multipart([{ name: "title", value: "Solo testo" }, { name: "file", filename: "", body: new Uint8Array() }])), rule);
    expect(result).toEqual({ ok: true, fields: { title: "Solo testo" }, file: undefined });
  });
});
