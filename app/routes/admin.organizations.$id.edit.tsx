// /admin/organizations/:id/edit: change an organization (admins).
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { parseForm, type FormFailure } from "~/lib/forms.ts";
import { notFound } from "~/lib/http.server.ts";
import { authorize } from "~/modules/access/policy.server.ts";
import { domainErrorResponse } from "~/lib/domain-error.server.ts";
import { getOrganization, parentCandidates, updateOrganization } from "~/modules/organizations/organizations.server.ts";
import { organizationFormSchema } from "~/modules/organizations/validation.ts";
import { OrganizationForm, type OrganizationValues } from "~/components/organizations/organization-form.tsx";
import { Breadcrumbs } from "~/components/breadcrumbs.tsx";
import { readForm } from "~/lib/request-body.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";

export const meta = titleMeta<{ name: string }>("org:form.editTitleNamed", (data) => ({ name: data?.name ?? "" }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  await authorize(request, "organizations.manage");
  const organization = await getOrganization(params.id ?? "");
  if (!organization) throw notFound();
  const values: OrganizationValues = Object.fromEntries(
    (["name", "kind", "parentId", "ipaCode", "taxCode", "province", "contactName", "contactEmail", "contactPhone"] as const).map((key) => [key, organization[key] ?? ""]),
  );
  return json({ id: organization.id, name: organization.name, values, parents: await parentCandidates(organization.id) });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await authorize(request, "organizations.manage");
  const id = params.id ?? "";
  if (!(await getOrganization(id))) throw notFound();
  const formData = await readForm(request);
  const parsed = parseForm(formData, organizationFormSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  try {
    const organization = await updateOrganization(id, parsed.data, user.id, { ipAddress: context.clientIp });
    return redirectWithFlash(`/admin/organizations/${id}`, { type: "success", message: "org:flash.updated", values: { name: organization.name } });
  } catch (error) {
    return domainErrorResponse(error, formData);
  }
}

export default function EditOrganization() {
  const { id, name, values, parents } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const { t } = useTranslation("org");
  return (
    <div className="container page-section">
      <Breadcrumbs
        items={[
          { to: "/admin", label: t("common:nav.admin") },
          { to: "/admin/organizations", label: t("list.title") },
          { to: `/admin/organizations/${id}`, label: name },
          { label: t("form.editTitle") },
        ]}
      />
      <h1>{t("form.editTitleNamed", { name })}</h1>
      <OrganizationForm values={failure?.values ?? values} failure={failure} parents={parents} submitLabel={t("common:actions.save")} />
    </div>
  );
}
