// Turns a RuleError into what a route returns: a thrown 403/404 page for access and missing
// things, otherwise the form shown again (status 400/409/410) with the message and the values.
import { json } from "@remix-run/node";
import { formFailure, type FormFailure } from "~/lib/forms.ts";
import { forbidden, notFound } from "~/lib/http.server.ts";
import { msg } from "~/lib/validation.ts";
import { isRuleError } from "./errors.ts";

export function ruleErrorResponse(error: unknown, formData: FormData) {
  if (!isRuleError(error)) throw error;
  if (error.status === 403) throw forbidden(error.key, error.values);
  if (error.status === 404) throw notFound(error.key);
  const message = Object.keys(error.values).length ? msg(error.key, error.values) : error.key;
  const failure: FormFailure = error.field
    ? formFailure(formData, { [error.field]: [message] })
    : formFailure(formData, {}, message);
  return json(failure, { status: error.status });
}
