// /labs/<id>/sessions/new: a tutor of the lab (or an admin) schedules a session, online or in person.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breadcrumbs } from "~/components/breadcrumbs.tsx";
import { ErrorSummary, SelectField, TextField } from "~/components/forms.tsx";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { parseForm, type FormFailure } from "~/lib/forms.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { requireUser } from "~/modules/auth/current-user.server.ts";
import { requireLab } from "~/modules/labs/access.server.ts";
import { sessionFormSchema } from "~/modules/labs/forms.ts";
import { labDetail } from "~/modules/labs/labs.server.ts";
import { createSession } from "~/modules/labs/sessions.server.ts";

export const meta = titleMeta("labs:sessions.new");

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
  const parsed = parseForm(formData, sessionFormSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const session = await createSession(user, item.id, parsed.data, { ipAddress: context.clientIp });
  return redirectWithFlash(`/labs/${item.id}/sessions/${session.id}`, { type: "success", message: "labs:flash.sessionCreated" });
}

export default function NewSession() {
  const { lab } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const { t } = useTranslation("labs");
  const v = failure?.values ?? {};
  const errors = failure?.fieldErrors ?? {};
  const labels: Record<string, string> = {
    title: t("sessions.fields.title"), kind: t("sessions.fields.kind"), day: t("sessions.fields.day"), time: t("sessions.fields.time"),
    durationMinutes: t("sessions.fields.durationMinutes"), place: t("sessions.fields.place"), address: t("sessions.fields.address"),
  };
  return (
    <div className="container page-section">
      <Breadcrumbs items={[{ to: "/labs", label: t("list.title") }, { to: `/labs/${lab.id}`, label: lab.title }, { label: t("sessions.new") }]} />
      <h1>{t("sessions.new")}</h1>
      <Form method="post" noValidate>
        <ErrorSummary failure={failure} labels={labels} />
        <TextField name="title" label={labels.title} defaultValue={v.title} errors={errors.title} required maxLength={160} />
        <SelectField
          name="kind"
          label={labels.kind}
          defaultValue={v.kind ?? "IN_PERSON"}
          errors={errors.kind}
          options={[
            { value: "IN_PERSON", label: t("sessions.kind.IN_PERSON") },
            { value: "ONLINE", label: t("sessions.kind.ONLINE") },
          ]}
        />
        <div className="row mt-3">
          <div className="col-md-4">
            <TextField type="date" name="day" label={labels.day} defaultValue={v.day} errors={errors.day} required />
          </div>
          <div className="col-md-4">
            <TextField type="time" name="time" label={labels.time} defaultValue={v.time} errors={errors.time} required />
          </div>
          <div className="col-md-4">
            <TextField type="number" name="durationMinutes" label={labels.durationMinutes} defaultValue={v.durationMinutes ?? "120"} errors={errors.durationMinutes} min={15} max={600} required />
          </div>
        </div>
        <TextField name="place" label={labels.place} defaultValue={v.place} errors={errors.place} hint={t("sessions.fields.placeHint")} maxLength={160} />
        <TextField name="address" label={labels.address} defaultValue={v.address} errors={errors.address} maxLength={240} />
        <button type="submit" className="btn btn-primary mt-3">
          {t("sessions.create")}
        </button>
      </Form>
    </div>
  );
}
