// Server-side form parsing with Zod. Error messages are i18n keys ("validation.required");
// the values the user typed come back so the form can be shown again, filled in.
import type { z } from "zod";

export type FieldErrors = Record<string, string[]>;
export type FormFailure = { ok: false; fieldErrors: FieldErrors; formError?: string; values: Record<string, string> };
export type FormResult<T> = { ok: true; data: T } | FormFailure;

// Secrets are never sent back to the browser.
const NOT_ECHOED = /password|token/i;

export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !NOT_ECHOED.test(key) && !key.startsWith("_")) values[key] = value;
  }
  return values;
}

export function formToObject(formData: FormData): Record<string, string | string[]> {
  const object: Record<string, string | string[]> = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key).filter((v): v is string => typeof v === "string");
    object[key] = all.length > 1 ? all : (all[0] ?? "");
  }
  return object;
}

export function parseForm<S extends z.ZodTypeAny>(formData: FormData, schema: S): FormResult<z.output<S>> {
  const result = schema.safeParse(formToObject(formData));
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: FieldErrors = {};
  let formError: string | undefined;
  for (const issue of result.error.issues) {
    const field = issue.path.join(".");
    if (!field) {
      formError ??= issue.message;
      continue;
    }
    (fieldErrors[field] ??= []).push(issue.message);
  }
  return { ok: false, fieldErrors, formError, values: formValues(formData) };
}

export function formFailure(formData: FormData, fieldErrors: FieldErrors, formError?: string): FormFailure {
  return { ok: false, fieldErrors, formError, values: formValues(formData) };
}
