import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CheckboxField, ErrorSummary, TextField } from "~/components/forms.tsx";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { formFailure, parseForm, type FormFailure } from "~/lib/forms.ts";
import { checkbox } from "~/lib/validation.ts";
import { changePassword } from "~/modules/auth/account.server.ts";
import { requireSession } from "~/modules/auth/current-user.server.ts";
import { newPasswordSchema } from "~/modules/auth/password-forms.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";

export const meta = titleMeta("auth:password.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSession(request);
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  const { sessionId, user } = await requireSession(request);
  const formData = await readForm(request);
  const schema = z
    .object({ currentPassword: z.string().min(1, "validation.required"), endOtherSessions: checkbox })
    .and(newPasswordSchema(user.email))
    .refine((value) => !value.password || value.password !== value.currentPassword, { path: ["password"], message: "auth:password.sameAsCurrent" });
  const parsed = parseForm(formData, schema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const result = await changePassword({
    userId: user.id,
    sessionId,
    currentPassword: parsed.data.currentPassword,
    newPassword: parsed.data.password,
    endOtherSessions: parsed.data.endOtherSessions,
  });
  if (!result.ok) return json(formFailure(formData, { currentPassword: ["auth:password.wrongCurrent"] }), { status: 400 });
  return redirectWithFlash("/account/password", {
    type: "success",
    message: parsed.data.endOtherSessions ? "auth:password.changedEnded" : "auth:password.changed",
    values: { count: result.endedSessions },
  });
}

export default function ChangePassword() {
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const { t } = useTranslation("auth");
  const labels = { currentPassword: t("password.current"), password: t("password.new"), confirmPassword: t("password.confirm") };
  // Unchecked only when the user unchecked it on a failed submission.
  const endOthers = failure ? failure.values.endOtherSessions === "on" : true;
  return (
    <section aria-labelledby="password-title">
      <h2 id="password-title">{t("password.title")}</h2>
      <ErrorSummary failure={failure} labels={labels} />
      <Form method="post" noValidate className="form-narrow">
        <TextField name="currentPassword" type="password" label={labels.currentPassword} autoComplete="current-password" required errors={failure?.fieldErrors.currentPassword} />
        <TextField name="password" type="password" label={labels.password} autoComplete="new-password" required hint={t("reset.passwordHint")} errors={failure?.fieldErrors.password} />
        <TextField name="confirmPassword" type="password" label={labels.confirmPassword} autoComplete="new-password" required errors={failure?.fieldErrors.confirmPassword} />
        <CheckboxField name="endOtherSessions" label={t("password.endOthers")} hint={t("password.endOthersHint")} defaultChecked={endOthers} />
        <button type="submit" className="btn btn-primary">
          {t("password.submit")}
        </button>
      </Form>
    </section>
  );
}
