// What a route answers for a DomainError: a 403/404 page for access and missing things,
// otherwise the form shown again with the message, the user's values and the error's status.
import { json } from "@remix-run/node";
import { isDomainError, domainFailure } from "./domain-error.ts";
import { forbidden, notFound } from "./http.server.ts";

export function domainErrorResponse(error: unknown, formData: FormData) {
  if (!isDomainError(error)) throw error;
  if (error.status === 403) throw forbidden(error.key, error.values);
  if (error.status === 404) throw notFound(error.key);
  return json(domainFailure(formData, error), { status: error.status });
}
