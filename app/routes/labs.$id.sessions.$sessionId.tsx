// /labs/<id>/sessions/<sessionId>: a lab session (when, where) for everyone who sees the lab; the
// lab's tutors and admins keep its attendance register here (tick who was present, confirm).
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breadcrumbs } from "~/components/breadcrumbs.tsx";
import { ErrorSummary } from "~/components/forms.tsx";
import { formatDateTime } from "~/lib/dates.ts";
import { domainErrorResponse } from "~/lib/domain-error.server.ts";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import type { FormFailure } from "~/lib/forms.ts";
import { notFound } from "~/lib/http.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { can } from "~/modules/access/policy.server.ts";
import { requireUser } from "~/modules/auth/current-user.server.ts";
import { requireLab } from "~/modules/labs/access.server.ts";
import { labDetail } from "~/modules/labs/labs.server.ts";
import { confirmRegister, sessionRegister } from "~/modules/labs/sessions.server.ts";

export const meta = titleMeta<{ session: { title: string } }>("labs:sessions.pageTitle", (data) => ({ title: data?.session.title ?? "" }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const item = await requireLab(user, params.id, "lab.view");
  const register = await sessionRegister(item.id, params.sessionId ?? "");
  if (!register) throw notFound("labs:errors.sessionNotFound");
  const lab = (await labDetail(item.id))!;
  const manages = can(user, "lab.manage", item).allowed;
  return json({
    lab: { id: lab.id, title: lab.title },
    session: { ...register.session, webinarId: undefined },
    room: register.room,
    people: manages ? register.people : [],
    manages,
    started: register.session.startsAt <= new Date(),
    locale: user.locale,
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const item = await requireLab(user, params.id, "lab.manage");
  const formData = await readForm(request);
  const present = formData.getAll("present").filter((v): v is string => typeof v === "string" && v.length > 0 && v.length <= 40);
  try {
    await confirmRegister(user, item.id, params.sessionId ?? "", present, { ipAddress: context.clientIp });
  } catch (error) {
    return domainErrorResponse(error, formData);
  }
  return redirectWithFlash(`/labs/${item.id}/sessions/${params.sessionId}`, { type: "success", message: "labs:flash.registerConfirmed" });
}

export default function SessionPage() {
  const { lab, session, room, people, manages, started, locale } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const { t } = useTranslation("labs");
  return (
    <div className="container page-section">
      <Breadcrumbs items={[{ to: "/labs", label: t("list.title") }, { to: `/labs/${lab.id}`, label: lab.title }, { label: session.title }]} />
      <h1>{session.title}</h1>
      <dl className="row">
        <dt className="col-sm-3">{t("sessions.fields.kind")}</dt>
        <dd className="col-sm-9">{t(`sessions.kind.${session.kind}`)}</dd>
        <dt className="col-sm-3">{t("sessions.when")}</dt>
        <dd className="col-sm-9">{t("sessions.whenValue", { date: formatDateTime(session.startsAt, locale), count: session.durationMinutes })}</dd>
        {session.place ? (
          <>
            <dt className="col-sm-3">{t("sessions.fields.place")}</dt>
            <dd className="col-sm-9">
              {session.place}
              {session.address ? `, ${session.address}` : ""}
            </dd>
          </>
        ) : null}
      </dl>
      {room ? (
        <p>
          <a className="btn btn-primary" href={`/webinars/${room.slug}/room`}>
            {t("sessions.joinRoom")}
          </a>
        </p>
      ) : null}
      {manages ? (
        <p>
          <a href={`/labs/${lab.id}/sessions/${session.id}/edit`}>{t("sessions.edit")}</a>
        </p>
      ) : null}
      {manages ? (
        <section aria-labelledby="register-heading">
          <h2 id="register-heading" className="h4">
            {t("sessions.register")}
          </h2>
          <p>{session.confirmedAt ? t("sessions.confirmedAt", { date: formatDateTime(session.confirmedAt, locale) }) : t("sessions.notConfirmed")}</p>
          {session.kind === "ONLINE" && !session.confirmedAt && started ? <p>{t("sessions.onlinePrefill")}</p> : null}
          <ErrorSummary failure={failure} labels={{}} />
          {!started ? (
            <p>{t("sessions.registerLater")}</p>
          ) : people.length ? (
            <Form method="post">
              <fieldset>
                <legend className="h6">{t("sessions.present")}</legend>
                {people.map((person) => (
                  <div key={person.id} className="form-check">
                    <input id={`present-${person.id}`} type="checkbox" name="present" value={person.id} defaultChecked={person.present} />
                    <label htmlFor={`present-${person.id}`}>
                      {person.name}
                      {person.organization ? ` · ${person.organization}` : ""}
                      {person.onlineMinutes !== null ? ` · ${t("sessions.onlineMinutes", { count: person.onlineMinutes })}` : ""}
                    </label>
                  </div>
                ))}
              </fieldset>
              <button type="submit" className="btn btn-primary mt-2">
                {t("sessions.confirm")}
              </button>
            </Form>
          ) : (
            <p>{t("page.noMembers")}</p>
          )}
        </section>
      ) : null}
    </div>
  );
}
