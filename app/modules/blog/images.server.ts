// Images of posts (covers and inline pictures): uploaded by editors with an alternative text,
// stored as sent plus resized WebP variants (sharp), served from /blog/images/<id>[/<width>].
import { Readable } from "node:stream";
import sharp from "sharp";
import { db } from "~/lib/db.server.ts";
import { DomainError } from "~/lib/domain-error.ts";
import { newStorageKey, storage } from "~/lib/storage/storage.server.ts";
import { BLOG_IMAGE_PREFIX } from "./posts.server.ts";

export const IMAGE_MAX_BYTES = 8 * 1024 * 1024;
export const IMAGE_KINDS = ["png", "jpeg", "gif", "webp"] as const;
/** Widths of the resized copies; one wider than the original is not made. */
export const VARIANT_WIDTHS = [480, 960, 1600] as const;
const MAX_PIXELS = 40_000_000;

export type ImageVariant = { width: number; key: string };

export async function storeImage(upload: { bytes: Uint8Array; contentType: string }, alt: string, uploadedById: string) {
  let meta: sharp.Metadata;
  try {
    meta = await sharp(upload.bytes, { limitInputPixels: MAX_PIXELS }).metadata();
  } catch {
    throw new DomainError("blog:errors.imageUnreadable", {}, { field: "image" });
  }
  if (!meta.width || !meta.height) throw new DomainError("blog:errors.imageUnreadable", {}, { field: "image" });
  const key = newStorageKey("blog/images");
  await storage().put(key, Readable.from([Buffer.from(upload.bytes)]), { contentType: upload.contentType });
  const variants: ImageVariant[] = [];
  for (const width of VARIANT_WIDTHS) {
    if (width >= meta.width) break;
    const bytes = await sharp(upload.bytes, { limitInputPixels: MAX_PIXELS }).rotate().resize({ width }).webp({ quality: 80 }).toBuffer();
    const variantKey = newStorageKey("blog/images");
    await storage().put(variantKey, Readable.from([bytes]), { contentType: "image/webp" });
    variants.push({ width, key: variantKey });
  }
  return db.blogImage.create({
    data: { key, alt, width: meta.width, height: meta.height, contentType: upload.contentType, variants: JSON.stringify(variants), uploadedById },
  });
}

export function imageUrl(id: string, width?: number) {
  return `${BLOG_IMAGE_PREFIX}${id}${width ? `/${width}` : ""}`;
}

export function variantsOf(row: { variants: string }): ImageVariant[] {
  try {
    return JSON.parse(row.variants) as ImageVariant[];
  } catch {
    return [];
  }
}

/** A cover or inline image as pages show it: src, srcset of the variants, size and alt. */
export async function imageForPage(id: string | null | undefined) {
  if (!id) return null;
  const row = await db.blogImage.findUnique({ where: { id } });
  if (!row) return null;
  const variants = variantsOf(row);
  const srcSet = [...variants.map((v) => `${imageUrl(row.id, v.width)} ${v.width}w`), `${imageUrl(row.id)} ${row.width}w`].join(", ");
  return { id: row.id, src: imageUrl(row.id), srcSet, width: row.width, height: row.height, alt: row.alt };
}

export async function recentImages(limit = 50) {
  return db.blogImage.findMany({ orderBy: { createdAt: "desc" }, take: limit, select: { id: true, alt: true, width: true, height: true, createdAt: true } });
}

/** The storage key of an image (or of its variant of `width`), or null. */
export async function imageKey(id: string, width: number | null) {
  const row = await db.blogImage.findUnique({ where: { id } });
  if (!row) return null;
  if (width === null) return { key: row.key, contentType: row.contentType };
  const variant = variantsOf(row).find((v) => v.width === width);
  return variant ? { key: variant.key, contentType: "image/webp" } : null;
}
