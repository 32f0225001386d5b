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

// Control characters have no place in a name, title or message: they break CSV exports, logs and
// emails' headers, and the bidirectional overrides make a name read differently from what it is
// ("Trojan Source"). Single-line fields refuse tabs and line breaks too; multi-line ones keep them.
// eslint-disable-next-line no-control-regex
const CONTROL_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
export const CONTROL_CHARACTERS_MESSAGE = "requests:controlCharacters";

export type TextOptions = { multiline?: boolean };
export const noControls = (value: string | undefined, options: TextOptions) =>
  value === undefined || !(options.multiline ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE).test(value);

export const requiredText = (max = 200, options: TextOptions = {}) =>
  z
    .string({ required_error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(max, msg("validation.tooLong", { max }))
    .refine((value) => noControls(value, options), CONTROL_CHARACTERS_MESSAGE);

export const optionalText = (max = 200, options: TextOptions = {}) =>
  z
    .string()
    .trim()
    .max(max, msg("validation.tooLong", { max }))
    .refine((value) => noControls(value, options), CONTROL_CHARACTERS_MESSAGE)
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
