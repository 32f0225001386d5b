// /organization ("La mia organizzazione"): for an organization's managers. Members, invitations
// not yet accepted (resend, revoke), the enrolment's seats and the form to invite a colleague.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CheckboxField, ErrorSummary, SelectField, TextField } from "~/components/forms.tsx";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { parseForm, type FormFailure } from "~/lib/forms.ts";
import { forbidden } from "~/lib/http.server.ts";
import { checkbox, emailField, requiredText } from "~/lib/validation.ts";
import { requireOrganizationArea } from "~/modules/access/policy.server.ts";
import { inviteOne } from "~/modules/invitations/invitations.server.ts";
import { INVITATION_LOCALES } from "~/modules/invitations/limits.ts";
import { organizationOverview } from "~/modules/invitations/listing.server.ts";
import { invitationRowAction, isRowIntent } from "~/modules/invitations/row-actions.server.ts";
import { InvitationsTable } from "~/components/invitations/invitations-table.tsx";
import { SeatsSummary } from "~/components/invitations/seats-summary.tsx";
import { domainErrorResponse } from "~/lib/domain-error.server.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";

export const meta = titleMeta("invitations:organization.title");

const inviteSchema = z.object({
  email: emailField,
  name: requiredText(120),
  organizationId: requiredText(64),
  asManager: checkbox,
  locale: z.enum(INVITATION_LOCALES, { errorMap: () => ({ message: "validation.invalid" }) }).default("it"),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const { organizations } = await requireOrganizationArea(request);
  const overview = await organizationOverview(organizations.map((o) => o.id));
  return json({ organizations, ...overview });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, organizations } = await requireOrganizationArea(request);
  const formData = await readForm(request);
  const meta = { ipAddress: context.clientIp };
  const intent = formData.get("intent");
  if (isRowIntent(intent)) return invitationRowAction(user, formData, meta, "/organization");
  const parsed = parseForm(formData, inviteSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  if (!organizations.some((o) => o.id === parsed.data.organizationId)) throw forbidden("invitations:errors.forbidden");
  try {
    const invitation = await inviteOne(user, { ...parsed.data, role: "MEMBER" }, meta);
    return redirectWithFlash("/organization", { type: "success", message: "invitations:flash.sent", values: { email: invitation.email } });
  } catch (error) {
    return domainErrorResponse(error, formData);
  }
}

export default function MyOrganization() {
  const { organizations, members, invitations, seats } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const { t } = useTranslation("invitations");
  const values = failure?.values ?? {};
  const several = organizations.length > 1;
  const labels = { email: t("form.email"), name: t("form.name"), organizationId: t("form.organization"), locale: t("form.language") };
  return (
    <div className="container page-section">
      <h1>{t("organization.title")}</h1>
      <p className="lead">{t("organization.lead", { organization: organizations[0].name })}</p>
      <SeatsSummary seats={seats} />
      <p>
        <Link to="/organization/training">{t("organization.trainingLink")}</Link>
      </p>

      <section aria-labelledby="members-title" className="my-5">
        <h2 id="members-title" className="h4">
          {t("organization.membersTitle")}
        </h2>
        {members.length ? (
          <div className="table-responsive">
            <table className="table table-striped">
              <caption>{t("organization.membersCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("organization.name")}</th>
                  <th scope="col">{t("organization.email")}</th>
                  <th scope="col">{t("organization.jobTitle")}</th>
                  <th scope="col">{t("organization.role")}</th>
                  <th scope="col">{t("organization.manager")}</th>
                  {several ? <th scope="col">{t("organization.organization")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {members.map((member) => (
                  <tr key={member.id}>
                    <td>
                      {member.name}
                      {member.disabledAt ? ` (${t("organization.disabled")})` : null}
                    </td>
                    <td>{member.email}</td>
                    <td>{member.jobTitle ?? ""}</td>
                    <td>{t(`common:roles.${member.role}`)}</td>
                    <td>{member.isOrganizationManager ? t("organization.yes") : t("organization.no")}</td>
                    {several ? <td>{member.organization?.name ?? ""}</td> : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t("organization.noMembers")}</p>
        )}
      </section>

      <section aria-labelledby="invitations-title" className="mb-5">
        <h2 id="invitations-title" className="h4">
          {t("organization.invitationsTitle")}
        </h2>
        {failure?.values.intent === "resend" || failure?.values.intent === "revoke" ? <ErrorSummary failure={failure} labels={{}} /> : null}
        {invitations.length ? (
          <InvitationsTable invitations={invitations} caption={t("organization.invitationsCaption")} showOrganization={several} />
        ) : (
          <p>{t("organization.noInvitations")}</p>
        )}
      </section>

      <section aria-labelledby="invite-title" className="mb-5 col-lg-8">
        <h2 id="invite-title" className="h4">
          {t("form.title")}
        </h2>
        <p>{t("form.lead")}</p>
        {failure && !failure.values.intent ? <ErrorSummary failure={failure} labels={labels} /> : null}
        <Form method="post" noValidate>
          <p className="small">{t("common:form.requiredHint")}</p>
          <TextField name="email" type="email" label={labels.email} required autoComplete="off" defaultValue={values.email} errors={failure?.fieldErrors.email} />
          <TextField name="name" label={labels.name} required autoComplete="off" defaultValue={values.name} errors={failure?.fieldErrors.name} />
          {several ? (
            <SelectField
              name="organizationId"
              label={labels.organizationId}
              required
              defaultValue={values.organizationId ?? organizations[0].id}
              errors={failure?.fieldErrors.organizationId}
              options={organizations.map((o) => ({ value: o.id, label: o.name }))}
            />
          ) : (
            <input type="hidden" name="organizationId" value={organizations[0].id} />
          )}
          <SelectField
            name="locale"
            label={t("form.language")}
            defaultValue={values.locale ?? "it"}
            errors={failure?.fieldErrors.locale}
            hint={t("form.languageHint")}
            options={INVITATION_LOCALES.map((locale) => ({ value: locale, label: t(`common:language.${locale}`) }))}
          />
          <CheckboxField name="asManager" label={t("form.asManager")} defaultChecked={values.asManager === "on"} />
          <button type="submit" className="btn btn-primary">
            {t("form.submit")}
          </button>
        </Form>
        <p className="mt-4">
          <Link to="/organization/import">{t("organization.csvLink")}</Link>
        </p>
      </section>
    </div>
  );
}
