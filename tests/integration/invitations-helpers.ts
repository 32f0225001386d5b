// Builders shared by the invitation, user-admin and audit tests.
import { randomBytes } from "node:crypto";
import { db } from "~/lib/db.server.ts";
import { hashToken } from "~/modules/auth/tokens.server.ts";
import { createUser, sessionCookieFor } from "../helpers/fixtures.ts";

const DAY = 24 * 60 * 60 * 1000;

export const uniqueEmail = (prefix = "persona") => `${prefix}-${randomBytes(4).toString("hex")}@comune.example.it`;

/** An organization with an ACTIVE enrolment of `seats` seats (none when 0). */
export async function organizationWithSeats(seats: number, options: { parentId?: string; name?: string } = {}) {
  const organization = await db.organization.create({
    data: { name: options.name ?? `Comune di Prova ${randomBytes(3).toString("hex")}`, kind: "MUNICIPALITY", parentId: options.parentId },
  });
  if (seats > 0) {
    await db.enrolment.create({
      data: { organizationId: organization.id, kit: "PLUS", status: "ACTIVE", startsAt: new Date(Date.now() - DAY), endsAt: new Date(Date.now() + 200 * DAY), seats },
    });
  }
  return organization;
}

export async function signedIn(overrides: Parameters<typeof createUser>[0] = {}) {
  const user = await createUser(overrides);
  return { user, cookie: await sessionCookieFor(user.id) };
}

const LINK = /http:\/\/localhost:3000\/invitations\/([A-Za-z0-9_-]{20,64})/g;

/** Every invitation token mailed to `email`, read from the outbox (plain-text and HTML parts). */
export async function mailedTokens(email: string) {
  const messages = await db.outboxEmail.findMany({ where: { toAddress: email } });
  return messages.flatMap((message) => [...message.text.matchAll(LINK)].map((match) => match[1]));
}

/** The token of the link that currently works for `email` (the newest one mailed). */
export async function currentToken(email: string) {
  const invitation = await db.invitation.findFirst({ where: { email, acceptedAt: null, revokedAt: null }, orderBy: { createdAt: "desc" } });
  if (!invitation) throw new Error(`no open invitation for ${email}`);
  const token = (await mailedTokens(email)).find((candidate) => hashToken(candidate) === invitation.tokenHash);
  if (!token) throw new Error(`no mailed link matches the invitation of ${email}`);
  return token;
}

export function multipartRequest(path: string, fields: Record<string, string>, file: { name: string; content: string } | null, cookie: string) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  if (file) form.append("file", new Blob([file.content], { type: "text/csv" }), file.name);
  return new Request(new URL(path, "http://localhost:3000"), { method: "POST", body: form, headers: { Cookie: cookie } });
}
