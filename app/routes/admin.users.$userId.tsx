// /admin/users/:userId: an account's details, editing (name, role, organization, manager flag,
// job title), disabling (ends every session at once) and re-enabling.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, ErrorSummary, SelectField, TextField } from "~/components/forms.tsx";
import { formatDateTime } from "~/lib/dates.ts";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { parseForm, type FormFailure } from "~/lib/forms.ts";
import { badRequest, notFound } from "~/lib/http.server.ts";
import { authorize } from "~/modules/access/policy.server.ts";
import { domainErrorResponse } from "~/lib/domain-error.server.ts";
import { disableUser, enableUser, updateUser, userUpdateSchema } from "~/modules/users/user-admin.server.ts";
import { ROLES } from "~/modules/users/roles.ts";
import { getUserDetail, organizationOptions } from "~/modules/users/users.server.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";

export const meta = titleMeta<{ user: { name: string } }>("users:detail.pageTitle", (data) => ({ name: data?.user.name ?? "" }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await authorize(request, "users.manage");
  const user = await getUserDetail(params.userId ?? "");
  if (!user) throw notFound("users:errors.notFound");
  return json({
    user,
    isSelf: actor.id === user.id,
    organizations: await organizationOptions(),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await authorize(request, "users.manage");
  const userId = params.userId ?? "";
  const formData = await readForm(request);
  const meta = { ipAddress: context.clientIp };
  const here = `/admin/users/${userId}`;
  try {
    switch (formData.get("intent")) {
      case "update": {
        const parsed = parseForm(formData, userUpdateSchema);
        if (!parsed.ok) return json(parsed, { status: 400 });
        const user = await updateUser(actor, userId, parsed.data, meta);
        return redirectWithFlash(here, { type: "success", message: "users:flash.updated", values: { email: user.email } });
      }
      case "disable": {
        const user = await disableUser(actor, userId, meta);
        return redirectWithFlash(here, { type: "success", message: "users:flash.disabled", values: { email: user.email } });
      }
      case "enable": {
        const user = await enableUser(actor, userId, meta);
        return redirectWithFlash(here, { type: "success", message: "users:flash.enabled", values: { email: user.email } });
      }
      default:
        throw badRequest();
    }
  } catch (error) {
    return domainErrorResponse(error, formData);
  }
}

export default function AdminUserDetail() {
  const { user, isSelf, organizations } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const { t, i18n } = useTranslation("users");
  const values = failure?.values.intent === "update" ? failure.values : undefined;
  const labels = { name: t("detail.name"), jobTitle: t("detail.jobTitle"), role: t("detail.role"), organizationId: t("detail.organization") };
  return (
    <div className="container page-section">
      <p>
        <Link to="/admin/users">{t("detail.back")}</Link>
      </p>
      <h1>{user.name}</h1>
      <ErrorSummary failure={failure} labels={labels} />

      <section aria-labelledby="account-title" className="mb-5">
        <h2 id="account-title" className="h4">
          {t("detail.accountTitle")}
        </h2>
        <dl className="row">
          <dt className="col-sm-3">{t("detail.email")}</dt>
          <dd className="col-sm-9">{user.email}</dd>
          <dt className="col-sm-3">{t("detail.role")}</dt>
          <dd className="col-sm-9">{t(`common:roles.${user.role}`)}</dd>
          <dt className="col-sm-3">{t("detail.organization")}</dt>
          <dd className="col-sm-9">{user.organization?.name ?? t("list.none")}</dd>
          <dt className="col-sm-3">{t("detail.status")}</dt>
          <dd className="col-sm-9">{user.disabledAt ? t("detail.disabledSince", { date: formatDateTime(user.disabledAt, i18n.language) }) : t("detail.active")}</dd>
          <dt className="col-sm-3">{t("detail.createdAt")}</dt>
          <dd className="col-sm-9">{formatDateTime(user.createdAt, i18n.language)}</dd>
          <dt className="col-sm-3">{t("detail.lastLoginAt")}</dt>
          <dd className="col-sm-9">{user.lastLoginAt ? formatDateTime(user.lastLoginAt, i18n.language) : t("detail.never")}</dd>
          <dt className="col-sm-3">{t("detail.sessions")}</dt>
          <dd className="col-sm-9">{user._count.sessions}</dd>
        </dl>
        <p>
          <Link to={`/admin/audit?q=${encodeURIComponent(user.email)}`}>{t("detail.auditLink")}</Link>
        </p>
      </section>

      <section aria-labelledby="edit-title" className="mb-5 col-lg-8">
        <h2 id="edit-title" className="h4">
          {t("detail.editTitle")}
        </h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="update" />
          <TextField name="name" label={labels.name} required defaultValue={values?.name ?? user.name} errors={values ? failure?.fieldErrors.name : undefined} />
          <TextField name="jobTitle" label={labels.jobTitle} defaultValue={values?.jobTitle ?? user.jobTitle ?? ""} errors={values ? failure?.fieldErrors.jobTitle : undefined} />
          <SelectField
            name="role"
            label={labels.role}
            required
            defaultValue={values?.role ?? user.role}
            errors={values ? failure?.fieldErrors.role : undefined}
            options={ROLES.map((role) => ({ value: role, label: t(`common:roles.${role}`) }))}
          />
          <SelectField
            name="organizationId"
            label={labels.organizationId}
            defaultValue={values?.organizationId ?? user.organizationId ?? ""}
            errors={values ? failure?.fieldErrors.organizationId : undefined}
            options={[{ value: "", label: t("new.noOrganization") }, ...organizations.map((o) => ({ value: o.id, label: o.name }))]}
          />
          <CheckboxField
            name="isOrganizationManager"
            label={t("detail.isOrganizationManager")}
            defaultChecked={values ? values.isOrganizationManager === "on" : user.isOrganizationManager}
          />
          <button type="submit" className="btn btn-primary">
            {t("detail.save")}
          </button>
        </Form>
      </section>

      {user.disabledAt ? (
        <section aria-labelledby="enable-title" className="mb-5">
          <h2 id="enable-title" className="h4">
            {t("detail.enableTitle")}
          </h2>
          <p>{t("detail.enableText")}</p>
          <Form method="post">
            <button type="submit" name="intent" value="enable" className="btn btn-success">
              {t("detail.enable")}
            </button>
          </Form>
        </section>
      ) : isSelf ? null : (
        <section aria-labelledby="disable-title" className="mb-5">
          <h2 id="disable-title" className="h4">
            {t("detail.disableTitle")}
          </h2>
          <p>{t("detail.disableText")}</p>
          <Form method="post">
            <button type="submit" name="intent" value="disable" className="btn btn-danger">
              {t("detail.disable")}
            </button>
          </Form>
        </section>
      )}
    </div>
  );
}
