// /admin/enrolments/new: enrol an organization in a kit (admins).
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, SelectField, TextField } from "~/components/forms.tsx";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { parseForm, type FormFailure } from "~/lib/forms.ts";
import { romeDay } from "~/lib/dates.ts";
import { authorize } from "~/modules/access/policy.server.ts";
import { createEnrolment, organizationChoices } from "~/modules/enrolment/enrolments.server.ts";
import { enrolmentCreateSchema, MAX_SEATS } from "~/modules/enrolment/validation.ts";
import { KITS, kitDefinition, localized } from "~/modules/kits/catalogue.ts";
import { domainErrorResponse } from "~/lib/domain-error.server.ts";
import { Breadcrumbs } from "~/components/breadcrumbs.tsx";
import { readForm } from "~/lib/request-body.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";

export const meta = titleMeta("org:enrolment.new.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await authorize(request, "enrolments.manage");
  const organizationId = new URL(request.url).searchParams.get("organizationId") ?? "";
  return json({ organizations: await organizationChoices(), organizationId, today: romeDay(new Date()) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await authorize(request, "enrolments.manage");
  const formData = await readForm(request);
  const parsed = parseForm(formData, enrolmentCreateSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  try {
    const enrolment = await createEnrolment(parsed.data, user.id, { ipAddress: context.clientIp });
    return redirectWithFlash(`/admin/enrolments/${enrolment.id}`, { type: "success", message: "org:flash.enrolmentCreated", values: { kit: enrolment.kit } });
  } catch (error) {
    return domainErrorResponse(error, formData);
  }
}

export default function NewEnrolment() {
  const { organizations, organizationId, today } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const { t, i18n } = useTranslation("org");
  const values = failure?.values ?? {};
  const errors = failure?.fieldErrors ?? {};
  const labels = {
    organizationId: t("enrolment.fields.organization"),
    kit: t("enrolment.fields.kit"),
    startsOn: t("enrolment.fields.startsOn"),
    endsOn: t("enrolment.fields.endsOn"),
    seats: t("enrolment.fields.seats"),
  };
  return (
    <div className="container page-section">
      <Breadcrumbs items={[{ to: "/admin", label: t("common:nav.admin") }, { to: "/admin/enrolments", label: t("enrolment.list.title") }, { label: t("enrolment.new.title") }]} />
      <h1>{t("enrolment.new.title")}</h1>
      <Form method="post" className="form-narrow" noValidate>
        <ErrorSummary failure={failure} labels={labels} />
        <p className="text-secondary">{t("common:form.requiredHint")}</p>
        <SelectField
          name="organizationId"
          label={labels.organizationId}
          required
          defaultValue={values.organizationId ?? organizationId}
          errors={errors.organizationId}
          options={[{ value: "", label: t("enrolment.new.chooseOrganization") }, ...organizations.map((o) => ({ value: o.id, label: o.name }))]}
        />
        <SelectField
          name="kit"
          label={labels.kit}
          required
          defaultValue={values.kit ?? "BASIC"}
          errors={errors.kit}
          options={KITS.map((kit) => ({
            value: kit,
            label: t("enrolment.kitOption", { kit, months: kitDefinition(kit).durationMonths, pathway: localized(kitDefinition(kit).pathway, i18n.language) }),
          }))}
        />
        <TextField name="startsOn" type="date" label={labels.startsOn} required defaultValue={values.startsOn ?? today} errors={errors.startsOn} hint={t("enrolment.fields.startsOnHint")} />
        <TextField name="endsOn" type="date" label={labels.endsOn} defaultValue={values.endsOn} errors={errors.endsOn} hint={t("enrolment.fields.endsOnDefaultHint")} />
        <TextField name="seats" type="number" inputMode="numeric" min={1} max={MAX_SEATS} label={labels.seats} required defaultValue={values.seats ?? "10"} errors={errors.seats} hint={t("enrolment.fields.seatsHint")} />
        <button type="submit" className="btn btn-primary">
          {t("enrolment.new.submit")}
        </button>
      </Form>
    </div>
  );
}
