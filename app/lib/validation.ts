// Reusable Zod pieces whose messages are i18n keys (see app/locales/*/common.json "validation").
import { z } from "zod";

/** An i18n key with interpolation values, carried through Zod as "key?max=200". */
export function msg(key: string, values: Record<string, string | number>) {
  return `${key}?${new URLSearchParams(Object.entries(values).map(([k, v]) => [k, String(v)]))}`;
}

export function parseMessage(message: string): { key: string; values: Record<string, string | number> } {
  const [key, query] = message.split("?");
  const values: Record<string, string | number> = Object.fromEntries(new URLSearchParams(query ?? ""));
  // i18next picks a plural form ("1 minuto" / "2 minuti") only for a numeric count.
  if (values.count !== undefined && /^\d+$/.test(String(values.count))) values.count = Number(values.count);
  return { key, values };
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

export const emailField = z
  .string({ required_error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .max(254, "validation.tooLong")
  .email("validation.email")
  .transform((value) => value.toLowerCase());

export const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.literal("")])
  .optional()
  .transform((value) => value === "on" || value === "true");
