// The scheduling form's failure: the usual values plus the multi-value fields (kits, organizations),
// so nothing the person chose is lost when the form comes back with an error.
import type { FormFailure } from "~/lib/forms.ts";

export type WebinarFormFailure = FormFailure & { lists: { kits: string[]; organizationIds: string[] } };

export function withLists(failure: FormFailure, formData: FormData): WebinarFormFailure {
  const list = (name: string) => formData.getAll(name).filter((value): value is string => typeof value === "string");
  return { ...failure, lists: { kits: list("kits"), organizationIds: list("organizationIds") } };
}
