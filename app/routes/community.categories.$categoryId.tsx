// /community/categories/<id> (admins): edit a category's name, description, visibility, order.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CategoryFields } from "~/components/community/category-fields.tsx";
import { ErrorSummary } from "~/components/forms.tsx";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { parseForm, type FormFailure } from "~/lib/forms.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { authorize } from "~/modules/access/policy.server.ts";
import { loadCategory, requireCommunity } from "~/modules/community/access.server.ts";
import { updateCategory } from "~/modules/community/forum.server.ts";
import { categorySchema } from "~/modules/community/forms.server.ts";

export const meta = titleMeta("community:categories.editTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await authorize(request, "community.category.manage");
  const { category } = await loadCategory(await requireCommunity(request), params.categoryId);
  return json({ category });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await authorize(request, "community.category.manage");
  const { category } = await loadCategory(await requireCommunity(request), params.categoryId);
  const formData = await readForm(request);
  const parsed = parseForm(formData, categorySchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  await updateCategory(user, category.id, parsed.data, { ipAddress: context.clientIp });
  return redirectWithFlash("/community/categories", { type: "success", message: "community:flash.categorySaved" });
}

export default function EditCategory() {
  const { category } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const { t } = useTranslation("community");
  return (
    <div className="container page-section col-lg-8">
      <h1>{t("categories.editTitle")}</h1>
      <p>
        <Link to="/community/categories">{t("categories.title")}</Link>
      </p>
      <ErrorSummary failure={failure} labels={{ name: t("categories.name"), description: t("categories.description"), visibility: t("categories.visibility"), labId: t("categories.labId"), position: t("categories.position") }} />
      <Form method="post" noValidate>
        <CategoryFields failure={failure} initial={{ ...category, labId: category.labId ?? "", position: String(category.position) }} />
        <button type="submit" className="btn btn-primary">
          {t("edit.save")}
        </button>
      </Form>
    </div>
  );
}
