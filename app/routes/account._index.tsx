import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorSummary, SelectField, TextField } from "~/components/forms.tsx";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { parseForm, type FormFailure } from "~/lib/forms.ts";
import { localeCookie } from "~/lib/i18n/locale.server.ts";
import { optionalText, requiredText } from "~/lib/validation.ts";
import { organizationName, updateProfile } from "~/modules/auth/account.server.ts";
import { requireUser } from "~/modules/auth/current-user.server.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";

export const meta = titleMeta("auth:account.profileTitle");

const schema = z.object({
  name: requiredText(120),
  jobTitle: optionalText(120),
  staffKind: z
    .enum(["", "OPERATOR", "CTO"], { errorMap: () => ({ message: "validation.invalid" }) })
    .transform((value) => (value === "" ? undefined : value)),
  locale: z.enum(["it", "en"], { errorMap: () => ({ message: "validation.invalid" }) }),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ user, organizationName: await organizationName(user.organizationId) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(await readForm(request), schema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  await updateProfile(user.id, parsed.data);
  return redirectWithFlash(
    "/account",
    { type: "success", message: "auth:account.saved" },
    { headers: { "Set-Cookie": await localeCookie().serialize(parsed.data.locale) } },
  );
}

export default function Profile() {
  const { user, organizationName } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const { t } = useTranslation("auth");
  const { t: tc } = useTranslation();
  const values = failure?.values ?? {
    name: user.name,
    jobTitle: user.jobTitle ?? "",
    staffKind: user.staffKind ?? "",
    locale: user.locale,
  };
  const labels = { name: t("account.name"), jobTitle: t("account.jobTitle"), staffKind: t("account.staffKind"), locale: t("account.locale") };
  return (
    <section aria-labelledby="profile-title">
      <h2 id="profile-title">{t("account.profileTitle")}</h2>
      <dl className="row">
        <dt className="col-sm-4">{t("account.email")}</dt>
        <dd className="col-sm-8">
          {user.email}
          <br />
          <small className="text-secondary">{t("account.emailHint")}</small>
        </dd>
        <dt className="col-sm-4">{t("account.role")}</dt>
        <dd className="col-sm-8">{tc(`roles.${user.role}`)}</dd>
        {organizationName ? (
          <>
            <dt className="col-sm-4">{t("account.organization")}</dt>
            <dd className="col-sm-8">{organizationName}</dd>
          </>
        ) : null}
      </dl>
      <ErrorSummary failure={failure} labels={labels} />
      <Form method="post" noValidate className="form-narrow">
        <TextField name="name" label={labels.name} required autoComplete="name" defaultValue={values.name} errors={failure?.fieldErrors.name} />
        <TextField name="jobTitle" label={labels.jobTitle} autoComplete="organization-title" defaultValue={values.jobTitle} errors={failure?.fieldErrors.jobTitle} />
        <SelectField
          name="staffKind"
          label={labels.staffKind}
          defaultValue={values.staffKind}
          errors={failure?.fieldErrors.staffKind}
          options={[
            { value: "", label: t("account.staffKindNone") },
            { value: "OPERATOR", label: tc("staffKind.OPERATOR") },
            { value: "CTO", label: tc("staffKind.CTO") },
          ]}
        />
        <SelectField
          name="locale"
          label={labels.locale}
          defaultValue={values.locale}
          errors={failure?.fieldErrors.locale}
          options={[
            { value: "it", label: tc("language.it") },
            { value: "en", label: tc("language.en") },
          ]}
        />
        <button type="submit" className="btn btn-primary">
          {tc("actions.save")}
        </button>
      </Form>
    </section>
  );
}
