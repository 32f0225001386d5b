// The lab form (new and edit): title, description, period, quiet setting, status.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, SelectField, TextAreaField, TextField } from "~/components/forms.tsx";
import type { FormFailure } from "~/lib/forms.ts";

export type LabFormValues = { title: string; description: string; startDay: string; endDay: string; quietAfterDays: string; status: string };

export const emptyLabForm: LabFormValues = { title: "", description: "", startDay: "", endDay: "", quietAfterDays: "14", status: "OPEN" };

export function LabForm({ values, failure, submitLabel, withStatus }: { values: LabFormValues; failure?: FormFailure; submitLabel: string; withStatus?: boolean }) {
  const { t } = useTranslation("labs");
  const errors = failure?.fieldErrors ?? {};
  const v = { ...values, ...(failure?.values ?? {}) };
  const labels: Record<string, string> = {
    title: t("fields.title"),
    description: t("fields.description"),
    startDay: t("fields.startDay"),
    endDay: t("fields.endDay"),
    quietAfterDays: t("fields.quietAfterDays"),
    status: t("fields.status"),
  };
  return (
    <Form method="post" noValidate>
      <ErrorSummary failure={failure} labels={labels} />
      <TextField name="title" label={labels.title} defaultValue={v.title} errors={errors.title} required maxLength={160} />
      <TextAreaField name="description" label={labels.description} defaultValue={v.description} errors={errors.description} hint={t("fields.descriptionHint")} />
      <div className="row">
        <div className="col-md-6">
          <TextField type="date" name="startDay" label={labels.startDay} defaultValue={v.startDay} errors={errors.startDay} required />
        </div>
        <div className="col-md-6">
          <TextField type="date" name="endDay" label={labels.endDay} defaultValue={v.endDay} errors={errors.endDay} required />
        </div>
      </div>
      <TextField type="number" name="quietAfterDays" label={labels.quietAfterDays} defaultValue={v.quietAfterDays} errors={errors.quietAfterDays} hint={t("fields.quietAfterDaysHint")} min={1} max={365} required />
      {withStatus ? (
        <SelectField
          name="status"
          label={labels.status}
          defaultValue={v.status}
          errors={errors.status}
          options={[
            { value: "OPEN", label: t("status.OPEN") },
            { value: "CLOSED", label: t("status.CLOSED") },
          ]}
        />
      ) : null}
      <button type="submit" className="btn btn-primary mt-3">
        {submitLabel}
      </button>
    </Form>
  );
}
