// A refusal the user can act on ("no seats left", "you cannot disable yourself"): an i18n key
// with values, an HTTP status, and optionally the form field it belongs to. Modules throw it;
// routes turn it into a form message or an error page (domain-error.server.ts).
import { formFailure, type FormFailure } from "./forms.ts";
import { msg } from "./validation.ts";

export type DomainErrorStatus = 400 | 403 | 404 | 409 | 410 | 503;

export class DomainError extends Error {
  readonly status: DomainErrorStatus;
  readonly field?: string;

  constructor(
    readonly key: string,
    readonly values: Record<string, string | number> = {},
    options: { status?: DomainErrorStatus; field?: string } = {},
  ) {
    super(key);
    this.name = "DomainError";
    this.status = options.status ?? 400;
    this.field = options.field;
  }

  /** The message as forms carry it: the key, with its values when it has any. */
  formMessage() {
    return Object.keys(this.values).length ? msg(this.key, this.values) : this.key;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** A DomainError as a form failure: shown on its field when it has one, otherwise above the form. */
export function domainFailure(formData: FormData, error: DomainError): FormFailure {
  const message = error.formMessage();
  return error.field ? formFailure(formData, { [error.field]: [message] }) : formFailure(formData, {}, message);
}
