// Both storage backends for tests: a local folder in a temp dir, and S3 through a real S3 API
// (s3rver) on 127.0.0.1, started here. `listKeys()` shows everything a backend holds, so tests
// can prove a refused upload left nothing behind.
import { ListObjectsV2Command, ListMultipartUploadsCommand } from "@aws-sdk/client-s3";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import { LocalStorage } from "~/lib/storage/local.server.ts";
import { S3Storage } from "~/lib/storage/s3.server.ts";
import type { Storage } from "~/lib/storage/types.ts";

export type TestBackend = { name: "local" | "s3"; storage: Storage; listKeys(): Promise<string[]>; root?: string; stop(): Promise<void> };

export async function localBackend(): Promise<TestBackend> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), "coop-storage-"));
  const storage = new LocalStorage(path.join(root, "files"));
  async function walk(dir: string): Promise<string[]> {
    const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
    const nested = await Promise.all(entries.map((entry) => (entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)])));
    return nested.flat();
  }
  return {
    name: "local",
    storage,
    root,
    // Every file under the whole temp dir (temporary files included), relative to the storage folder.
    listKeys: async () => (await walk(root)).map((file) => path.relative(path.join(root, "files"), file).split(path.sep).join("/")),
    stop: () => fs.rm(root, { recursive: true, force: true }),
  };
}

export async function s3Backend(): Promise<TestBackend> {
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), "coop-s3rver-"));
  const bucket = "coop-test";
  const server = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }] });
  const address = (await server.run()) as { port: number };
  const storage = new S3Storage({
    bucket,
    region: "us-east-1",
    endpoint: `http://127.0.0.1:${address.port}`,
    forcePathStyle: true,
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
  });
  return {
    name: "s3",
    storage,
    listKeys: async () => {
      const objects = await storage.client.send(new ListObjectsV2Command({ Bucket: bucket }));
      const uploads = await storage.client.send(new ListMultipartUploadsCommand({ Bucket: bucket })).catch(() => ({ Uploads: [] }));
      return [...(objects.Contents ?? []).map((object) => object.Key!), ...(uploads.Uploads ?? []).map((upload) => `multipart:${upload.Key}`)];
    },
    stop: async () => {
      storage.client.destroy();
      await server.close();
      await fs.rm(directory, { recursive: true, force: true });
    },
  };
}

export const backends = [
  ["local disk", localBackend],
  ["S3 (s3rver)", s3Backend],
] as const;
