// The fields of a forum category (new and edit forms).
import { useTranslation } from "react-i18next";
import { SelectField, TextAreaField, TextField } from "~/components/forms.tsx";
import type { FormFailure } from "~/lib/forms.ts";

type Values = { name?: string; description?: string; visibility?: string; labId?: string; position?: string };

export function CategoryFields({ failure, initial = {} }: { failure?: FormFailure; initial?: Values }) {
  const { t } = useTranslation("community");
  const values: Values = failure?.values ?? initial;
  const errors = failure?.fieldErrors ?? {};
  return (
    <>
      <TextField name="name" label={t("categories.name")} required maxLength={80} defaultValue={values.name} errors={errors.name} />
      <TextAreaField name="description" label={t("categories.description")} rows={3} defaultValue={values.description} errors={errors.description} />
      <SelectField
        name="visibility"
        label={t("categories.visibility")}
        required
        defaultValue={values.visibility ?? "COMMUNITY"}
        errors={errors.visibility}
        options={(["COMMUNITY", "STAFF", "LAB"] as const).map((v) => ({ value: v, label: t(`visibility.${v}`) }))}
      />
      <TextField name="labId" label={t("categories.labId")} hint={t("categories.labHint")} maxLength={40} defaultValue={values.labId} errors={errors.labId} />
      <TextField name="position" label={t("categories.position")} inputMode="numeric" defaultValue={values.position ?? "0"} errors={errors.position} />
    </>
  );
}
