// /community/categories (admins): the forum's categories, and the form to add one.
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
import { allCategoriesForAdmin, createCategory } from "~/modules/community/forum.server.ts";
import { categorySchema } from "~/modules/community/forms.server.ts";

export const meta = titleMeta("community:categories.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await authorize(request, "community.category.manage");
  return json({ categories: await allCategoriesForAdmin() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await authorize(request, "community.category.manage");
  const formData = await readForm(request);
  const parsed = parseForm(formData, categorySchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  await createCategory(user, parsed.data, { ipAddress: context.clientIp });
  return redirectWithFlash("/community/categories", { type: "success", message: "community:flash.categorySaved" });
}

export default function Categories() {
  const { categories } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const { t } = useTranslation("community");
  return (
    <div className="container page-section">
      <h1>{t("categories.title")}</h1>
      <p>
        <Link to="/community">{t("home.title")}</Link>
      </p>
      {categories.length ? (
        <div className="table-responsive">
          <table className="table">
            <caption>{t("categories.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("categories.name")}</th>
                <th scope="col">{t("categories.visibility")}</th>
                <th scope="col">{t("categories.position")}</th>
                <th scope="col">{t("home.topics")}</th>
              </tr>
            </thead>
            <tbody>
              {categories.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/community/categories/${c.id}`}>{c.name}</Link>
                  </td>
                  <td>{t(`visibility.${c.visibility}`)}</td>
                  <td>{c.position}</td>
                  <td>{c.topicCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t("home.empty")}</p>
      )}
      <section aria-labelledby="new-category" className="col-lg-8 my-5">
        <h2 id="new-category" className="h4">
          {t("categories.new")}
        </h2>
        <ErrorSummary failure={failure} labels={{ name: t("categories.name"), description: t("categories.description"), visibility: t("categories.visibility"), labId: t("categories.labId"), position: t("categories.position") }} />
        <Form method="post" noValidate>
          <CategoryFields failure={failure} />
          <button type="submit" className="btn btn-primary">
            {t("categories.create")}
          </button>
        </Form>
      </section>
    </div>
  );
}
