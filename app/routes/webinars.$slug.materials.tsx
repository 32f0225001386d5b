// POST /webinars/<slug>/materials: upload a material (staff), straight to storage.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { notFound } from "~/lib/http.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { storage } from "~/lib/storage/storage.server.ts";
import { readUploadToStorage } from "~/lib/uploads/upload.server.ts";
import { authorize, can, enforce } from "~/modules/access/policy.server.ts";
import { webinarItem } from "~/modules/webinars/access.server.ts";
import { materialTitleSchema } from "~/modules/webinars/validation.ts";
import { addMaterial, MATERIAL_KINDS, MATERIAL_MAX_BYTES, MATERIAL_PREFIX } from "~/modules/webinars/webinars.server.ts";
import { useErrorText } from "~/components/forms.tsx";
import { msg } from "~/lib/validation.ts";

export const meta = titleMeta("webinars:materials.uploadTitle");

async function load(request: Request, slug: string | undefined) {
  const user = await authorize(request, "webinars.schedule");
  const item = slug ? await webinarItem({ slug }) : null;
  if (!item) throw notFound();
  enforce(can(user, "webinar.edit", item));
  return { user, item };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await load(request, params.slug);
  return redirect(`/webinars/${params.slug}/edit`);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, item } = await load(request, params.slug);
  const form = await readUploadToStorage(request, { storage: storage(), keyPrefix: MATERIAL_PREFIX, maxBytes: MATERIAL_MAX_BYTES, kinds: MATERIAL_KINDS });
  if (!form.ok) return json({ message: form.problem.values ? msg(form.problem.key, form.problem.values) : form.problem.key }, { status: form.problem.status });
  if (!form.file) return json({ message: "webinars:materials.fileRequired" }, { status: 400 });
  const title = materialTitleSchema.safeParse(form.fields);
  await addMaterial(item.id, form.file, title.success ? title.data.title : undefined, user.id, { ipAddress: context.clientIp });
  return redirectWithFlash(`/webinars/${params.slug}/edit`, { type: "success", message: "webinars:flash.materialAdded" });
}

export default function MaterialUploadProblem() {
  const data = useActionData<typeof action>() as { message: string } | undefined;
  const { slug } = useParams();
  const { t } = useTranslation("webinars");
  const errorText = useErrorText();
  return (
    <div className="container page-section">
      <h1>{t("materials.uploadTitle")}</h1>
      {data ? (
        <div className="alert alert-danger" role="alert">
          {errorText(data.message)}
        </div>
      ) : null}
      <p>
        <Link to={`/webinars/${slug}/edit`}>{t("materials.back")}</Link>
      </p>
    </div>
  );
}
