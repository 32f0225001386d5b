import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorSummary, TextField } from "~/components/forms.tsx";
import { setFlashHeader } from "~/lib/flash.server.ts";
import { formFailure, parseForm, type FormFailure } from "~/lib/forms.ts";
import { forwardedHeaders, safeRedirectPath, waitMinutes } from "~/lib/http.server.ts";
import { localeCookie } from "~/lib/i18n/locale.server.ts";
import { emailField } from "~/lib/validation.ts";
import { getCurrentSession } from "~/modules/auth/current-user.server.ts";
import { serializeSessionCookie } from "~/modules/auth/session.server.ts";
import { signIn } from "~/modules/auth/sign-in.server.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";

export const meta = titleMeta("auth:login.title");

// A 429 answered with the form again must keep its Retry-After on the page response too.
export const headers = forwardedHeaders;

const schema = z.object({
  email: emailField,
  password: z.string({ required_error: "validation.required" }).min(1, "validation.required").max(1024, "validation.invalid"),
  redirectTo: z.string().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getCurrentSession(request)) {
    return redirect(safeRedirectPath(new URL(request.url).searchParams.get("redirectTo")));
  }
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const parsed = parseForm(formData, schema);
  if (!parsed.ok) return json(parsed, { status: 400 });

  const current = await getCurrentSession(request);
  const result = await signIn({
    email: parsed.data.email,
    password: parsed.data.password,
    previousSessionId: current?.sessionId,
    ipAddress: context.clientIp,
    userAgent: request.headers.get("user-agent"),
  });
  if (!result.ok) {
    const message =
      result.reason === "rateLimited"
        ? `auth:rateLimited?count=${waitMinutes(result.retryAfterSeconds)}`
        : result.reason === "disabled"
          ? "auth:login.disabled"
          : "auth:login.invalid";
    const status = result.reason === "rateLimited" ? 429 : 401;
    const headers: HeadersInit = result.reason === "rateLimited" ? { "Retry-After": String(result.retryAfterSeconds) } : {};
    return json(formFailure(formData, {}, message), { status, headers });
  }
  context.setUserId?.(result.user.id);
  const headers = new Headers();
  headers.append("Set-Cookie", serializeSessionCookie(result.token));
  headers.append("Set-Cookie", await localeCookie().serialize(result.user.locale));
  headers.append("Set-Cookie", await setFlashHeader({ type: "success", message: "flash.signedIn", values: { name: result.user.name } }));
  return redirect(safeRedirectPath(parsed.data.redirectTo), { headers });
}

export default function Login() {
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const [searchParams] = useSearchParams();
  const { t } = useTranslation("auth");
  const values = failure?.values ?? {};
  return (
    <div className="container page-section">
      <div className="form-narrow">
        <h1>{t("login.title")}</h1>
        <p>{t("login.intro")}</p>
        <ErrorSummary failure={failure} labels={{ email: t("login.email"), password: t("login.password") }} />
        <Form method="post" noValidate>
          <input type="hidden" name="redirectTo" value={values.redirectTo ?? searchParams.get("redirectTo") ?? "/"} />
          <TextField
            name="email"
            type="email"
            label={t("login.email")}
            autoComplete="username"
            required
            defaultValue={values.email}
            errors={failure?.fieldErrors.email}
          />
          <TextField
            name="password"
            type="password"
            label={t("login.password")}
            autoComplete="current-password"
            required
            errors={failure?.fieldErrors.password}
          />
          <button type="submit" className="btn btn-primary">
            {t("login.submit")}
          </button>
        </Form>
        <p className="mt-4">
          <Link to="/forgot-password">{t("login.forgot")}</Link>
        </p>
        <p className="text-secondary">{t("login.noAccount")}</p>
      </div>
    </div>
  );
}
