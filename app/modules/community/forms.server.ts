// Form pieces shared by the community's routes: schemas, and the 429 answer of a posting limit.
import { json } from "@remix-run/node";
import { z } from "zod";
import { formValues } from "~/lib/forms.ts";
import { msg, requiredText, optionalText } from "~/lib/validation.ts";
import { PostingLimitError } from "./limits.server.ts";

export const BODY_MAX = 20_000;
export const bodyField = requiredText(BODY_MAX, { multiline: true });
export const topicSchema = z.object({ title: requiredText(160), body: bodyField });
export const replySchema = z.object({ body: bodyField });
export const flagSchema = z.object({ postId: requiredText(40), reason: requiredText(500, { multiline: true }) });
export const categorySchema = z.object({
  name: requiredText(80),
  description: optionalText(500, { multiline: true }).transform((v) => v ?? ""),
  visibility: z.enum(["COMMUNITY", "STAFF", "LAB"], { errorMap: () => ({ message: "validation.required" }) }),
  labId: optionalText(40).transform((v) => v ?? null),
  position: z.coerce.number({ invalid_type_error: "validation.required" }).int().min(0).max(10_000).default(0),
});

/** A post sent too soon: 429 with the wait, and the text kept in the form. */
export function postingLimitResponse(error: unknown, formData: FormData) {
  if (!(error instanceof PostingLimitError)) throw error;
  return json(
    { ok: false as const, fieldErrors: { body: [msg("community:errors.tooFast", { count: error.retryAfter })] }, values: formValues(formData) },
    { status: 429, headers: { "Retry-After": String(error.retryAfter) } },
  );
}

/** A positive integer from the query string, else null. */
export function positiveInt(value: string | null): number | null {
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 ? n : null;
}
