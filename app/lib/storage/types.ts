// The storage interface every backend implements. Keys are always made by the server
// (newStorageKey); no part of a user's file name ever becomes part of a key or a path.
import type { Readable } from "node:stream";

export type ByteRange = { start: number; end: number }; // inclusive, as in HTTP

export type ObjectInfo = { key: string; size: number; contentType: string; lastModified?: Date };

export type GetResult = ObjectInfo & { body: Readable; range?: ByteRange };

export type PutOptions = { contentType: string };

export type SignedUrlOptions = {
  /** Seconds; short-lived by default (see storage.server.ts). */
  expiresIn?: number;
  /** Sent back by the backend as Content-Disposition (attachment; filename…). */
  contentDisposition?: string;
  contentType?: string;
};

export interface Storage {
  readonly backend: "local" | "s3";
  /**
   * Writes the stream under `key`. If the stream fails (too large, wrong type, client gone),
   * nothing is left behind under that key and the error is rethrown.
   */
  put(key: string, body: Readable, options: PutOptions): Promise<ObjectInfo>;
  /** The object's bytes (or only `range`), or null when there is no such object. */
  get(key: string, range?: ByteRange): Promise<GetResult | null>;
  head(key: string): Promise<ObjectInfo | null>;
  /** Deleting a key that does not exist is not an error. */
  delete(key: string): Promise<void>;
  /** A short-lived URL the browser can fetch directly; undefined when the backend has none. */
  signedUrl?(key: string, options?: SignedUrlOptions): Promise<string>;
}
