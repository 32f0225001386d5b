// The fields of a folder of the file area, new or edited (a subfolder takes its parent's visibility).
import { useTranslation } from "react-i18next";
import { SelectField, TextAreaField, TextField } from "~/components/forms.tsx";
import type { FormFailure } from "~/lib/forms.ts";

export type FolderValues = { name?: string; description?: string; visibility?: string; labId?: string; position?: string };

export function FolderFields({ failure, sub = false, initial }: { failure?: FormFailure; sub?: boolean; initial?: FolderValues }) {
  const { t } = useTranslation("files");
  const { t: tc } = useTranslation("community");
  const values: FolderValues = failure?.values ?? initial ?? {};
  const errors = failure?.fieldErrors ?? {};
  return (
    <>
      <TextField name="name" label={t("folders.name")} required maxLength={80} defaultValue={values.name} errors={errors.name} />
      <TextAreaField name="description" label={t("folders.description")} rows={2} defaultValue={values.description} errors={errors.description} />
      {sub ? (
        <>
          <p className="small">{t("folders.subHint")}</p>
          <input type="hidden" name="visibility" value="COMMUNITY" />
        </>
      ) : (
        <>
          <SelectField
            name="visibility"
            label={t("folders.visibility")}
            required
            defaultValue={values.visibility ?? "COMMUNITY"}
            errors={errors.visibility}
            options={(["COMMUNITY", "STAFF", "LAB"] as const).map((v) => ({ value: v, label: tc(`visibility.${v}`) }))}
          />
          <TextField name="labId" label={t("folders.labId")} hint={t("folders.labHint")} maxLength={40} defaultValue={values.labId} errors={errors.labId} />
        </>
      )}
      <TextField name="position" label={t("folders.position")} inputMode="numeric" defaultValue={values.position ?? "0"} errors={errors.position} />
    </>
  );
}

export const folderLabels = (t: (key: string) => string) => ({
  name: t("folders.name"),
  description: t("folders.description"),
  visibility: t("folders.visibility"),
  labId: t("folders.labId"),
  position: t("folders.position"),
});
