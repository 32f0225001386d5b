// Reusable Zod pieces whose messages are i18n keys (see app/locales/*/common.json "validation").
import { z } from "zod";

/** An i18n key with interpolation values, carried through Zod as "key?max=200". */
export function msg(key: string, values: Record<string, string | number>) {
  return `${key}?${new URLSearchParams(Object.entries(values).map(([k, v]) => [k, String(v)]))}`;
}

export function parseMessage(message: string): { key: string; values: Record<string, string> } {
  const [key, query] = message.split("?");
  return { key, values: Object.fromEntries(new URLSearchParams(query ?? "")) };
}

export const requiredText = (max = 200) =>
  z
    .string({ required_error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(max, msg("validation.tooLong", { max }));

export const optionalText = (max = 200) =>
  z
    .string()
    .trim()
    .max(max, msg("validation.tooLong", { max }))
    .optional()
    .transform((value) => (value ? value : undefined));

/** The longest address RFC 5321 allows. */
export const EMAIL_MAX = 254;

export const emailField = z
  .string({ required_error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .max(EMAIL_MAX, msg("validation.tooLong", { max: EMAIL_MAX }))
  .email("validation.email")
  .transform((value) => value.toLowerCase());

export const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.literal("")])
  .optional()
  .transform((value) => value === "on" || value === "true");
