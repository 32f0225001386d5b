// /labs/<id>/sessions/new: a tutor of the lab (or an admin) schedules a session, online or in person.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breadcrumbs } from "~/components/breadcrumbs.tsx";
import { SessionFields } from "~/components/labs/session-fields.tsx";
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
  return (
    <div className="container page-section">
      <Breadcrumbs items={[{ to: "/labs", label: t("list.title") }, { to: `/labs/${lab.id}`, label: lab.title }, { label: t("sessions.new") }]} />
      <h1>{t("sessions.new")}</h1>
      <Form method="post" noValidate>
        <SessionFields failure={failure} values={{}} />
        <button type="submit" className="btn btn-primary mt-3">
          {t("sessions.create")}
        </button>
      </Form>
    </div>
  );
}
