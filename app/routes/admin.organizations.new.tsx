// /admin/organizations/new: create an organization (admins).
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { parseForm, type FormFailure } from "~/lib/forms.ts";
import { authorize } from "~/modules/access/policy.server.ts";
import { domainErrorResponse } from "~/lib/domain-error.server.ts";
import { createOrganization, parentCandidates } from "~/modules/organizations/organizations.server.ts";
import { organizationFormSchema } from "~/modules/organizations/validation.ts";
import { OrganizationForm } from "~/components/organizations/organization-form.tsx";
import { Breadcrumbs } from "~/components/breadcrumbs.tsx";
import { readForm } from "~/lib/request-body.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";

export const meta = titleMeta("org:form.createTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  await authorize(request, "organizations.manage");
  return json({ parents: await parentCandidates() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await authorize(request, "organizations.manage");
  const formData = await readForm(request);
  const parsed = parseForm(formData, organizationFormSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  try {
    const organization = await createOrganization(parsed.data, user.id, { ipAddress: context.clientIp });
    return redirectWithFlash(`/admin/organizations/${organization.id}`, { type: "success", message: "org:flash.created", values: { name: organization.name } });
  } catch (error) {
    return domainErrorResponse(error, formData);
  }
}

export default function NewOrganization() {
  const { parents } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const { t } = useTranslation("org");
  return (
    <div className="container page-section">
      <Breadcrumbs items={[{ to: "/admin", label: t("common:nav.admin") }, { to: "/admin/organizations", label: t("list.title") }, { label: t("form.createTitle") }]} />
      <h1>{t("form.createTitle")}</h1>
      <OrganizationForm values={failure?.values ?? {}} failure={failure} parents={parents} submitLabel={t("form.create")} />
    </div>
  );
}
