// Test data builders. Passwords are hashed for real (argon2id), so keep their number low.
import { randomBytes } from "node:crypto";
import { db } from "~/lib/db.server.ts";
import { hashPassword } from "~/modules/auth/password.server.ts";
import { createSession, serializeSessionCookie } from "~/modules/auth/session.server.ts";

export const TEST_PASSWORD = "Piano-Triennale-2026";

let cachedHash: Promise<string> | undefined;
const testPasswordHash = () => (cachedHash ??= hashPassword(TEST_PASSWORD));

export async function createUser(overrides: Partial<Parameters<typeof db.user.create>[0]["data"]> = {}) {
  const suffix = randomBytes(4).toString("hex");
  return db.user.create({
    data: {
      email: `user-${suffix}@comune.example.it`,
      name: `Utente ${suffix}`,
      passwordHash: await testPasswordHash(),
      ...overrides,
    },
  });
}

/** A Cookie header value for a new session of `userId`. */
export async function sessionCookieFor(userId: string) {
  const token = await createSession(userId, { ipAddress: "127.0.0.1", userAgent: "vitest" });
  return serializeSessionCookie(token).split(";")[0];
}
