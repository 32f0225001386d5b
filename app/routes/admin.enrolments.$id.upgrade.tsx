// /admin/enrolments/:id/upgrade: move an open enrolment to a higher kit, keeping its start day
// and its history (the old enrolment is CANCELLED with reason "upgrade").
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, SelectField, TextField } from "~/components/forms.tsx";
import { formatDate, romeDay } from "~/lib/dates.ts";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { parseForm, type FormFailure } from "~/lib/forms.ts";
import { defaultEndDay, upgradeEnrolment } from "~/modules/enrolment/enrolments.server.ts";
import { enrolmentUpgradeSchema, MAX_SEATS } from "~/modules/enrolment/validation.ts";
import { higherKits, kitDefinition, localized } from "~/modules/kits/catalogue.ts";
import { domainErrorResponse } from "~/lib/domain-error.server.ts";
import { EnrolmentBreadcrumbs } from "~/components/enrolment-breadcrumbs.tsx";
import { requireEnrolment } from "~/modules/enrolment/admin-access.server.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";

export const meta = titleMeta<{ title: string }>("org:enrolment.upgrade.title", (data) => ({ title: data?.title ?? "" }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { enrolment } = await requireEnrolment(request, params.id, "enrolment.change");
  const startDay = romeDay(enrolment.startsAt);
  return json({
    id: enrolment.id,
    title: `${enrolment.organization.name} · ${enrolment.kit}`,
    kit: enrolment.kit,
    startsAt: enrolment.startsAt,
    open: enrolment.status === "PENDING" || enrolment.status === "ACTIVE",
    seats: String(enrolment.seats),
    options: higherKits(enrolment.kit).map((kit) => ({ kit, defaultEnd: defaultEndDay(startDay, kit) })),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, enrolment } = await requireEnrolment(request, params.id, "enrolment.change");
  const formData = await readForm(request);
  const parsed = parseForm(formData, enrolmentUpgradeSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  try {
    const upgraded = await upgradeEnrolment(enrolment.id, parsed.data, user.id, { ipAddress: context.clientIp });
    return redirectWithFlash(`/admin/enrolments/${upgraded.id}`, { type: "success", message: "org:flash.upgraded", values: { from: enrolment.kit, to: upgraded.kit } });
  } catch (error) {
    return domainErrorResponse(error, formData);
  }
}

export default function UpgradeEnrolment() {
  const { id, title, kit, startsAt, open, seats, options } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const { t, i18n } = useTranslation("org");
  const values = failure?.values ?? {};
  const errors = failure?.fieldErrors ?? {};
  const labels = { kit: t("enrolment.upgrade.kit"), endsOn: t("enrolment.fields.endsOn"), seats: t("enrolment.fields.seats") };
  return (
    <div className="container page-section">
      <EnrolmentBreadcrumbs id={id} title={title} current={t("enrolment.actions.upgrade")} />
      <h1>{t("enrolment.upgrade.title", { title })}</h1>
      {open && options.length ? (
        <Form method="post" className="form-narrow" noValidate>
          <ErrorSummary failure={failure} labels={labels} />
          <p>{t("enrolment.upgrade.intro", { kit, start: formatDate(startsAt, i18n.language) })}</p>
          <SelectField
            name="kit"
            label={labels.kit}
            required
            defaultValue={values.kit ?? options[options.length - 1].kit}
            errors={errors.kit}
            options={options.map((option) => ({
              value: option.kit,
              label: t("enrolment.upgrade.option", {
                kit: option.kit,
                pathway: localized(kitDefinition(option.kit).pathway, i18n.language),
                end: formatDate(`${option.defaultEnd}T12:00:00Z`, i18n.language),
              }),
            }))}
          />
          <TextField name="endsOn" type="date" label={labels.endsOn} defaultValue={values.endsOn} errors={errors.endsOn} hint={t("enrolment.upgrade.endsOnHint")} />
          <TextField name="seats" type="number" inputMode="numeric" min={1} max={MAX_SEATS} label={labels.seats} required defaultValue={values.seats ?? seats} errors={errors.seats} />
          <button type="submit" className="btn btn-primary">
            {t("enrolment.upgrade.submit")}
          </button>
        </Form>
      ) : (
        <p className="alert alert-info">{t("enrolment.upgrade.notPossible")}</p>
      )}
    </div>
  );
}
