// Local-disk storage: one file per object under the storage folder, plus a small JSON sidecar
// with its content type. Writes go to a temporary file first and are renamed into place, so a
// failed or refused upload never leaves a partial object under its key.
import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { once } from "node:events";
import { assertValidStorageKey } from "./keys.ts";
import type { ByteRange, GetResult, ObjectInfo, PutOptions, Storage } from "./types.ts";

type Meta = { contentType: string };

export class LocalStorage implements Storage {
  readonly backend = "local" as const;
  private readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** The file for a key; the key check already rules out "..", but the containment check stays as a second line. */
  private fileFor(key: string) {
    assertValidStorageKey(key);
    const file = path.resolve(this.root, ...key.split("/"));
    if (!file.startsWith(this.root + path.sep)) throw new Error("Storage key resolves outside the storage folder");
    return file;
  }

  async put(key: string, body: Readable, options: PutOptions): Promise<ObjectInfo> {
    const file = this.fileFor(key);
    const tmpDir = path.join(this.root, ".tmp");
    await fs.mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, randomUUID());
    const out = createWriteStream(tmp, { flags: "wx" });
    try {
      await pipeline(body, out);
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(`${file}.meta.json`, JSON.stringify({ contentType: options.contentType } satisfies Meta));
      await fs.rename(tmp, file);
    } catch (error) {
      // A body that fails at once can fail while the file is still being opened: wait for the stream
      // to close, or the removal could come first and the open would then leave an empty file behind.
      if (!out.closed) await once(out, "close").catch(() => undefined);
      await fs.rm(tmp, { force: true });
      await fs.rm(`${file}.meta.json`, { force: true });
      throw error;
    }
    return (await this.head(key))!;
  }

  async head(key: string): Promise<ObjectInfo | null> {
    const file = this.fileFor(key);
    try {
      const [stat, metaText] = await Promise.all([fs.stat(file), fs.readFile(`${file}.meta.json`, "utf8")]);
      if (!stat.isFile()) return null;
      const meta = JSON.parse(metaText) as Meta;
      return { key, size: stat.size, contentType: meta.contentType, lastModified: stat.mtime };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT" || (error as NodeJS.ErrnoException).code === "ENOTDIR") return null;
      throw error;
    }
  }

  async get(key: string, range?: ByteRange): Promise<GetResult | null> {
    const info = await this.head(key);
    if (!info) return null;
    const body = createReadStream(this.fileFor(key), range ? { start: range.start, end: range.end } : {});
    return { ...info, body, range };
  }

  async delete(key: string): Promise<void> {
    const file = this.fileFor(key);
    await fs.rm(file, { force: true });
    await fs.rm(`${file}.meta.json`, { force: true });
  }
}
