// One suite, both backends: the local folder and S3 through a real S3 API on 127.0.0.1.
// What a feature relies on: what goes in comes out byte for byte (whole or a range), a failed
// write leaves nothing, keys cannot climb out of the storage, downloads are attachments with a
// safe name, nosniff, 206/416 for ranges, and S3 can hand out a short-lived signed URL.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { InvalidStorageKeyError, newStorageKey } from "~/lib/storage/keys.ts";
import { downloadResponse } from "~/lib/storage/download.server.ts";
import { backends, type TestBackend } from "../helpers/storage.ts";

const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

async function readAll(stream: Readable) {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

/** A stream of `total` bytes in 64 KB chunks that fails after `failAfter` bytes if given. */
function generated(total: number, failAfter?: number) {
  let sent = 0;
  return new Readable({
    read() {
      if (failAfter !== undefined && sent >= failAfter) return this.destroy(new Error("client went away"));
      if (sent >= total) return this.push(null);
      const size = Math.min(64 * 1024, total - sent);
      sent += size;
      this.push(Buffer.alloc(size, sent % 251));
    },
  });
}

describe.each(backends)("storage on %s", (_name, start) => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await start();
  });
  afterAll(async () => {
    await backend?.stop();
  });

  it("gives back what was put, whole and in byte ranges, with its size and type", async () => {
    const bytes = randomBytes(300_000);
    const key = newStorageKey("tests");
    const info = await backend.storage.put(key, Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]), { contentType: "application/pdf" });
    expect(info).toMatchObject({ key, size: bytes.length, contentType: "application/pdf" });
    expect(await backend.storage.head(key)).toMatchObject({ size: bytes.length, contentType: "application/pdf" });
    const whole = await backend.storage.get(key);
    expect(sha(await readAll(whole!.body))).toBe(sha(bytes));
    const part = await backend.storage.get(key, { start: 1000, end: 1999 });
    expect(part!.size).toBe(bytes.length);
    expect(Buffer.compare(await readAll(part!.body), bytes.subarray(1000, 2000))).toBe(0);
  });

  it("streams a file larger than one S3 part (6 MB) without changing a byte", async () => {
    const key = newStorageKey("tests");
    const total = 6 * 1024 * 1024 + 123;
    await backend.storage.put(key, generated(total), { contentType: "video/mp4" });
    const back = await readAll((await backend.storage.get(key))!.body);
    expect(back.length).toBe(total);
    expect(sha(back)).toBe(sha(await readAll(generated(total))));
    await backend.storage.delete(key);
  });

  it("leaves nothing behind when the incoming stream fails half-way", async () => {
    const before = await backend.listKeys();
    const key = newStorageKey("tests");
    await expect(backend.storage.put(key, generated(10 * 1024 * 1024, 6 * 1024 * 1024), { contentType: "video/mp4" })).rejects.toThrow("client went away");
    expect(await backend.storage.head(key)).toBeNull();
    expect(await backend.listKeys()).toEqual(before);
  });

  it("deletes, and treats missing objects as missing", async () => {
    const key = newStorageKey("tests");
    await backend.storage.put(key, Readable.from([Buffer.from("ciao")]), { contentType: "text/plain" });
    await backend.storage.delete(key);
    expect(await backend.storage.head(key)).toBeNull();
    expect(await backend.storage.get(key)).toBeNull();
    await expect(backend.storage.delete(key)).resolves.toBeUndefined();
  });

  it.each([
    "../escaped",
    "tests/../../escaped",
    "/etc/passwd",
    "tests\\..\\escaped",
    "C:/escaped",
    ".hidden",
    "tests/./x",
    "tests//x",
    "%2e%2e/escaped",
    "tests/relazione.pdf",
    "Tests/Upper",
    "tests/x\u0000y",
    "",
  ])("refuses the key %j for every operation and writes nothing", async (key) => {
    const before = await backend.listKeys();
    await expect(backend.storage.put(key, Readable.from([Buffer.from("x")]), { contentType: "text/plain" })).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await expect(backend.storage.get(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await expect(backend.storage.head(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await expect(backend.storage.delete(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
    expect(await backend.listKeys()).toEqual(before);
    if (backend.root) await expect(fs.access(path.join(backend.root, "escaped"))).rejects.toThrow();
  });

  describe("downloads", () => {
    const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));
    let key: string;
    beforeAll(async () => {
      key = newStorageKey("tests");
      await backend.storage.put(key, Readable.from([bytes]), { contentType: "video/mp4" });
    });
    const request = (headers: Record<string, string> = {}) => new Request("http://localhost/download", { headers });

    it("sends an attachment with a safe name (RFC 5987 for non-ASCII), nosniff and Accept-Ranges", async () => {
      const response = await downloadResponse(request(), backend.storage, key, { fileName: '../Relazione "finale" – Forlì.mp4' });
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Disposition")).toBe(
        `attachment; filename="_Relazione _finale_ _ Forli.mp4"; filename*=UTF-8''_Relazione%20_finale_%20%E2%80%93%20Forl%C3%AC.mp4`,
      );
      expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(response.headers.get("Accept-Ranges")).toBe("bytes");
      expect(response.headers.get("Content-Type")).toBe("video/mp4");
      expect(Buffer.compare(Buffer.from(await response.arrayBuffer()), bytes)).toBe(0);
    });

    it("answers a byte range with 206 and the right bytes, a suffix range too", async () => {
      const response = await downloadResponse(request({ Range: "bytes=100-199" }), backend.storage, key, { fileName: "video.mp4" });
      expect(response.status).toBe(206);
      expect(response.headers.get("Content-Range")).toBe("bytes 100-199/1000");
      expect(response.headers.get("Content-Length")).toBe("100");
      expect(Buffer.compare(Buffer.from(await response.arrayBuffer()), bytes.subarray(100, 200))).toBe(0);
      const tail = await downloadResponse(request({ Range: "bytes=-10" }), backend.storage, key, { fileName: "video.mp4" });
      expect(tail.headers.get("Content-Range")).toBe("bytes 990-999/1000");
      expect(Buffer.compare(Buffer.from(await tail.arrayBuffer()), bytes.subarray(990))).toBe(0);
      const open = await downloadResponse(request({ Range: "bytes=995-" }), backend.storage, key, { fileName: "video.mp4" });
      expect(open.headers.get("Content-Range")).toBe("bytes 995-999/1000");
    });

    it("answers a range past the end with 416 and the size", async () => {
      const response = await downloadResponse(request({ Range: "bytes=1000-2000" }), backend.storage, key, { fileName: "video.mp4" });
      expect(response.status).toBe(416);
      expect(response.headers.get("Content-Range")).toBe("bytes */1000");
    });

    it("ignores a malformed or multiple range and sends the whole file", async () => {
      for (const range of ["bytes=abc", "bytes=0-1,5-6", "items=0-1"]) {
        const response = await downloadResponse(request({ Range: range }), backend.storage, key, { fileName: "video.mp4" });
        expect(response.status).toBe(200);
        expect((await response.arrayBuffer()).byteLength).toBe(1000);
      }
    });

    it("answers 404 for a key with no object", async () => {
      expect((await downloadResponse(request(), backend.storage, newStorageKey("tests"), { fileName: "x" })).status).toBe(404);
    });

    it("redirects to a short-lived signed URL only where the backend has one", async () => {
      const response = await downloadResponse(request(), backend.storage, key, { fileName: "Forlì.mp4", preferSignedUrl: true, signedUrlSeconds: 60 });
      if (backend.name === "local") {
        expect(response.status).toBe(200);
        return;
      }
      expect(response.status).toBe(302);
      const location = response.headers.get("Location")!;
      expect(location).toContain("X-Amz-Expires=60");
      const fetched = await fetch(location);
      expect(fetched.status).toBe(200);
      expect(fetched.headers.get("Content-Disposition")).toContain("filename*=UTF-8''Forl%C3%AC.mp4");
      expect(Buffer.compare(Buffer.from(await fetched.arrayBuffer()), bytes)).toBe(0);
      // The signature covers the key: another key with the same query string is refused.
      const forged = location.replace(key, newStorageKey("tests"));
      expect((await fetch(forged)).status).toBeGreaterThanOrEqual(400);
    });
  });
});
