// /webinars/<slug>/signup/<token>: the link in the self-registration email. Sets the password,
// creates the account, registers for the webinar and signs the person in. Used or expired links
// say so (410); unknown ones are 404.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, TextField } from "~/components/forms.tsx";
import { isDomainError } from "~/lib/domain-error.ts";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { parseForm, type FormFailure } from "~/lib/forms.ts";
import { forwardedHeaders, notFound, TOKEN_PAGE_HEADERS } from "~/lib/http.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { requiredText } from "~/lib/validation.ts";
import { getCurrentSession } from "~/modules/auth/current-user.server.ts";
import { newPasswordSchema } from "~/modules/auth/password-forms.ts";
import { PASSWORD_MAX, PASSWORD_MIN } from "~/modules/auth/password-rules.ts";
import { invalidateSession, serializeSessionCookie } from "~/modules/auth/session.server.ts";
import { completeSignup, viewSignup } from "~/modules/webinars/signup.server.ts";
import { z } from "zod";

export const meta = titleMeta("webinars:signup.confirmTitle");
export const headers = forwardedHeaders;

async function load(params: { slug?: string; token?: string }) {
  const view = await viewSignup(params.slug ?? "", params.token ?? "");
  if (!view) throw notFound();
  return view;
}

export async function loader({ params }: LoaderFunctionArgs) {
  const view = await load(params);
  return json(view, { status: view.state === "pending" ? 200 : 410, headers: TOKEN_PAGE_HEADERS });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const view = await load(params);
  if (view.state !== "pending") return json(view, { status: 410 });
  const formData = await readForm(request);
  const schema = z.object({ name: requiredText(120) }).and(newPasswordSchema(view.email));
  const parsed = parseForm(formData, schema);
  if (!parsed.ok) return json({ ...view, failure: parsed }, { status: 400 });
  try {
    const { user, sessionToken, registration } = await completeSignup(params.token ?? "", { name: parsed.data.name, password: parsed.data.password }, { ipAddress: context.clientIp, userAgent: request.headers.get("user-agent") });
    const previous = await getCurrentSession(request);
    if (previous) await invalidateSession(previous.sessionId);
    context.setUserId?.(user.id);
    const message = !registration ? "webinars:signup.doneClosed" : registration.status === "REGISTERED" ? "webinars:flash.registered" : "webinars:flash.waitlisted";
    return redirectWithFlash(`/webinars/${view.slug}`, { type: "success", message, values: { position: registration?.position ?? 1 } }, { headers: { "Set-Cookie": serializeSessionCookie(sessionToken) } });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return json({ ...view, state: "used" as const }, { status: error.status });
  }
}

export default function ConfirmSignup() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as (typeof loaderData & { failure?: FormFailure }) | undefined;
  const view = actionData ?? loaderData;
  const failure = actionData?.failure;
  const { t } = useTranslation("webinars");
  const { t: ta } = useTranslation("invitations");
  if (view.state !== "pending") {
    return (
      <div className="container page-section">
        <h1>{t(`signup.${view.state}Title`)}</h1>
        <p className="lead">{t(`signup.${view.state}Text`)}</p>
        <p>
          <Link to={`/webinars/${view.slug}`}>{view.webinarTitle}</Link>
        </p>
      </div>
    );
  }
  const labels = { name: t("signup.name"), password: ta("accept.password"), confirmPassword: ta("accept.confirmPassword") };
  return (
    <div className="container page-section">
      <div className="col-lg-8">
        <h1>{t("signup.confirmTitle")}</h1>
        <p className="lead">{t("signup.confirmLead", { title: view.webinarTitle })}</p>
        <ErrorSummary failure={failure} labels={labels} />
        <Form method="post" noValidate>
          <p className="small">{t("common:form.requiredHint")}</p>
          <TextField name="email" label={t("signup.email")} type="email" value={view.email} readOnly autoComplete="username" />
          <TextField name="name" label={labels.name} required autoComplete="name" maxLength={120} defaultValue={failure?.values.name ?? view.name} errors={failure?.fieldErrors.name} />
          <TextField name="password" type="password" label={labels.password} required autoComplete="new-password" minLength={PASSWORD_MIN} maxLength={PASSWORD_MAX} hint={ta("accept.passwordHint")} errors={failure?.fieldErrors.password} />
          <TextField name="confirmPassword" type="password" label={labels.confirmPassword} required autoComplete="new-password" errors={failure?.fieldErrors.confirmPassword} />
          <button type="submit" className="btn btn-primary">
            {t("signup.confirmSubmit")}
          </button>
        </Form>
      </div>
    </div>
  );
}
