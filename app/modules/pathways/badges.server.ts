// Open Badges 2.0 hosted assertions for completed pathways (docs/decisions/0020-badges-pathways.md).
// When a person meets every criterion of a pathway they receive one BadgeAssertion, frozen at issue:
//  - /badges/assertions/<id>      the Assertion (JSON-LD), 410 with revoked: true once revoked;
//  - /badges/assertions/<id>.png  the badge image "baked": an iTXt chunk "openbadges" holding the
//                                 assertion's URL (hosted verification);
//  - /badges/classes/<pathwayId>  the BadgeClass (name, description, image, criteria narrative, issuer);
//  - /badges/issuer               the issuer Profile.
// The recipient is "sha256$" + hex(SHA-256(email + salt)) with a random salt per assertion, so the
// public JSON names nobody, yet whoever knows the email can check it.
import { createHash, randomBytes } from "node:crypto";
import { crc32 } from "node:zlib";
import sharp from "sharp";
import { db } from "~/lib/db.server.ts";
import { env } from "~/lib/env.server.ts";
import { recordAudit, type AuditMeta } from "~/modules/audit/audit.server.ts";
import { certificateFor } from "~/modules/certificates/certificates.server.ts";
import { pathwayProgress, type PathwayProgress } from "./progress.server.ts";

export const OB_CONTEXT = "https://w3id.org/openbadges/v2";
export const ISSUER_NAME = "CO-OP";
/** Public JSON-LD documents: any verifier may fetch them, from any origin. */
export const JSON_LD_HEADERS = { "Content-Type": "application/ld+json; charset=utf-8", "Access-Control-Allow-Origin": "*", "Cache-Control": "no-cache" };

const base = () => env().APP_URL.replace(/\/+$/, "");
export const assertionUrl = (id: string) => `${base()}/badges/assertions/${id}`;
export const classUrl = (pathwayId: string) => `${base()}/badges/classes/${pathwayId}`;
export const issuerUrl = () => `${base()}/badges/issuer`;

/** The Open Badges hashed identity of an email with a salt: "sha256$<hex>". */
export function hashedIdentity(email: string, salt: string) {
  return `sha256$${createHash("sha256").update(email.trim().toLowerCase() + salt).digest("hex")}`;
}

/** Whether an assertion's recipient is this email (what a verifier holding the email checks). */
export function identityMatches(recipient: { identity: string; salt: string }, email: string) {
  return recipient.identity === hashedIdentity(email, recipient.salt);
}

/** The issuer's contact address: MAIL_FROM's address. */
function issuerEmail() {
  const from = env().MAIL_FROM;
  return from.match(/<([^>]+)>/)?.[1] ?? from;
}

export function issuerProfile(description: string) {
  return { "@context": OB_CONTEXT, type: "Profile", id: issuerUrl(), name: ISSUER_NAME, url: base(), email: issuerEmail(), description };
}

type PathwayForClass = { id: string; title: string; description: string; criteria: { kind: string; minHours: number | null; webinar: { title: string } | null }[] };

/** The criteria as a narrative (Markdown), in Italian: the BadgeClass is the issuer's public text. */
export function criteriaNarrative(pathway: PathwayForClass) {
  const lines = pathway.criteria.map((c) =>
    c.kind === "TRAINING_HOURS" ? `- Almeno ${c.minHours ?? 0} ore di formazione nell'anno solare` : `- Attestato di partecipazione al webinar «${c.webinar?.title ?? ""}»`,
  );
  return ["Il badge è rilasciato a chi completa tutti questi criteri:", "", ...lines].join("\n");
}

export function badgeClass(pathway: PathwayForClass) {
  return {
    "@context": OB_CONTEXT,
    type: "BadgeClass",
    id: classUrl(pathway.id),
    name: pathway.title,
    description: pathway.description,
    image: `${classUrl(pathway.id)}.png`,
    criteria: { narrative: criteriaNarrative(pathway) },
    issuer: issuerUrl(),
  };
}

type AssertionRow = { id: string; pathwayId: string; recipientHash: string; salt: string; issuedOn: Date; revokedAt: Date | null; revocationReason: string | null };

/** The hosted Assertion; a revoked one answers only that it is revoked (with 410, see the route). */
export function assertionJson(row: AssertionRow) {
  if (row.revokedAt) {
    return { "@context": OB_CONTEXT, type: "Assertion", id: assertionUrl(row.id), revoked: true, ...(row.revocationReason ? { revocationReason: row.revocationReason } : {}) };
  }
  return {
    "@context": OB_CONTEXT,
    type: "Assertion",
    id: assertionUrl(row.id),
    recipient: { type: "email", hashed: true, salt: row.salt, identity: row.recipientHash },
    badge: classUrl(row.pathwayId),
    verification: { type: "hosted" },
    issuedOn: row.issuedOn.toISOString(),
    image: `${assertionUrl(row.id)}.png`,
  };
}

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * An assertion by its public id (null when unknown). Always one query, whatever the input, so a
 * wrong id answers through the same work as a right one (as /verify does).
 */
export async function findAssertion(id: string) {
  const row = await db.badgeAssertion.findUnique({
    where: { id: ID_PATTERN.test(id) ? id : "-" },
    include: { pathway: { include: { criteria: { include: { webinar: { select: { title: true } } }, orderBy: { kind: "asc" } } } } },
  });
  return row;
}

export function findPathwayForClass(id: string) {
  return db.pathway.findUnique({
    where: { id: ID_PATTERN.test(id) ? id : "-" },
    include: { criteria: { include: { webinar: { select: { title: true } } }, orderBy: { kind: "asc" } } },
  });
}

/** Issues the pathway's badge to the person (once: a second call or a race returns the first). */
export async function issueBadge(pathwayId: string, userId: string) {
  const existing = await db.badgeAssertion.findUnique({ where: { pathwayId_userId: { pathwayId, userId } } });
  if (existing) return existing;
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, name: true } });
  // The certificates the badge rests on are issued (frozen) with it.
  const webinarCriteria = await db.pathwayCriterion.findMany({ where: { pathwayId, kind: "WEBINAR_CERTIFICATE", webinarId: { not: null } }, select: { webinarId: true } });
  for (const criterion of webinarCriteria) await certificateFor(criterion.webinarId!, userId);
  const salt = randomBytes(16).toString("hex");
  try {
    return await db.badgeAssertion.create({
      data: { id: randomBytes(16).toString("base64url"), pathwayId, userId, salt, recipientHash: hashedIdentity(user.email, salt), holderName: user.name },
    });
  } catch (error) {
    const raced = await db.badgeAssertion.findUnique({ where: { pathwayId_userId: { pathwayId, userId } } });
    if (raced) return raced;
    throw error;
  }
}

export type BadgeView = PathwayProgress & { badge: { id: string; issuedOn: string; revokedAt: string | null } | null };

/**
 * The person's pathways with their progress and badge; a pathway just completed gets its badge now.
 * A badge already issued stays shown (even if its pathway was archived later).
 */
export async function badgesOf(userId: string, now = new Date()): Promise<BadgeView[]> {
  const progress = await pathwayProgress(userId, now);
  const issued = new Map((await db.badgeAssertion.findMany({ where: { userId } })).map((row) => [row.pathwayId, row]));
  for (const pathway of progress) {
    if (pathway.complete && !issued.has(pathway.id)) issued.set(pathway.id, await issueBadge(pathway.id, userId));
  }
  return progress.map((pathway) => {
    const row = issued.get(pathway.id);
    return { ...pathway, badge: row ? { id: row.id, issuedOn: row.issuedOn.toISOString(), revokedAt: row.revokedAt?.toISOString() ?? null } : null };
  });
}

/** Who holds a pathway's badge (staff page), newest first. */
export function holdersOf(pathwayId: string) {
  return db.badgeAssertion.findMany({ where: { pathwayId }, orderBy: { issuedOn: "desc" }, select: { id: true, holderName: true, issuedOn: true, revokedAt: true, revocationReason: true } });
}

/** Revokes an issued badge (admins); false when it does not exist or was already revoked. */
export async function revokeBadge(id: string, reason: string, actorId: string, meta: AuditMeta = {}) {
  const row = await db.badgeAssertion.findUnique({ where: { id }, include: { pathway: { select: { title: true } } } });
  if (!row) return null;
  const { count } = await db.badgeAssertion.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date(), revocationReason: reason, revokedById: actorId } });
  if (count === 0) return false;
  await recordAudit({
    actorId,
    action: "badge.revoke",
    targetType: "BadgeAssertion",
    targetId: id,
    summary: `Revocato il badge «${row.pathway.title}» di ${row.holderName}: ${reason}`,
    ipAddress: meta.ipAddress,
  });
  return true;
}

// ---- the image ----

function escapeXml(text: string) {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
}

/** A hue from the pathway's id, so different badges look different. */
function hueOf(id: string) {
  return createHash("sha256").update(id).digest()[0]! * (360 / 256);
}

/** The badge image of a pathway (256x256 PNG): a medal with the pathway's initials. */
export async function badgePng(pathway: { id: string; title: string }): Promise<Buffer> {
  const initials =
    pathway.title
      .split(/\s+/)
      .filter((word) => /^[\p{L}\p{N}]/u.test(word))
      .slice(0, 3)
      .map((word) => word[0]!.toUpperCase())
      .join("") || "B";
  const hue = Math.round(hueOf(pathway.id));
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <circle cx="128" cy="128" r="120" fill="hsl(${hue},55%,32%)"/>
  <circle cx="128" cy="128" r="100" fill="none" stroke="#ffffff" stroke-width="6"/>
  <text x="128" y="148" font-family="sans-serif" font-size="64" font-weight="700" fill="#ffffff" text-anchor="middle">${escapeXml(initials)}</text>
  <text x="128" y="196" font-family="sans-serif" font-size="20" fill="#ffffff" text-anchor="middle">${ISSUER_NAME}</text>
</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

function pngChunk(type: string, data: Buffer) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData) >>> 0);
  return Buffer.concat([length, typeAndData, crc]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Bakes a hosted assertion into a PNG (Open Badges baking): an iTXt chunk with keyword
 * "openbadges", no compression, holding the assertion's URL, right after IHDR. Any "openbadges"
 * chunk already there is dropped.
 */
export function bakePng(png: Buffer, assertion: string): Buffer {
  if (!png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error("Not a PNG");
  const chunks: Buffer[] = [];
  let offset = 8;
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString("latin1", offset + 4, offset + 8);
    const whole = png.subarray(offset, offset + 12 + length);
    const isBadge = (type === "iTXt" || type === "tEXt") && png.toString("latin1", offset + 8, offset + 8 + "openbadges\0".length) === "openbadges\0";
    if (!isBadge) chunks.push(whole);
    if (type === "IHDR") {
      // keyword, NUL, compression flag 0, compression method 0, language tag "", NUL, translated keyword "", NUL, text
      chunks.push(pngChunk("iTXt", Buffer.concat([Buffer.from("openbadges\0", "latin1"), Buffer.from([0, 0]), Buffer.from("\0\0", "latin1"), Buffer.from(assertion, "utf8")])));
    }
    offset += 12 + length;
  }
  return Buffer.concat([PNG_SIGNATURE, ...chunks]);
}
