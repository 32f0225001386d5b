// Responses for refused or bad requests. Thrown from loaders and actions; the error
// boundaries render them as localized pages with the right status code.
import { json } from "@remix-run/node";

export type ErrorPayload = { reason: string; values?: Record<string, string | number> };

/** 403 with a reason key (translated by the error boundary, e.g. "access.noEnrolment"). */
export function forbidden(reason = "errors.forbiddenText", values?: ErrorPayload["values"]) {
  return json<ErrorPayload>({ reason, values }, { status: 403 });
}

export function notFound(reason = "errors.notFoundText") {
  return json<ErrorPayload>({ reason }, { status: 404 });
}

export function badRequest(reason = "errors.badRequestTitle", values?: ErrorPayload["values"]) {
  return json<ErrorPayload>({ reason, values }, { status: 400 });
}

export function tooManyRequests(retryAfterSeconds: number) {
  return json<ErrorPayload>(
    { reason: "auth:rateLimited", values: { minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) } },
    { status: 429, headers: { "Retry-After": String(retryAfterSeconds) } },
  );
}

/** Only same-site relative paths may be redirect targets (no open redirects). */
export function safeRedirectPath(target: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof target !== "string" || !target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) {
    return fallback;
  }
  return target;
}
