// The app's storage, chosen by configuration (STORAGE_BACKEND): the local folder STORAGE_DIR
// (default data/files) or an S3-compatible bucket. Code elsewhere asks `storage()` and never
// knows which one it got.
import { env, type Env } from "~/lib/env.server.ts";
import { LocalStorage } from "./local.server.ts";
import { S3Storage } from "./s3.server.ts";
import type { Storage } from "./types.ts";

export type { Storage } from "./types.ts";
export { newStorageKey, isValidStorageKey } from "./keys.ts";

let cached: Storage | undefined;

export function storageFromEnv(config: Env): Storage {
  if (config.STORAGE_BACKEND === "s3") {
    return new S3Storage({
      bucket: config.S3_BUCKET!,
      region: config.S3_REGION,
      endpoint: config.S3_ENDPOINT,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
      accessKeyId: config.S3_ACCESS_KEY_ID,
      secretAccessKey: config.S3_SECRET_ACCESS_KEY,
    });
  }
  return new LocalStorage(config.STORAGE_DIR);
}

export function storage(): Storage {
  cached ??= storageFromEnv(env());
  return cached;
}

/** Tests point the app at another backend between files. */
export function setStorageForTests(value: Storage | undefined) {
  cached = value;
}
