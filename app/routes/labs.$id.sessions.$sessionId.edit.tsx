// /labs/<id>/sessions/<sessionId>/edit: the lab's tutors (and admins) change a session or cancel
// it. Its online room follows (app/modules/labs/sessions.server.ts): moved, opened or closed.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breadcrumbs } from "~/components/breadcrumbs.tsx";
import { SessionFields } from "~/components/labs/session-fields.tsx";
import { romeClockTime, romeDay } from "~/lib/dates.ts";
import { domainErrorResponse } from "~/lib/domain-error.server.ts";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { parseForm, type FormFailure } from "~/lib/forms.ts";
import { notFound } from "~/lib/http.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { requireUser } from "~/modules/auth/current-user.server.ts";
import { requireLab } from "~/modules/labs/access.server.ts";
import { sessionFormSchema } from "~/modules/labs/forms.ts";
import { labDetail } from "~/modules/labs/labs.server.ts";
import { deleteSession, sessionForEdit, updateSession } from "~/modules/labs/sessions.server.ts";

export const meta = titleMeta("labs:sessions.editTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const item = await requireLab(user, params.id, "lab.manage");
  const session = await sessionForEdit(item.id, params.sessionId ?? "");
  if (!session) throw notFound("labs:errors.sessionNotFound");
  const lab = (await labDetail(item.id))!;
  return json({
    lab: { id: lab.id, title: lab.title },
    session: { id: session.id, title: session.title },
    values: {
      title: session.title,
      kind: session.kind,
      day: romeDay(session.startsAt),
      time: romeClockTime(session.startsAt),
      durationMinutes: String(session.durationMinutes),
      place: session.place ?? "",
      address: session.address ?? "",
    },
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const item = await requireLab(user, params.id, "lab.manage");
  const sessionId = params.sessionId ?? "";
  const formData = await readForm(request);
  try {
    if (formData.get("intent") === "delete") {
      await deleteSession(user, item.id, sessionId, { ipAddress: context.clientIp });
      return redirectWithFlash(`/labs/${item.id}`, { type: "success", message: "labs:flash.sessionDeleted" });
    }
    const parsed = parseForm(formData, sessionFormSchema);
    if (!parsed.ok) return json(parsed, { status: 400 });
    await updateSession(user, item.id, sessionId, parsed.data, { ipAddress: context.clientIp });
  } catch (error) {
    return domainErrorResponse(error, formData);
  }
  return redirectWithFlash(`/labs/${item.id}/sessions/${sessionId}`, { type: "success", message: "labs:flash.sessionUpdated" });
}

export default function EditSession() {
  const { lab, session, values } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const { t } = useTranslation("labs");
  return (
    <div className="container page-section">
      <Breadcrumbs
        items={[{ to: "/labs", label: t("list.title") }, { to: `/labs/${lab.id}`, label: lab.title }, { to: `/labs/${lab.id}/sessions/${session.id}`, label: session.title }, { label: t("sessions.editTitle") }]}
      />
      <h1>{t("sessions.editTitle")}</h1>
      <Form method="post" noValidate>
        <SessionFields failure={failure} values={values} />
        <button type="submit" className="btn btn-primary mt-3">
          {t("sessions.save")}
        </button>
      </Form>
      <section aria-labelledby="delete-heading" className="mt-5">
        <h2 id="delete-heading" className="h4">
          {t("sessions.deleteTitle")}
        </h2>
        <p>{t("sessions.deleteHint")}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="delete" />
          <button type="submit" className="btn btn-outline-danger">
            {t("sessions.delete")}
          </button>
        </Form>
      </section>
    </div>
  );
}
