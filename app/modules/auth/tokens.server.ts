// Random tokens for sessions, password resets and invitations: the user gets the token,
// the database keeps only its SHA-256, so a leaked table cannot be replayed.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** 160 random bits, base32-like and URL safe. */
export function generateToken(): string {
  return randomBytes(20).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Constant-time comparison of two strings (e.g. hashes), false when lengths differ. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
