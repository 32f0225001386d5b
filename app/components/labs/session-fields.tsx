// The fields of a lab session (new and edit pages): title, online or in person, Rome day and time,
// duration, place and address (required in person). Values come back from a failed submission.
import { useTranslation } from "react-i18next";
import { ErrorSummary, SelectField, TextField } from "~/components/forms.tsx";
import type { FormFailure } from "~/lib/forms.ts";

export function SessionFields({ failure, values }: { failure: FormFailure | undefined; values: Record<string, string | undefined> }) {
  const { t } = useTranslation("labs");
  const v = failure?.values ?? values;
  const errors = failure?.fieldErrors ?? {};
  const labels: Record<string, string> = {
    title: t("sessions.fields.title"), kind: t("sessions.fields.kind"), day: t("sessions.fields.day"), time: t("sessions.fields.time"),
    durationMinutes: t("sessions.fields.durationMinutes"), place: t("sessions.fields.place"), address: t("sessions.fields.address"),
  };
  return (
    <>
      <ErrorSummary failure={failure} labels={labels} />
      <TextField name="title" label={labels.title} defaultValue={v.title} errors={errors.title} required maxLength={160} />
      <SelectField
        name="kind"
        label={labels.kind}
        defaultValue={v.kind ?? "IN_PERSON"}
        errors={errors.kind}
        hint={t("sessions.onlineHint")}
        options={[
          { value: "IN_PERSON", label: t("sessions.kind.IN_PERSON") },
          { value: "ONLINE", label: t("sessions.kind.ONLINE") },
        ]}
      />
      <div className="row mt-3">
        <div className="col-md-4">
          <TextField type="date" name="day" label={labels.day} defaultValue={v.day} errors={errors.day} required />
        </div>
        <div className="col-md-4">
          <TextField type="time" name="time" label={labels.time} defaultValue={v.time} errors={errors.time} required />
        </div>
        <div className="col-md-4">
          <TextField type="number" name="durationMinutes" label={labels.durationMinutes} defaultValue={v.durationMinutes ?? "120"} errors={errors.durationMinutes} min={15} max={600} required />
        </div>
      </div>
      <TextField name="place" label={labels.place} defaultValue={v.place} errors={errors.place} hint={t("sessions.fields.placeHint")} maxLength={160} />
      <TextField name="address" label={labels.address} defaultValue={v.address} errors={errors.address} maxLength={240} />
    </>
  );
}
