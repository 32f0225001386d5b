// /admin/enrolments/:id/edit: change an enrolment's dates and seats (admins). The state follows
// the dates: an EXPIRED enrolment given a later end is ACTIVE again.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, TextField } from "~/components/forms.tsx";
import { romeDay } from "~/lib/dates.ts";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { parseForm, type FormFailure } from "~/lib/forms.ts";
import { updateEnrolment } from "~/modules/enrolment/enrolments.server.ts";
import { enrolmentUpdateSchema, MAX_SEATS } from "~/modules/enrolment/validation.ts";
import { domainErrorResponse } from "~/lib/domain-error.server.ts";
import { EnrolmentBreadcrumbs } from "~/components/enrolment-breadcrumbs.tsx";
import { requireEnrolment } from "~/modules/enrolment/admin-access.server.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";

export const meta = titleMeta<{ title: string }>("org:enrolment.edit.title", (data) => ({ title: data?.title ?? "" }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { enrolment } = await requireEnrolment(request, params.id, "enrolment.change");
  return json({
    id: enrolment.id,
    title: `${enrolment.organization.name} · ${enrolment.kit}`,
    cancelled: enrolment.status === "CANCELLED",
    values: { startsOn: romeDay(enrolment.startsAt), endsOn: romeDay(enrolment.endsAt), seats: String(enrolment.seats) },
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, enrolment } = await requireEnrolment(request, params.id, "enrolment.change");
  const formData = await readForm(request);
  const parsed = parseForm(formData, enrolmentUpdateSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  try {
    await updateEnrolment(enrolment.id, parsed.data, user.id, { ipAddress: context.clientIp });
  } catch (error) {
    return domainErrorResponse(error, formData);
  }
  return redirectWithFlash(`/admin/enrolments/${enrolment.id}`, { type: "success", message: "org:flash.enrolmentUpdated" });
}

export default function EditEnrolment() {
  const { id, title, cancelled, values: saved } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const { t } = useTranslation("org");
  const values = failure?.values ?? saved;
  const errors = failure?.fieldErrors ?? {};
  const labels = { startsOn: t("enrolment.fields.startsOn"), endsOn: t("enrolment.fields.endsOn"), seats: t("enrolment.fields.seats") };
  return (
    <div className="container page-section">
      <EnrolmentBreadcrumbs id={id} title={title} current={t("enrolment.actions.edit")} />
      <h1>{t("enrolment.edit.title", { title })}</h1>
      {cancelled ? (
        <p className="alert alert-info">{t("enrolment.errors.cancelledReadOnly")}</p>
      ) : (
        <Form method="post" className="form-narrow" noValidate>
          <ErrorSummary failure={failure} labels={labels} />
          <TextField name="startsOn" type="date" label={labels.startsOn} required defaultValue={values.startsOn} errors={errors.startsOn} />
          <TextField name="endsOn" type="date" label={labels.endsOn} required defaultValue={values.endsOn} errors={errors.endsOn} hint={t("enrolment.fields.endsOnHint")} />
          <TextField name="seats" type="number" inputMode="numeric" min={1} max={MAX_SEATS} label={labels.seats} required defaultValue={values.seats} errors={errors.seats} />
          <button type="submit" className="btn btn-primary">
            {t("common:actions.save")}
          </button>
        </Form>
      )}
    </div>
  );
}
