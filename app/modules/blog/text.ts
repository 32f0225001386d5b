// Pure helpers of the blog shared by pages and services: slugs, tags, reading time, schedule times.
import { romeWallTime } from "~/lib/dates.ts";

export const POSTS_PER_PAGE = 10;
export const TITLE_MAX = 160;
export const EXCERPT_MAX = 400;
export const BODY_MAX = 100_000;
export const TAGS_MAX = 8;
export const ALT_MAX = 250;
export const WORDS_PER_MINUTE = 200;

/** "Perché l'IA nella PA?" -> "perche-l-ia-nella-pa" (ASCII letters, digits and dashes). */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/g, "");
}

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** "Open data, IA , open data" -> two tags, in the order written, duplicates dropped. */
export function parseTags(input: string): { slug: string; name: string }[] {
  const seen = new Set<string>();
  const tags: { slug: string; name: string }[] = [];
  for (const raw of input.split(",")) {
    const name = raw.trim().replace(/\s+/g, " ").slice(0, 40);
    const slug = slugify(name);
    if (!slug || seen.has(slug)) continue;
    seen.add(slug);
    tags.push({ slug, name });
  }
  return tags;
}

/** Minutes to read a markdown text at 200 words a minute, at least one. */
export function readingMinutes(markdown: string): number {
  const words = markdown
    .replace(/!\[[^\]]*\]\([^)]*\)/g, " ")
    .replace(/[#>*_`~[\]()-]/g, " ")
    .split(/\s+/)
    .filter(Boolean).length;
  return Math.max(1, Math.ceil(words / WORDS_PER_MINUTE));
}

/** A date (YYYY-MM-DD) and a time (HH:MM) typed in the editor, read as Rome's wall-clock time. */
export function romeDateTime(day: string, time: string): Date | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const [year, month, date, hour, minute] = [d[1], d[2], d[3], t[1], t[2]].map(Number);
  if (month < 1 || month > 12 || date < 1 || date > 31 || hour > 23 || minute > 59) return null;
  const instant = romeWallTime(year, month, date, hour, minute);
  return Number.isNaN(instant.getTime()) ? null : instant;
}
