// The editor's form for a post (new and edit pages). Plain form: works without JavaScript.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, SelectField, TextAreaField, TextField } from "./forms.tsx";
import type { FormFailure } from "~/lib/forms.ts";

export type PostFormValues = { title?: string; slug?: string; excerpt?: string; body?: string; tags?: string; coverImageId?: string | null };

export function BlogPostForm({
  values,
  failure,
  images,
  submitLabel,
}: {
  values: PostFormValues;
  failure?: FormFailure;
  images: { id: string; alt: string }[];
  submitLabel: string;
}) {
  const { t } = useTranslation("blog");
  const shown = { ...values, ...(failure?.values ?? {}) };
  const labels = {
    title: t("form.title"),
    slug: t("form.slug"),
    excerpt: t("form.excerpt"),
    body: t("form.body"),
    tags: t("form.tags"),
    coverImageId: t("form.cover"),
  };
  return (
    <>
      <ErrorSummary failure={failure} labels={labels} />
      <Form method="post" noValidate className="col-lg-10">
        <input type="hidden" name="intent" value="save" />
        <p className="small">{t("common:form.requiredHint")}</p>
        <TextField name="title" label={labels.title} required maxLength={160} defaultValue={shown.title ?? ""} errors={failure?.fieldErrors.title} />
        <TextField name="slug" label={labels.slug} maxLength={80} hint={t("form.slugHint")} defaultValue={shown.slug ?? ""} errors={failure?.fieldErrors.slug} />
        <TextAreaField name="excerpt" label={labels.excerpt} rows={3} maxLength={400} defaultValue={shown.excerpt ?? ""} errors={failure?.fieldErrors.excerpt} />
        <TextAreaField name="body" label={labels.body} required rows={18} hint={t("form.bodyHint")} defaultValue={shown.body ?? ""} errors={failure?.fieldErrors.body} />
        <TextField name="tags" label={labels.tags} maxLength={400} hint={t("form.tagsHint")} defaultValue={shown.tags ?? ""} errors={failure?.fieldErrors.tags} />
        <SelectField
          name="coverImageId"
          label={labels.coverImageId}
          defaultValue={shown.coverImageId ?? ""}
          errors={failure?.fieldErrors.coverImageId}
          options={[{ value: "", label: t("form.noCover") }, ...images.map((image) => ({ value: image.id, label: image.alt }))]}
        />
        <button type="submit" className="btn btn-primary mt-3">
          {submitLabel}
        </button>
      </Form>
    </>
  );
}
