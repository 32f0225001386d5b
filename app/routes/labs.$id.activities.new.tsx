// /labs/<id>/activities/new: a tutor of the lab (or an admin) sets an activity with a due date.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breadcrumbs } from "~/components/breadcrumbs.tsx";
import { ErrorSummary, TextAreaField, TextField } from "~/components/forms.tsx";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { parseForm, type FormFailure } from "~/lib/forms.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { requireUser } from "~/modules/auth/current-user.server.ts";
import { requireLab } from "~/modules/labs/access.server.ts";
import { createActivity } from "~/modules/labs/activities.server.ts";
import { activityFormSchema } from "~/modules/labs/forms.ts";
import { labDetail } from "~/modules/labs/labs.server.ts";

export const meta = titleMeta("labs:activities.new");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const item = await requireLab(user, params.id, "lab.manage");
  const lab = (await labDetail(item.id))!;
  return json({ lab: { id: lab.id, title: lab.title } });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const item = await requireLab(user, params.id, "lab.manage");
  const formData = await readForm(request);
  const parsed = parseForm(formData, activityFormSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const activity = await createActivity(user, item.id, parsed.data, { ipAddress: context.clientIp });
  return redirectWithFlash(`/labs/${item.id}/activities/${activity.id}`, { type: "success", message: "labs:flash.activityCreated" });
}

export default function NewActivity() {
  const { lab } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const { t } = useTranslation("labs");
  const v = failure?.values ?? {};
  const errors = failure?.fieldErrors ?? {};
  const labels: Record<string, string> = { title: t("activities.fields.title"), description: t("activities.fields.description"), dueDay: t("activities.fields.dueDay"), dueTime: t("activities.fields.dueTime") };
  return (
    <div className="container page-section">
      <Breadcrumbs items={[{ to: "/labs", label: t("list.title") }, { to: `/labs/${lab.id}`, label: lab.title }, { label: t("activities.new") }]} />
      <h1>{t("activities.new")}</h1>
      <Form method="post" noValidate>
        <ErrorSummary failure={failure} labels={labels} />
        <TextField name="title" label={labels.title} defaultValue={v.title} errors={errors.title} required maxLength={160} />
        <TextAreaField name="description" label={labels.description} defaultValue={v.description} errors={errors.description} hint={t("fields.descriptionHint")} />
        <div className="row">
          <div className="col-md-6">
            <TextField type="date" name="dueDay" label={labels.dueDay} defaultValue={v.dueDay} errors={errors.dueDay} required />
          </div>
          <div className="col-md-6">
            <TextField type="time" name="dueTime" label={labels.dueTime} defaultValue={v.dueTime ?? "23:59"} errors={errors.dueTime} required />
          </div>
        </div>
        <button type="submit" className="btn btn-primary mt-3">
          {t("activities.create")}
        </button>
      </Form>
    </div>
  );
}
