// The organization form used by the create and edit pages.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, SelectField, TextField } from "~/components/forms.tsx";
import type { FormFailure } from "~/lib/forms.ts";
import { ORGANIZATION_KINDS } from "~/modules/organizations/kinds.ts";
import { LIMITS } from "~/modules/organizations/validation.ts";

export type OrganizationValues = Partial<Record<"name" | "kind" | "parentId" | "ipaCode" | "taxCode" | "province" | "contactName" | "contactEmail" | "contactPhone", string>>;

export function OrganizationForm({
  values,
  failure,
  parents,
  submitLabel,
}: {
  values: OrganizationValues;
  failure?: FormFailure | null;
  parents: { id: string; name: string }[];
  submitLabel: string;
}) {
  const { t } = useTranslation("org");
  const errors = failure?.fieldErrors ?? {};
  const labels = {
    name: t("fields.name"),
    kind: t("fields.kind"),
    parentId: t("fields.parent"),
    ipaCode: t("fields.ipaCode"),
    taxCode: t("fields.taxCode"),
    province: t("fields.province"),
    contactName: t("fields.contactName"),
    contactEmail: t("fields.contactEmail"),
    contactPhone: t("fields.contactPhone"),
  };
  return (
    <Form method="post" className="form-narrow" noValidate>
      <ErrorSummary failure={failure} labels={labels} />
      <p className="text-secondary">{t("common:form.requiredHint")}</p>
      <TextField name="name" label={labels.name} required maxLength={LIMITS.name} defaultValue={values.name} errors={errors.name} autoComplete="organization" />
      <SelectField
        name="kind"
        label={labels.kind}
        required
        defaultValue={values.kind ?? "MUNICIPALITY"}
        errors={errors.kind}
        options={ORGANIZATION_KINDS.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) }))}
      />
      <SelectField
        name="parentId"
        label={labels.parentId}
        defaultValue={values.parentId ?? ""}
        errors={errors.parentId}
        hint={t("fields.parentHint")}
        options={[{ value: "", label: t("fields.parentNone") }, ...parents.map((parent) => ({ value: parent.id, label: parent.name }))]}
      />
      <TextField name="ipaCode" label={labels.ipaCode} maxLength={LIMITS.ipaCode} defaultValue={values.ipaCode} errors={errors.ipaCode} hint={t("fields.ipaCodeHint")} />
      <TextField name="taxCode" label={labels.taxCode} maxLength={16} defaultValue={values.taxCode} errors={errors.taxCode} hint={t("fields.taxCodeHint")} />
      <TextField name="province" label={labels.province} maxLength={2} defaultValue={values.province} errors={errors.province} hint={t("fields.provinceHint")} />
      <fieldset className="mt-4">
        <legend className="h5">{t("fields.contact")}</legend>
        <TextField name="contactName" label={labels.contactName} maxLength={LIMITS.contactName} defaultValue={values.contactName} errors={errors.contactName} autoComplete="off" />
        <TextField name="contactEmail" type="email" label={labels.contactEmail} maxLength={LIMITS.contactEmail} defaultValue={values.contactEmail} errors={errors.contactEmail} autoComplete="off" />
        <TextField name="contactPhone" type="tel" label={labels.contactPhone} maxLength={LIMITS.contactPhone} defaultValue={values.contactPhone} errors={errors.contactPhone} autoComplete="off" />
      </fieldset>
      <button type="submit" className="btn btn-primary mt-3">
        {submitLabel}
      </button>
    </Form>
  );
}
