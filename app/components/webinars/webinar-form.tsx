// The scheduling form (new and edit): the start is typed as a day and a time in Italian time.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, ErrorSummary, SelectField, TextAreaField, TextField, useErrorText } from "~/components/forms.tsx";
import type { FormFailure } from "~/lib/forms.ts";
import { KITS } from "~/modules/kits/catalogue.ts";

export type WebinarFormValues = {
  title: string;
  description: string;
  day: string;
  time: string;
  durationMinutes: string;
  capacity: string;
  audience: string;
  kits: string[];
  organizationIds: string[];
  pathwayKit: string;
  topic: string;
  competences: string;
  joinOpensMinutesBefore: string;
  selfRegistration: boolean;
};

export const emptyWebinarForm: WebinarFormValues = {
  title: "",
  description: "",
  day: "",
  time: "",
  durationMinutes: "90",
  capacity: "",
  audience: "KITS",
  kits: [],
  organizationIds: [],
  pathwayKit: "",
  topic: "",
  competences: "",
  joinOpensMinutesBefore: "15",
  selfRegistration: false,
};

/** The form's values after a failed post (multi-value fields come back as the submitted form's values). */
export function valuesAfterFailure(initial: WebinarFormValues, failure: (FormFailure & { lists?: Record<string, string[]> }) | undefined): WebinarFormValues {
  if (!failure) return initial;
  const v = failure.values;
  return {
    ...emptyWebinarForm,
    ...v,
    kits: failure.lists?.kits ?? [],
    organizationIds: failure.lists?.organizationIds ?? [],
    selfRegistration: v.selfRegistration === "on",
  } as WebinarFormValues;
}

export function WebinarForm({
  values,
  failure,
  organizations,
  submitLabel,
}: {
  values: WebinarFormValues;
  failure?: FormFailure;
  organizations: { id: string; name: string }[];
  submitLabel: string;
}) {
  const { t } = useTranslation("webinars");
  const errorText = useErrorText();
  const errors = failure?.fieldErrors ?? {};
  const labels: Record<string, string> = {
    title: t("fields.title"),
    description: t("fields.description"),
    day: t("fields.day"),
    time: t("fields.time"),
    durationMinutes: t("fields.duration"),
    capacity: t("fields.capacity"),
    audience: t("fields.audience"),
    kits: t("fields.kits"),
    organizationIds: t("fields.organizations"),
    pathwayKit: t("fields.pathwayKit"),
    topic: t("fields.topic"),
    competences: t("fields.competences"),
    joinOpensMinutesBefore: t("fields.joinOpens"),
    selfRegistration: t("fields.selfRegistration"),
  };
  return (
    <Form method="post" className="form-narrow" noValidate>
      <input type="hidden" name="intent" value="save" />
      <ErrorSummary failure={failure} labels={labels} />
      <p className="text-secondary">{t("common:form.requiredHint")}</p>
      <TextField name="title" label={labels.title} required defaultValue={values.title} errors={errors.title} maxLength={160} />
      <TextAreaField name="description" label={labels.description} required defaultValue={values.description} errors={errors.description} hint={t("fields.descriptionHint")} rows={8} />
      <fieldset className="mb-4">
        <legend className="h6">{t("fields.when")}</legend>
        <TextField name="day" type="date" label={labels.day} required defaultValue={values.day} errors={errors.day} />
        <TextField name="time" type="time" label={labels.time} required defaultValue={values.time} errors={errors.time} hint={t("fields.timeHint")} />
        <TextField name="durationMinutes" type="number" inputMode="numeric" min={15} max={600} label={labels.durationMinutes} required defaultValue={values.durationMinutes} errors={errors.durationMinutes} />
        <TextField name="joinOpensMinutesBefore" type="number" inputMode="numeric" min={0} max={240} label={labels.joinOpensMinutesBefore} required defaultValue={values.joinOpensMinutesBefore} errors={errors.joinOpensMinutesBefore} />
      </fieldset>
      <TextField name="capacity" type="number" inputMode="numeric" min={1} label={labels.capacity} defaultValue={values.capacity} errors={errors.capacity} hint={t("fields.capacityHint")} />
      <fieldset className="mb-4">
        <legend className="h6">{t("fields.audienceLegend")}</legend>
        <SelectField
          name="audience"
          label={labels.audience}
          required
          defaultValue={values.audience}
          errors={errors.audience}
          options={["PUBLIC", "KITS", "ORGANIZATIONS"].map((value) => ({ value, label: t(`audience.${value}`) }))}
        />
        <fieldset className="mb-3" aria-describedby={errors.kits?.length ? "kits-error" : undefined}>
          <legend className="fs-6">{labels.kits}</legend>
          {KITS.map((kit) => (
            <CheckboxField key={kit} id={`kits-${kit}`} name="kits" value={kit} label={t("kit", { kit })} defaultChecked={values.kits.includes(kit)} />
          ))}
          {errors.kits?.length ? (
            <div id="kits-error" className="invalid-feedback d-block" role="alert">
              {errorText(errors.kits[0])}
            </div>
          ) : null}
        </fieldset>
        <div className="form-group">
          <label htmlFor="organizationIds" className="active">
            {labels.organizationIds}
          </label>
          <select id="organizationIds" name="organizationIds" multiple size={6} className="form-control" defaultValue={values.organizationIds} aria-describedby="organizationIds-hint">
            {organizations.map((organization) => (
              <option key={organization.id} value={organization.id}>
                {organization.name}
              </option>
            ))}
          </select>
          <small id="organizationIds-hint" className="form-text d-block">
            {t("fields.organizationsHint")}
          </small>
          {errors.organizationIds?.length ? (
            <div className="invalid-feedback d-block" role="alert">
              {errorText(errors.organizationIds[0])}
            </div>
          ) : null}
        </div>
        <CheckboxField name="selfRegistration" label={labels.selfRegistration} hint={t("fields.selfRegistrationHint")} defaultChecked={values.selfRegistration} />
        {errors.selfRegistration?.length ? (
          <div className="invalid-feedback d-block" role="alert">
            {errorText(errors.selfRegistration[0])}
          </div>
        ) : null}
      </fieldset>
      <SelectField
        name="pathwayKit"
        label={labels.pathwayKit}
        defaultValue={values.pathwayKit}
        errors={errors.pathwayKit}
        options={[{ value: "", label: t("fields.noPathway") }, ...KITS.map((kit) => ({ value: kit, label: t("kit", { kit }) }))]}
      />
      <TextField name="topic" label={labels.topic} defaultValue={values.topic} errors={errors.topic} maxLength={80} />
      <TextField name="competences" label={labels.competences} defaultValue={values.competences} errors={errors.competences} hint={t("fields.competencesHint")} />
      <button type="submit" className="btn btn-primary">
        {submitLabel}
      </button>
    </Form>
  );
}
