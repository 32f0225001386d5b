// /labs/<id>: the lab page. Members read the lab, its people, sessions and activities; a person of
// a cohort organization joins from here; the lab's tutors and admins manage the cohort and members
// (admins its tutors too). Anyone else gets a 404.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breadcrumbs } from "~/components/breadcrumbs.tsx";
import { ErrorSummary, useErrorText } from "~/components/forms.tsx";
import { formatDate, formatDateTime } from "~/lib/dates.ts";
import { domainErrorResponse } from "~/lib/domain-error.server.ts";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { parseForm, type FormFailure } from "~/lib/forms.ts";
import { badRequest } from "~/lib/http.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { renderMarkdown } from "~/lib/markdown/markdown.server.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { can, enforce } from "~/modules/access/policy.server.ts";
import { requireUser } from "~/modules/auth/current-user.server.ts";
import { requireLab } from "~/modules/labs/access.server.ts";
import { labSessions } from "~/modules/labs/sessions.server.ts";
import { labActivities } from "~/modules/labs/activities.server.ts";
import { organizationFormSchema, personFormSchema } from "~/modules/labs/forms.ts";
import {
  addMember, addOrganization, addTutor, eligibleOrganizations, joinLab, labDetail, leaveLab, memberChoices, removeMember, removeOrganization, removeTutor, tutorChoices,
} from "~/modules/labs/labs.server.ts";

export const meta = titleMeta<{ lab: { title: string } }>("labs:page.title", (data) => ({ title: data?.lab.title ?? "" }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const item = await requireLab(user, params.id, "lab.view");
  const lab = (await labDetail(item.id))!;
  const manages = can(user, "lab.manage", item).allowed;
  const edits = can(user, "lab.edit", item).allowed;
  const sessions = await labSessions(item.id);
  const activities = await labActivities(item.id);
  return json({
    activities: activities.map((a) => ({ id: a.id, title: a.title, dueAt: a.dueAt, submissions: a._count.submissions })),
    sessions: sessions.map((s) => ({ id: s.id, title: s.title, kind: s.kind, startsAt: s.startsAt, durationMinutes: s.durationMinutes, place: s.place, confirmed: Boolean(s.confirmedAt), present: s._count.attendance })),
    lab: {
      id: lab.id, title: lab.title, descriptionHtml: renderMarkdown(lab.description), startsAt: lab.startsAt, endsAt: lab.endsAt, status: lab.status, quietAfterDays: lab.quietAfterDays,
      categoryId: lab.categoryId,
      organizations: lab.organizations.map((o) => o.organization),
      tutors: lab.tutors.map((t) => ({ id: t.user.id, name: t.user.name })),
      members: lab.members.map((m) => ({ id: m.user.id, name: m.user.name, organization: m.user.organization?.name ?? "", email: manages ? m.user.email : null })),
    },
    may: { manage: manages, edit: edits, join: can(user, "lab.join", item).allowed, leave: can(user, "lab.leave", item).allowed },
    choices: manages
      ? { organizations: await eligibleOrganizations(item.id), people: await memberChoices(item.id), tutors: edits ? await tutorChoices(item.id) : [] }
      : { organizations: [], people: [], tutors: [] },
    locale: user.locale,
  });
}

const INTENTS = ["join", "leave", "addOrganization", "removeOrganization", "addTutor", "removeTutor", "addMember", "removeMember"] as const;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const item = await requireLab(user, params.id, "lab.view");
  const formData = await readForm(request);
  const intent = String(formData.get("intent") ?? "");
  if (!(INTENTS as readonly string[]).includes(intent)) throw badRequest("labs:errors.unknownIntent");
  const meta = { ipAddress: context.clientIp };
  const back = (message: string) => redirectWithFlash(`/labs/${item.id}`, { type: "success", message });
  try {
    switch (intent) {
      case "join":
        enforce(can(user, "lab.join", item));
        await joinLab(user, item.id, meta);
        return back("labs:flash.joined");
      case "leave":
        enforce(can(user, "lab.leave", item));
        await leaveLab(user, item.id, meta);
        return back("labs:flash.left");
      case "addOrganization":
      case "removeOrganization": {
        enforce(can(user, "lab.manage", item));
        const parsed = parseForm(formData, organizationFormSchema);
        if (!parsed.ok) return json({ ...parsed, intent }, { status: 400 });
        if (intent === "addOrganization") await addOrganization(user, item.id, parsed.data.organizationId, meta);
        else await removeOrganization(user, item.id, parsed.data.organizationId, meta);
        return back(intent === "addOrganization" ? "labs:flash.organizationAdded" : "labs:flash.organizationRemoved");
      }
      case "addTutor":
      case "removeTutor": {
        enforce(can(user, "lab.edit", item));
        const parsed = parseForm(formData, personFormSchema);
        if (!parsed.ok) return json({ ...parsed, intent }, { status: 400 });
        if (intent === "addTutor") await addTutor(user, item.id, parsed.data.userId, meta);
        else await removeTutor(user, item.id, parsed.data.userId, meta);
        return back(intent === "addTutor" ? "labs:flash.tutorAdded" : "labs:flash.tutorRemoved");
      }
      default: {
        enforce(can(user, "lab.manage", item));
        const parsed = parseForm(formData, personFormSchema);
        if (!parsed.ok) return json({ ...parsed, intent }, { status: 400 });
        if (intent === "addMember") await addMember(user, item.id, parsed.data.userId, meta);
        else await removeMember(user, item.id, parsed.data.userId, meta);
        return back(intent === "addMember" ? "labs:flash.memberAdded" : "labs:flash.memberRemoved");
      }
    }
  } catch (error) {
    const response = domainErrorResponse(error, formData);
    return json({ ...(await response.json()), intent }, { status: response.status });
  }
}

function RemoveButton({ intent, field, value, label }: { intent: string; field: string; value: string; label: string }) {
  return (
    <Form method="post" className="d-inline ms-2">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name={field} value={value} />
      <button type="submit" className="btn btn-outline-danger btn-xs py-0 px-2">
        {label}
      </button>
    </Form>
  );
}

function AddForm({ intent, field, label, submit, options, failure }: { intent: string; field: string; label: string; submit: string; options: { value: string; label: string }[]; failure?: FormFailure & { intent?: string } }) {
  const { t } = useTranslation("labs");
  const errorText = useErrorText();
  const mine = failure?.intent === intent ? failure : undefined;
  if (!options.length) return null;
  return (
    <Form method="post" className="mt-3" noValidate>
      <input type="hidden" name="intent" value={intent} />
      <ErrorSummary failure={mine} labels={{ [field]: label }} />
      <div className="select-wrapper">
        {/* Not SelectField: two of these forms share the field name, so each needs its own id. */}
        <label htmlFor={`${intent}-${field}`}>{label}</label>
        <select id={`${intent}-${field}`} name={field} className={mine?.fieldErrors[field] ? "is-invalid" : undefined} aria-invalid={mine?.fieldErrors[field] ? true : undefined} aria-describedby={mine?.fieldErrors[field] ? `${intent}-${field}-error` : undefined}>
          {[{ value: "", label: t("page.choose") }, ...options].map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        {mine?.fieldErrors[field] ? (
          <div id={`${intent}-${field}-error`} className="invalid-feedback d-block" role="alert">
            {mine.fieldErrors[field].map((message) => errorText(message)).join(" ")}
          </div>
        ) : null}
      </div>
      <button type="submit" className="btn btn-outline-primary btn-sm mt-2">
        {submit}
      </button>
    </Form>
  );
}

export default function LabPage() {
  const { lab, may, choices, locale, sessions, activities } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as (FormFailure & { intent?: string }) | undefined;
  const { t } = useTranslation("labs");
  return (
    <div className="container page-section">
      <Breadcrumbs items={[{ to: "/labs", label: t("list.title") }, { label: lab.title }]} />
      <h1>{lab.title}</h1>
      <p className="lead">
        {t("list.period", { from: formatDate(lab.startsAt, locale), to: formatDate(lab.endsAt, locale) })} · {t(`status.${lab.status}`)}
      </p>
      {failure && !failure.intent?.startsWith("add") ? <ErrorSummary failure={failure} labels={{}} /> : null}
      <div className="d-flex flex-wrap gap-2 mb-3">
        {may.join ? (
          <Form method="post">
            <input type="hidden" name="intent" value="join" />
            <button type="submit" className="btn btn-primary">
              {t("page.join")}
            </button>
          </Form>
        ) : null}
        {may.edit ? (
          <Link to={`/labs/${lab.id}/edit`} className="btn btn-outline-primary">
            {t("edit.title")}
          </Link>
        ) : null}
        {may.manage ? (
          <Link to={`/labs/${lab.id}/quiet`} className="btn btn-outline-primary">
            {t("quiet.link")}
          </Link>
        ) : null}
        {lab.categoryId ? (
          <Link to={`/community/c/${lab.categoryId}`} className="btn btn-outline-primary">
            {t("page.discussion")}
          </Link>
        ) : null}
      </div>
      {lab.descriptionHtml ? <div className="user-content mb-4" dangerouslySetInnerHTML={{ __html: lab.descriptionHtml }} /> : null}

      <section className="mb-4" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading" className="h4">
          {t("sessions.title")}
        </h2>
        {sessions.length ? (
          <ul>
            {sessions.map((session) => (
              <li key={session.id}>
                <Link to={`/labs/${lab.id}/sessions/${session.id}`}>{session.title}</Link> · {formatDateTime(session.startsAt, locale)} · {t(`sessions.kind.${session.kind}`)}
                {session.place ? ` · ${session.place}` : ""}
                {may.manage && session.confirmed ? ` · ${t("sessions.presentCount", { count: session.present })}` : ""}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("sessions.none")}</p>
        )}
        {may.manage ? (
          <Link to={`/labs/${lab.id}/sessions/new`} className="btn btn-outline-primary btn-sm">
            {t("sessions.new")}
          </Link>
        ) : null}
      </section>

      <section className="mb-4" aria-labelledby="activities-heading">
        <h2 id="activities-heading" className="h4">
          {t("activities.title")}
        </h2>
        {activities.length ? (
          <ul>
            {activities.map((activity) => (
              <li key={activity.id}>
                <Link to={`/labs/${lab.id}/activities/${activity.id}`}>{activity.title}</Link> · {t("activities.due", { date: formatDateTime(activity.dueAt, locale) })}
                {may.manage ? ` · ${t("activities.submissions", { count: activity.submissions })}` : ""}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("activities.noActivities")}</p>
        )}
        {may.manage ? (
          <Link to={`/labs/${lab.id}/activities/new`} className="btn btn-outline-primary btn-sm">
            {t("activities.new")}
          </Link>
        ) : null}
      </section>

      <div className="row">
        <section className="col-md-4 mb-4" aria-labelledby="cohort-heading">
          <h2 id="cohort-heading" className="h4">
            {t("page.cohort")}
          </h2>
          {lab.organizations.length ? (
            <ul>
              {lab.organizations.map((o) => (
                <li key={o.id}>
                  {o.name}
                  {may.manage ? <RemoveButton intent="removeOrganization" field="organizationId" value={o.id} label={t("page.remove")} /> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("page.noCohort")}</p>
          )}
          {may.manage ? (
            <AddForm intent="addOrganization" field="organizationId" label={t("page.addOrganization")} submit={t("page.add")} options={choices.organizations.map((o) => ({ value: o.id, label: o.name }))} failure={failure} />
          ) : null}
        </section>
        <section className="col-md-4 mb-4" aria-labelledby="tutors-heading">
          <h2 id="tutors-heading" className="h4">
            {t("page.tutors")}
          </h2>
          {lab.tutors.length ? (
            <ul>
              {lab.tutors.map((tutor) => (
                <li key={tutor.id}>
                  {tutor.name}
                  {may.edit ? <RemoveButton intent="removeTutor" field="userId" value={tutor.id} label={t("page.remove")} /> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("page.noTutors")}</p>
          )}
          {may.edit ? <AddForm intent="addTutor" field="userId" label={t("page.addTutor")} submit={t("page.add")} options={choices.tutors.map((u) => ({ value: u.id, label: u.name }))} failure={failure} /> : null}
        </section>
        <section className="col-md-4 mb-4" aria-labelledby="members-heading">
          <h2 id="members-heading" className="h4">
            {t("page.members", { count: lab.members.length })}
          </h2>
          {lab.members.length ? (
            <ul>
              {lab.members.map((member) => (
                <li key={member.id}>
                  {member.name}
                  {member.organization ? <span className="text-muted"> · {member.organization}</span> : null}
                  {may.manage ? <RemoveButton intent="removeMember" field="userId" value={member.id} label={t("page.remove")} /> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("page.noMembers")}</p>
          )}
          {may.manage ? (
            <AddForm intent="addMember" field="userId" label={t("page.addMember")} submit={t("page.add")} options={choices.people.map((p) => ({ value: p.id, label: p.organization ? `${p.name} · ${p.organization.name}` : p.name }))} failure={failure} />
          ) : null}
          {may.leave ? (
            <Form method="post" className="mt-3">
              <input type="hidden" name="intent" value="leave" />
              <button type="submit" className="btn btn-outline-secondary btn-sm">
                {t("page.leave")}
              </button>
            </Form>
          ) : null}
        </section>
      </div>
    </div>
  );
}
