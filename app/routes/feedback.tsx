// The feedback form linked from every page's footer (AgID asks for one).
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorSummary, TextAreaField, TextField } from "~/components/forms.tsx";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { parseForm, type FormFailure } from "~/lib/forms.ts";
import { safeRedirectPath } from "~/lib/http.server.ts";
import { EMAIL_MAX, msg, optionalText, requiredText } from "~/lib/validation.ts";
import { getUser } from "~/modules/auth/current-user.server.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { saveFeedback } from "~/modules/feedback/feedback.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";

export const meta = titleMeta("common:feedback.title");

const schema = z.object({
  name: optionalText(120),
  email: z
    .string()
    .trim()
    .max(EMAIL_MAX, msg("validation.tooLong", { max: EMAIL_MAX }))
    .refine((value) => value === "" || z.string().email().safeParse(value).success, "validation.email")
    .optional(),
  page: optionalText(300),
  message: requiredText(5000, { multiline: true }),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const page = safeRedirectPath(new URL(request.url).searchParams.get("page"), "");
  return json({ name: user?.name ?? "", email: user?.email ?? "", page });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await getUser(request);
  const parsed = parseForm(await readForm(request), schema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  await saveFeedback(parsed.data, user?.id ?? null);
  return redirectWithFlash(safeRedirectPath(parsed.data.page, "/"), { type: "success", message: "flash.feedbackSent" });
}

export default function Feedback() {
  const defaults = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const { t } = useTranslation();
  const values: Record<string, string> = failure?.values ?? { ...defaults, message: "" };
  const labels = { name: t("feedback.name"), email: t("feedback.email"), page: t("feedback.page"), message: t("feedback.message") };
  return (
    <div className="container page-section">
      <div className="form-narrow">
        <h1>{t("feedback.title")}</h1>
        <p>{t("feedback.intro")}</p>
        <p className="small">{t("form.requiredHint")}</p>
        <ErrorSummary failure={failure} labels={labels} />
        <Form method="post" noValidate>
          <TextField name="name" label={labels.name} autoComplete="name" defaultValue={values.name} errors={failure?.fieldErrors.name} />
          <TextField name="email" type="email" label={labels.email} autoComplete="email" defaultValue={values.email} errors={failure?.fieldErrors.email} />
          <TextField name="page" label={labels.page} defaultValue={values.page} errors={failure?.fieldErrors.page} />
          <TextAreaField name="message" label={labels.message} required defaultValue={values.message} errors={failure?.fieldErrors.message} />
          <button type="submit" className="btn btn-primary">
            {t("actions.send")}
          </button>
        </Form>
      </div>
    </div>
  );
}
