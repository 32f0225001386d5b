// /blog/manage/images: upload an image for posts (alternative text required); the page lists the
// images with the markdown that places each one in a post.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, FileField, TextField } from "~/components/forms.tsx";
import { formatDateTime } from "~/lib/dates.ts";
import { isDomainError } from "~/lib/domain-error.ts";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { type FormFailure } from "~/lib/forms.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { readUploadToMemory } from "~/lib/uploads/upload.server.ts";
import { parseMessage } from "~/lib/validation.ts";
import { authorize } from "~/modules/access/policy.server.ts";
import { IMAGE_KINDS, IMAGE_MAX_BYTES, imageUrl, recentImages, storeImage } from "~/modules/blog/images.server.ts";
import { imageSchema } from "~/modules/blog/validation.ts";

export const meta = titleMeta("blog:images.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await authorize(request, "blog.manage");
  const images = await recentImages(100);
  return json({ images: images.map((image) => ({ ...image, url: imageUrl(image.id) })) });
}

type UploadFailure = FormFailure & { problem?: { key: string; values?: Record<string, string | number> } };

export async function action({ request }: ActionFunctionArgs) {
  const user = await authorize(request, "blog.manage");
  const form = await readUploadToMemory(request, { field: "image", maxBytes: IMAGE_MAX_BYTES, kinds: IMAGE_KINDS });
  if (!form.ok) {
    const failure: UploadFailure = { ok: false, fieldErrors: {}, values: form.fields, problem: { key: form.problem.key, values: form.problem.values } };
    return json(failure, { status: form.problem.status });
  }
  const parsed = imageSchema.safeParse(form.fields);
  const fieldErrors: Record<string, string[]> = {};
  if (!parsed.success) fieldErrors.alt = parsed.error.issues.map((issue) => issue.message);
  if (!form.file) fieldErrors.image = ["blog:errors.imageRequired"];
  if (!parsed.success || !form.file) return json({ ok: false, fieldErrors, values: form.fields } satisfies UploadFailure, { status: 400 });
  try {
    await storeImage(form.file, parsed.data.alt, user.id);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return json({ ok: false, fieldErrors: { image: [error.formMessage()] }, values: form.fields } satisfies UploadFailure, { status: 400 });
  }
  return redirectWithFlash("/blog/manage/images", { type: "success", message: "blog:flash.imageUploaded" });
}

export default function BlogImages() {
  const { images } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as UploadFailure | undefined;
  const { t, i18n } = useTranslation("blog");
  const labels = { image: t("images.file"), alt: t("images.alt") };
  const problem = failure?.problem ? parseMessage(failure.problem.key) : null;
  return (
    <div className="container page-section">
      <h1>{t("images.title")}</h1>
      <p className="lead">{t("images.lead")}</p>
      {problem ? (
        <div className="alert alert-danger" role="alert">
          {t(problem.key, { ...problem.values, ...failure?.problem?.values })}
        </div>
      ) : null}
      <ErrorSummary failure={failure} labels={labels} />
      <Form method="post" encType="multipart/form-data" noValidate className="col-lg-8">
        <p className="small">{t("common:form.requiredHint")}</p>
        <FileField name="image" label={labels.image} required accept=".png,.jpg,.jpeg,.gif,.webp" hint={t("images.fileHint")} errors={failure?.fieldErrors.image} />
        <TextField name="alt" label={labels.alt} required maxLength={250} hint={t("images.altHint")} defaultValue={failure?.values.alt ?? ""} errors={failure?.fieldErrors.alt} />
        <button type="submit" className="btn btn-primary">
          {t("images.upload")}
        </button>
      </Form>
      <h2 className="h4 mt-5">{t("images.listTitle")}</h2>
      {images.length ? (
        <ul className="list-unstyled">
          {images.map((image) => (
            <li key={image.id} className="mb-3">
              <strong>{image.alt}</strong> ({image.width}×{image.height}, {formatDateTime(image.createdAt, i18n.language)})
              <br />
              <code>{`![${image.alt}](${image.url})`}</code>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("images.empty")}</p>
      )}
    </div>
  );
}
