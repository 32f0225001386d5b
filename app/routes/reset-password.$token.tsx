import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, TextField } from "~/components/forms.tsx";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { parseForm, type FormFailure } from "~/lib/forms.ts";
import { newPasswordSchema } from "~/modules/auth/password-forms.ts";
import { findValidResetToken, resetPassword } from "~/modules/auth/password-reset.server.ts";
import { serializeBlankSessionCookie } from "~/modules/auth/session.server.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { forwardedHeaders, TOKEN_PAGE_HEADERS } from "~/lib/http.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";

export const meta = titleMeta<{ valid: boolean }>((data) => (data?.valid ? "auth:reset.title" : "auth:reset.invalidTitle"));

export const headers = forwardedHeaders;

export async function loader({ params }: LoaderFunctionArgs) {
  const row = await findValidResetToken(params.token ?? "");
  // 410 Gone: the link existed or may have, but can no longer be used.
  if (!row) return json({ valid: false as const, email: null }, { status: 410, headers: TOKEN_PAGE_HEADERS });
  return json({ valid: true as const, email: row.user.email }, { headers: TOKEN_PAGE_HEADERS });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const row = await findValidResetToken(params.token ?? "");
  if (!row) return json({ valid: false as const }, { status: 410 });
  const parsed = parseForm(formData, newPasswordSchema(row.user.email));
  if (!parsed.ok) return json(parsed, { status: 400 });
  const user = await resetPassword(params.token ?? "", parsed.data.password);
  if (!user) return json({ valid: false as const }, { status: 410 });
  return redirectWithFlash("/login", { type: "success", message: "auth:reset.done" }, { headers: { "Set-Cookie": serializeBlankSessionCookie() } });
}

export default function ResetPassword() {
  const { valid, email } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as FormFailure | { valid: false } | undefined;
  const { t } = useTranslation("auth");
  if (!valid || (data && "valid" in data)) {
    return (
      <div className="container page-section">
        <h1>{t("reset.invalidTitle")}</h1>
        <p className="lead">{t("reset.invalid")}</p>
        <Link to="/forgot-password" className="btn btn-primary">
          {t("reset.requestNew")}
        </Link>
      </div>
    );
  }
  const failure = data && "ok" in data ? data : undefined;
  return (
    <div className="container page-section">
      <div className="form-narrow">
        <h1>{t("reset.title")}</h1>
        <p>{t("reset.intro", { email })}</p>
        <ErrorSummary failure={failure} labels={{ password: t("reset.password"), confirmPassword: t("reset.confirmPassword") }} />
        <Form method="post" noValidate>
          <input type="text" name="username" autoComplete="username" value={email ?? ""} readOnly hidden />
          <TextField
            name="password"
            type="password"
            label={t("reset.password")}
            autoComplete="new-password"
            required
            hint={t("reset.passwordHint")}
            errors={failure?.fieldErrors.password}
          />
          <TextField
            name="confirmPassword"
            type="password"
            label={t("reset.confirmPassword")}
            autoComplete="new-password"
            required
            errors={failure?.fieldErrors.confirmPassword}
          />
          <button type="submit" className="btn btn-primary">
            {t("reset.submit")}
          </button>
        </Form>
      </div>
    </div>
  );
}
