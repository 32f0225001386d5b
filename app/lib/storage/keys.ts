// Storage keys: generated here, checked again by every backend before use.
// A key is lowercase letters, digits and dashes in slash-separated segments
// (e.g. "csv-imports/2026/11/3f0c…"), so it can never climb out of the storage root,
// name a hidden file, carry a drive letter, a backslash or a dot segment, whatever the backend.
// The last segment alone may end in ".mp4" or ".ogg": LiveKit Egress always appends the extension
// of its file type to the path it is given, and the recording must be readable by that name.
import { randomUUID } from "node:crypto";

const SEGMENT = /^[a-z0-9][a-z0-9-]{0,62}$/;
const LAST_SEGMENT = /^[a-z0-9][a-z0-9-]{0,62}(?:\.(?:mp4|ogg))?$/;
const MAX_SEGMENTS = 8;

export class InvalidStorageKeyError extends Error {
  constructor(key: string) {
    super(`Invalid storage key: ${JSON.stringify(key.slice(0, 120))}`);
    this.name = "InvalidStorageKeyError";
  }
}

export function isValidStorageKey(key: string): boolean {
  if (typeof key !== "string" || key.length === 0 || key.length > 512) return false;
  const segments = key.split("/");
  return segments.length <= MAX_SEGMENTS && segments.every((segment, index) => (index === segments.length - 1 ? LAST_SEGMENT : SEGMENT).test(segment));
}

export function assertValidStorageKey(key: string): string {
  if (!isValidStorageKey(key)) throw new InvalidStorageKeyError(key);
  return key;
}

/**
 * A new unique key under `prefix` (itself a valid key such as "forum" or "webinars/materials"),
 * spread over year/month folders so no directory grows without bound.
 */
export function newStorageKey(prefix: string, now = new Date()): string {
  assertValidStorageKey(prefix);
  const month = String(now.getUTCMonth() + 1).padStart(2, "0");
  return assertValidStorageKey(`${prefix}/${now.getUTCFullYear()}/${month}/${randomUUID()}`);
}
