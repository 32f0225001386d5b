// The editor's form rules (shared by the new and edit pages).
import { z } from "zod";
import { msg, optionalText, requiredText } from "~/lib/validation.ts";
import { BODY_MAX, EXCERPT_MAX, SLUG_PATTERN, TITLE_MAX } from "./text.ts";

export const postSchema = z.object({
  title: requiredText(TITLE_MAX),
  slug: optionalText(80).refine((value) => value === undefined || SLUG_PATTERN.test(value), "blog:errors.slug"),
  excerpt: optionalText(EXCERPT_MAX, { multiline: true }),
  body: requiredText(BODY_MAX, { multiline: true }),
  tags: optionalText(400),
  coverImageId: optionalText(40),
});

export const scheduleSchema = z.object({
  publishDay: requiredText(10).refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v), "validation.invalid"),
  publishTime: requiredText(5).refine((v) => /^\d{2}:\d{2}$/.test(v), "validation.invalid"),
});

export const imageSchema = z.object({
  alt: requiredText(250).refine((v) => v.length >= 3, msg("validation.tooShort", { min: 3 })),
});
