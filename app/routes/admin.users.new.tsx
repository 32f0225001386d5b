// /admin/users/new: creating a user means inviting them (name, email, role, organization,
// manager flag); the account exists once they accept and choose a password.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CheckboxField, ErrorSummary, SelectField, TextField } from "~/components/forms.tsx";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { parseForm, type FormFailure } from "~/lib/forms.ts";
import { checkbox, emailField, optionalText, requiredText } from "~/lib/validation.ts";
import { authorize } from "~/modules/access/policy.server.ts";
import { roleBelongsToOrganization } from "~/modules/access/roles.ts";
import { inviteOne } from "~/modules/invitations/invitations.server.ts";
import { INVITATION_LOCALES } from "~/modules/invitations/limits.ts";
import { domainErrorResponse } from "~/lib/domain-error.server.ts";
import { ROLES } from "~/modules/users/roles.ts";
import { organizationOptions } from "~/modules/users/users.server.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";

export const meta = titleMeta("users:new.title");

const inviteSchema = z
  .object({
    name: requiredText(120),
    email: emailField,
    role: z.enum(ROLES, { errorMap: () => ({ message: "validation.invalid" }) }),
    organizationId: optionalText(64),
    asManager: checkbox,
    locale: z.enum(INVITATION_LOCALES, { errorMap: () => ({ message: "validation.invalid" }) }).default("it"),
  })
  .superRefine((value, ctx) => {
    if (roleBelongsToOrganization(value.role) && !value.organizationId) {
      ctx.addIssue({ code: "custom", path: ["organizationId"], message: "users:errors.organizationRequired" });
    }
  });

export async function loader({ request }: LoaderFunctionArgs) {
  await authorize(request, "users.manage");
  const url = new URL(request.url);
  return json({
    organizations: await organizationOptions(),
    preset: { organizationId: url.searchParams.get("organizationId") ?? "" },
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await authorize(request, "users.manage");
  const formData = await readForm(request);
  const parsed = parseForm(formData, inviteSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  try {
    const invitation = await inviteOne(user, parsed.data, { ipAddress: context.clientIp });
    return redirectWithFlash("/admin/invitations", { type: "success", message: "users:flash.invited", values: { email: invitation.email } });
  } catch (error) {
    return domainErrorResponse(error, formData);
  }
}

export default function InviteUser() {
  const { organizations, preset } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const { t } = useTranslation("users");
  const values = failure?.values ?? {};
  const labels = { name: t("new.name"), email: t("new.email"), role: t("new.role"), organizationId: t("new.organization"), locale: t("new.language") };
  return (
    <div className="container page-section">
      <p>
        <Link to="/admin/users">{t("new.back")}</Link>
      </p>
      <h1>{t("new.title")}</h1>
      <p className="lead">{t("new.lead")}</p>
      <ErrorSummary failure={failure} labels={labels} />
      <Form method="post" noValidate className="col-lg-8">
        <p className="small">{t("common:form.requiredHint")}</p>
        <TextField name="name" label={labels.name} required autoComplete="off" defaultValue={values.name} errors={failure?.fieldErrors.name} />
        <TextField name="email" type="email" label={labels.email} required autoComplete="off" defaultValue={values.email} errors={failure?.fieldErrors.email} />
        <SelectField
          name="role"
          label={labels.role}
          required
          defaultValue={values.role ?? "MEMBER"}
          errors={failure?.fieldErrors.role}
          options={ROLES.map((role) => ({ value: role, label: t(`common:roles.${role}`) }))}
        />
        <SelectField
          name="organizationId"
          label={labels.organizationId}
          defaultValue={values.organizationId ?? preset.organizationId}
          errors={failure?.fieldErrors.organizationId}
          hint={t("new.organizationHint")}
          options={[{ value: "", label: t("new.noOrganization") }, ...organizations.map((o) => ({ value: o.id, label: o.name }))]}
        />
        <SelectField
          name="locale"
          label={labels.locale}
          defaultValue={values.locale ?? "it"}
          errors={failure?.fieldErrors.locale}
          hint={t("new.languageHint")}
          options={INVITATION_LOCALES.map((locale) => ({ value: locale, label: t(`common:language.${locale}`) }))}
        />
        <CheckboxField name="asManager" label={t("new.asManager")} defaultChecked={values.asManager === "on"} />
        <button type="submit" className="btn btn-primary">
          {t("new.submit")}
        </button>
      </Form>
    </div>
  );
}
