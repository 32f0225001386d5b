import { json, type ActionFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorSummary, TextField } from "~/components/forms.tsx";
import { formFailure, parseForm, type FormFailure } from "~/lib/forms.ts";
import { emailField } from "~/lib/validation.ts";
import { forwardedHeaders, waitMinutes } from "~/lib/http.server.ts";
import { requestPasswordReset } from "~/modules/auth/password-reset.server.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";

export const meta = titleMeta("auth:forgot.title");

export const headers = forwardedHeaders;

const schema = z.object({ email: emailField });

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const parsed = parseForm(formData, schema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const result = await requestPasswordReset({ email: parsed.data.email, ipAddress: context.clientIp });
  if (!result.ok) {
    return json(formFailure(formData, {}, `auth:rateLimited?count=${waitMinutes(result.retryAfterSeconds)}`), {
      status: 429,
      headers: { "Retry-After": String(result.retryAfterSeconds) },
    });
  }
  return json({ sent: true as const });
}

export default function ForgotPassword() {
  const data = useActionData<typeof action>() as FormFailure | { sent: true } | undefined;
  const { t } = useTranslation("auth");
  const failure = data && "ok" in data ? data : undefined;
  return (
    <div className="container page-section">
      <div className="form-narrow">
        <h1>{t("forgot.title")}</h1>
        {data && "sent" in data ? (
          <div className="alert alert-success" role="status">
            {t("forgot.sent")}
          </div>
        ) : (
          <>
            <p>{t("forgot.intro")}</p>
            <ErrorSummary failure={failure} labels={{ email: t("forgot.email") }} />
            <Form method="post" noValidate>
              <TextField
                name="email"
                type="email"
                label={t("forgot.email")}
                autoComplete="email"
                required
                defaultValue={failure?.values.email}
                errors={failure?.fieldErrors.email}
              />
              <button type="submit" className="btn btn-primary">
                {t("forgot.submit")}
              </button>
            </Form>
          </>
        )}
        <p className="mt-4">
          <Link to="/login">{t("forgot.backToLogin")}</Link>
        </p>
      </div>
    </div>
  );
}
