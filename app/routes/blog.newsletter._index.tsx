// /blog/newsletter: subscribe to the blog's newsletter (double opt-in: a confirmation link is mailed).
// The consent text shown is the one stored with the request, with its time and address.
import { json, type ActionFunctionArgs } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorSummary, TextField, useErrorText } from "~/components/forms.tsx";
import { parseForm, type FormFailure } from "~/lib/forms.ts";
import { tooManyRequests } from "~/lib/http.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { resolveLocale, translatorFor } from "~/lib/i18n/locale.server.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { emailField } from "~/lib/validation.ts";
import { subscribe } from "~/modules/blog/newsletter.server.ts";

export const handle = { cache: true };

export const meta = titleMeta("blog:newsletter.title");

const schema = z.object({
  email: emailField,
  consent: z.literal("yes", { errorMap: () => ({ message: "blog:newsletter.errors.consent" }) }),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const parsed = parseForm(formData, schema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const locale = await resolveLocale(request);
  const consentText = translatorFor(locale)("blog:newsletter.consent");
  const accepted = await subscribe({ email: parsed.data.email, locale, consentText, ipAddress: context.clientIp });
  if (!accepted) throw tooManyRequests(3600);
  return json({ ok: true as const });
}

export default function Newsletter() {
  const data = useActionData<typeof action>() as FormFailure | { ok: true } | undefined;
  const { t } = useTranslation("blog");
  const errorText = useErrorText();
  if (data?.ok) {
    return (
      <div className="container page-section">
        <h1>{t("newsletter.pendingTitle")}</h1>
        <p className="lead" role="status">
          {t("newsletter.pendingText")}
        </p>
      </div>
    );
  }
  const failure = data && !data.ok ? data : undefined;
  const labels = { email: t("newsletter.email"), consent: t("newsletter.consent") };
  const consentErrors = failure?.fieldErrors.consent;
  return (
    <div className="container page-section">
      <div className="form-narrow">
        <h1>{t("newsletter.title")}</h1>
        <p className="lead">{t("newsletter.lead")}</p>
        <ErrorSummary failure={failure} labels={labels} />
        <Form method="post" noValidate>
          <TextField type="email" name="email" label={labels.email} required autoComplete="email" maxLength={254} defaultValue={failure?.values.email ?? ""} errors={failure?.fieldErrors.email} />
          <div className="form-check mb-3">
            <input id="consent" name="consent" type="checkbox" value="yes" required aria-invalid={consentErrors ? true : undefined} aria-describedby={consentErrors ? "consent-error" : undefined} />
            <label htmlFor="consent">{labels.consent}</label>
            {consentErrors ? (
              <div id="consent-error" className="invalid-feedback d-block" role="alert">
                {consentErrors.map(errorText).join(" ")}
              </div>
            ) : null}
          </div>
          <button type="submit" className="btn btn-primary">
            {t("newsletter.subscribe")}
          </button>
        </Form>
      </div>
    </div>
  );
}
