// /labs/<id>/quiet: the lab's tutors (and admins) see who has gone quiet (no attendance, post or
// submission for more than the lab's N days) and remind them by email with one click.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breadcrumbs } from "~/components/breadcrumbs.tsx";
import { ErrorSummary } from "~/components/forms.tsx";
import { DataTable } from "~/components/list-page.tsx";
import { formatDate } from "~/lib/dates.ts";
import { domainErrorResponse } from "~/lib/domain-error.server.ts";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { parseForm, type FormFailure } from "~/lib/forms.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { requireUser } from "~/modules/auth/current-user.server.ts";
import { requireLab } from "~/modules/labs/access.server.ts";
import { personFormSchema } from "~/modules/labs/forms.ts";
import { labDetail } from "~/modules/labs/labs.server.ts";
import { memberActivity, remindQuietMember } from "~/modules/labs/quiet.server.ts";

export const meta = titleMeta("labs:quiet.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const item = await requireLab(user, params.id, "lab.manage");
  const lab = (await labDetail(item.id))!;
  const { members, quietAfterDays } = await memberActivity(item.id);
  return json({ lab: { id: lab.id, title: lab.title }, members, quietAfterDays, locale: user.locale });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const item = await requireLab(user, params.id, "lab.manage");
  const formData = await readForm(request);
  const parsed = parseForm(formData, personFormSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  try {
    await remindQuietMember(user, item.id, parsed.data.userId, { ipAddress: context.clientIp });
  } catch (error) {
    return domainErrorResponse(error, formData);
  }
  return redirectWithFlash(`/labs/${item.id}/quiet`, { type: "success", message: "labs:flash.reminded" });
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["members"][number];

export default function QuietMembers() {
  const { lab, members, quietAfterDays, locale } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const { t } = useTranslation("labs");
  const day = (value: string | null) => (value ? formatDate(value, locale) : "—");
  const quietCount = members.filter((m) => m.quiet).length;
  return (
    <div className="container page-section">
      <Breadcrumbs items={[{ to: "/labs", label: t("list.title") }, { to: `/labs/${lab.id}`, label: lab.title }, { label: t("quiet.title") }]} />
      <h1>{t("quiet.title")}</h1>
      <p>{t("quiet.intro", { count: quietAfterDays })}</p>
      <p>
        <strong>{t("quiet.count", { count: quietCount })}</strong>
      </p>
      <ErrorSummary failure={failure} labels={{}} />
      {members.length ? (
        <DataTable<Row>
          caption={t("quiet.caption", { title: lab.title })}
          rows={members}
          rowKey={(m) => m.userId}
          columns={[
            { header: t("quiet.columns.name"), cell: (m) => m.name, rowHeader: true },
            { header: t("quiet.columns.organization"), cell: (m) => m.organization || "—" },
            { header: t("quiet.columns.attendance"), cell: (m) => day(m.lastAttendance) },
            { header: t("quiet.columns.post"), cell: (m) => day(m.lastPost) },
            { header: t("quiet.columns.submission"), cell: (m) => day(m.lastSubmission) },
            { header: t("quiet.columns.state"), cell: (m) => (m.quiet ? <span className="badge bg-warning text-dark">{t("quiet.quiet")}</span> : t("quiet.active")) },
            {
              header: t("quiet.columns.reminder"),
              cell: (m) =>
                m.canRemind ? (
                  <Form method="post">
                    <input type="hidden" name="userId" value={m.userId} />
                    <button type="submit" className="btn btn-outline-primary btn-sm">
                      {t("quiet.remind")}
                      <span className="visually-hidden"> – {m.name}</span>
                    </button>
                  </Form>
                ) : m.lastReminderAt ? (
                  t("quiet.remindedOn", { date: day(m.lastReminderAt) })
                ) : (
                  "—"
                ),
            },
          ]}
        />
      ) : (
        <p>{t("page.noMembers")}</p>
      )}
    </div>
  );
}
