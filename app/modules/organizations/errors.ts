// A refusal the user can act on: an i18n key with values, optionally tied to a form field.
import { formFailure, type FormFailure } from "~/lib/forms.ts";
import { msg } from "~/lib/validation.ts";

export class DomainError extends Error {
  constructor(
    readonly key: string,
    readonly values: Record<string, string | number> = {},
    readonly field?: string,
  ) {
    super(key);
    this.name = "DomainError";
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** Prisma's unique-constraint violation (same code on SQLite and PostgreSQL). */
export function isUniqueViolation(error: unknown) {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}


/** A DomainError as a form failure: shown on its field when it has one, otherwise above the form. */
export function domainFailure(formData: FormData, error: DomainError): FormFailure {
  const message = Object.keys(error.values).length ? msg(error.key, error.values) : error.key;
  return error.field ? formFailure(formData, { [error.field]: [message] }) : formFailure(formData, {}, message);
}
