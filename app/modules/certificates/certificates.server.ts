// Attendance certificates. A person whose live minutes (plus replay minutes when the webinar lets
// them count) reach the webinar's threshold gets one certificate per webinar, issued on first
// download and frozen from then on (name, organization, webinar, date, minutes). Its code is
// printed on the PDF with a QR code to /verify/<code>; the page finds the certificate by the
// SHA-256 of the code (one indexed lookup whatever is typed, so a wrong code costs the same).
import { createHash, randomInt } from "node:crypto";
import { db } from "~/lib/db.server.ts";
import { creditWebinarSelect, webinarCredits } from "~/modules/webinars/attendance/credits.server.ts";
import type { Credit } from "~/modules/webinars/attendance/intervals.ts";

// Crockford's base32 without I, L, O, U: nothing to misread when typed from paper.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CODE_LENGTH = 12; // 60 bits

/** A new code, "7KQ2-M9XD-4HPR". */
export function newCertificateCode(): string {
  let raw = "";
  for (let i = 0; i < CODE_LENGTH; i++) raw += ALPHABET[randomInt(ALPHABET.length)];
  return raw.match(/.{4}/g)!.join("-");
}

/** The code as typed (any case, spaces, dashes, O for 0, I/L for 1) in its canonical form. */
export function normalizeCode(input: string): string {
  const cleaned = input
    .toUpperCase()
    .replace(/[\s-]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1")
    .slice(0, 64);
  return cleaned.length === CODE_LENGTH ? cleaned.match(/.{4}/g)!.join("-") : cleaned;
}

export const hashCode = (code: string) => createHash("sha256").update(normalizeCode(code)).digest("hex");

export type Eligibility = { webinar: { id: string; slug: string; title: string; status: string; startsAt: Date; durationMinutes: number }; credit: Credit };

/** What the person's presence at the webinar is worth (null when the webinar does not exist). */
export async function eligibility(webinarId: string, userId: string): Promise<Eligibility | null> {
  const webinar = await db.webinar.findUnique({ where: { id: webinarId }, select: { ...creditWebinarSelect, labId: true } });
  // A lab session's room issues no webinar certificate: its hours are the lab's, through the register.
  if (!webinar || webinar.labId !== null) return null;
  const credits = await webinarCredits(webinar, [userId]);
  const credit = credits.get(userId) ?? { liveSeconds: 0, replaySeconds: 0, creditedSeconds: 0, reachesThreshold: false };
  return { webinar, credit };
}

export type CertificateRecord = NonNullable<Awaited<ReturnType<typeof findCertificate>>>;

function findCertificate(webinarId: string, userId: string) {
  return db.certificate.findUnique({ where: { webinarId_userId: { webinarId, userId } } });
}

/**
 * The person's certificate for the webinar: the one already issued, or a new one when they reach
 * the threshold; null when they do not (or the webinar is not over).
 */
export async function certificateFor(webinarId: string, userId: string): Promise<CertificateRecord | null> {
  const existing = await findCertificate(webinarId, userId);
  if (existing) return existing;
  const found = await eligibility(webinarId, userId);
  if (!found || !found.credit.reachesThreshold) return null;
  const user = await db.user.findUnique({ where: { id: userId }, select: { name: true, organization: { select: { name: true } } } });
  if (!user) return null;
  const code = newCertificateCode();
  try {
    return await db.certificate.create({
      data: {
        webinarId,
        userId,
        code,
        codeHash: hashCode(code),
        holderName: user.name,
        organizationName: user.organization?.name ?? null,
        webinarTitle: found.webinar.title,
        webinarStartsAt: found.webinar.startsAt,
        liveMinutes: Math.floor(found.credit.liveSeconds / 60),
        replayMinutes: Math.floor(found.credit.replaySeconds / 60),
        creditedMinutes: Math.floor(found.credit.creditedSeconds / 60),
      },
    });
  } catch (error) {
    // Two downloads at once: the other one issued it.
    const raced = await findCertificate(webinarId, userId);
    if (raced) return raced;
    throw error;
  }
}

/** What /verify/<code> shows: what the certificate certifies, nothing more. Null for an unknown code. */
export async function verifyCertificate(input: string) {
  // Always hash and always query: a malformed code takes the same path as a wrong one.
  const row = await db.certificate.findUnique({
    where: { codeHash: hashCode(input) },
    select: { code: true, holderName: true, organizationName: true, webinarTitle: true, webinarStartsAt: true, creditedMinutes: true, issuedAt: true },
  });
  return row;
}

/** "1,5" hours for 90 minutes (hours with one decimal, floored to the tenth). */
export function hoursOf(minutes: number): number {
  return Math.floor((minutes / 60) * 10) / 10;
}
