// /admin/enrolments/:id/cancel: cancel an enrolment; the reason is required and kept.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, TextAreaField } from "~/components/forms.tsx";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { parseForm, type FormFailure } from "~/lib/forms.ts";
import { cancelEnrolment } from "~/modules/enrolment/enrolments.server.ts";
import { enrolmentCancelSchema } from "~/modules/enrolment/validation.ts";
import { domainErrorResponse } from "~/lib/domain-error.server.ts";
import { EnrolmentBreadcrumbs } from "~/components/enrolment-breadcrumbs.tsx";
import { requireEnrolment } from "~/modules/enrolment/admin-access.server.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";

export const meta = titleMeta<{ title: string }>("org:enrolment.cancel.title", (data) => ({ title: data?.title ?? "" }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { enrolment } = await requireEnrolment(request, params.id, "enrolment.change");
  return json({ id: enrolment.id, title: `${enrolment.organization.name} · ${enrolment.kit}`, open: enrolment.status === "PENDING" || enrolment.status === "ACTIVE" });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, enrolment } = await requireEnrolment(request, params.id, "enrolment.change");
  const formData = await readForm(request);
  const parsed = parseForm(formData, enrolmentCancelSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  try {
    await cancelEnrolment(enrolment.id, parsed.data.reason, user.id, { ipAddress: context.clientIp });
  } catch (error) {
    return domainErrorResponse(error, formData);
  }
  return redirectWithFlash(`/admin/enrolments/${enrolment.id}`, { type: "success", message: "org:flash.cancelled" });
}

export default function CancelEnrolment() {
  const { id, title, open } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const { t } = useTranslation("org");
  return (
    <div className="container page-section">
      <EnrolmentBreadcrumbs id={id} title={title} current={t("enrolment.actions.cancel")} />
      <h1>{t("enrolment.cancel.title", { title })}</h1>
      {open ? (
        <Form method="post" className="form-narrow" noValidate>
          <ErrorSummary failure={failure} labels={{ reason: t("enrolment.fields.reason") }} />
          <p>{t("enrolment.cancel.intro")}</p>
          <TextAreaField name="reason" label={t("enrolment.fields.reason")} required maxLength={500} defaultValue={failure?.values.reason} errors={failure?.fieldErrors.reason} hint={t("enrolment.cancel.reasonHint")} />
          <button type="submit" className="btn btn-danger">
            {t("enrolment.cancel.submit")}
          </button>
        </Form>
      ) : (
        <p className="alert alert-info">{t("enrolment.errors.notOpen")}</p>
      )}
    </div>
  );
}
