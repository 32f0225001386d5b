// /labs/<id>/activities/<activityId>: the activity. A member hands in (or replaces) their submission
// (text and/or a file) and reads the tutor's comment; the lab's tutors and admins read every
// submission, late ones marked, and comment. Anyone who does not see the lab: 404.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breadcrumbs } from "~/components/breadcrumbs.tsx";
import { FileField, TextAreaField, useErrorText } from "~/components/forms.tsx";
import { formatDateTime } from "~/lib/dates.ts";
import { isDomainError } from "~/lib/domain-error.ts";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { forbidden, notFound } from "~/lib/http.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { renderMarkdown } from "~/lib/markdown/markdown.server.ts";
import { storage } from "~/lib/storage/storage.server.ts";
import { readUploadToStorage } from "~/lib/uploads/upload.server.ts";
import { msg } from "~/lib/validation.ts";
import { can } from "~/modules/access/policy.server.ts";
import { requireUser } from "~/modules/auth/current-user.server.ts";
import { requireLab } from "~/modules/labs/access.server.ts";
import { activityOf, review, submissionsOf, submit, SUBMISSION_KINDS, SUBMISSION_MAX_BYTES, SUBMISSION_PREFIX } from "~/modules/labs/activities.server.ts";
import { SUBMISSION_TEXT_MAX } from "~/modules/labs/forms.ts";
import { labDetail } from "~/modules/labs/labs.server.ts";

export const meta = titleMeta<{ activity: { title: string } }>("labs:activities.pageTitle", (data) => ({ title: data?.activity.title ?? "" }));

async function load(request: Request, labId: string | undefined, activityId: string | undefined) {
  const user = await requireUser(request);
  const item = await requireLab(user, labId, "lab.view");
  const activity = await activityOf(item.id, activityId ?? "");
  if (!activity) throw notFound("labs:errors.activityNotFound");
  return { user, item, activity };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, item, activity } = await load(request, params.id, params.activityId);
  const manages = can(user, "lab.manage", item).allowed;
  const participates = can(user, "lab.participate", item).allowed;
  const lab = (await labDetail(item.id))!;
  const submissions = manages ? await submissionsOf(activity.id) : participates ? await submissionsOf(activity.id, user.id) : [];
  return json({
    lab: { id: lab.id, title: lab.title },
    activity: { ...activity, descriptionHtml: renderMarkdown(activity.description) },
    submissions: submissions.map((s) => ({ ...s, late: s.submittedAt > activity.dueAt })),
    manages,
    participates,
    maxMegabytes: SUBMISSION_MAX_BYTES / 1024 / 1024,
    locale: user.locale,
  });
}

type Failure = { message: string; text?: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, item, activity } = await load(request, params.id, params.activityId);
  const back = (message: string) => redirectWithFlash(`/labs/${item.id}/activities/${activity.id}`, { type: "success", message });
  const form = await readUploadToStorage(request, { storage: storage(), keyPrefix: SUBMISSION_PREFIX, maxBytes: SUBMISSION_MAX_BYTES, kinds: SUBMISSION_KINDS });
  if (!form.ok) return json<Failure>({ message: form.problem.values ? msg(form.problem.key, form.problem.values) : form.problem.key, text: form.fields.text }, { status: form.problem.status });
  const fail = async (status: number, message: string) => {
    if (form.file) await storage().delete(form.file.key);
    return json<Failure>({ message, text: form.fields.text }, { status });
  };
  try {
    if (form.fields.intent === "review") {
      const decision = can(user, "lab.manage", item);
      if (!decision.allowed) {
        await fail(403, decision.reason);
        throw forbidden(decision.reason, decision.values);
      }
      const comment = (form.fields.comment ?? "").trim();
      if (!comment || comment.length > 5000) return fail(400, comment ? msg("validation.tooLong", { max: 5000 }) : "validation.required");
      await review(user, item.id, activity.id, form.fields.submissionId ?? "", comment, { ipAddress: context.clientIp });
      return back("labs:flash.reviewed");
    }
    const decision = can(user, "lab.participate", item);
    if (!decision.allowed) {
      await fail(403, decision.reason);
      throw forbidden(decision.reason, decision.values);
    }
    const text = (form.fields.text ?? "").trim();
    if (text.length > SUBMISSION_TEXT_MAX) return fail(400, msg("validation.tooLong", { max: SUBMISSION_TEXT_MAX }));
    await submit(user.id, activity.id, { text, file: form.file });
    return back("labs:flash.submitted");
  } catch (error) {
    if (isDomainError(error)) return fail(error.status, error.formMessage());
    throw error;
  }
}

export default function ActivityPage() {
  const { lab, activity, submissions, manages, participates, maxMegabytes, locale } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as Failure | undefined;
  const { t } = useTranslation("labs");
  const errorText = useErrorText();
  const mine = participates && !manages ? submissions[0] : undefined;
  const fileLink = (s: { id: string; fileName: string | null }) =>
    s.fileName ? (
      <a href={`/labs/${lab.id}/activities/${activity.id}/files/${s.id}`} download>
        {s.fileName}
      </a>
    ) : null;
  return (
    <div className="container page-section">
      <Breadcrumbs items={[{ to: "/labs", label: t("list.title") }, { to: `/labs/${lab.id}`, label: lab.title }, { label: activity.title }]} />
      <h1>{activity.title}</h1>
      <p className="lead">{t("activities.due", { date: formatDateTime(activity.dueAt, locale) })}</p>
      {activity.descriptionHtml ? <div className="user-content mb-4" dangerouslySetInnerHTML={{ __html: activity.descriptionHtml }} /> : null}
      {failure ? (
        <div className="alert alert-danger" role="alert">
          {errorText(failure.message)}
        </div>
      ) : null}
      {participates && !manages ? (
        <section aria-labelledby="mine-heading" className="mb-4">
          <h2 id="mine-heading" className="h4">
            {t("activities.mine")}
          </h2>
          {mine ? (
            <div className="card card-bg mb-3">
              <div className="card-body">
                <p className="small">
                  {t("activities.submittedAt", { date: formatDateTime(mine.submittedAt, locale) })}
                  {mine.late ? <span className="badge bg-warning text-dark ms-2">{t("activities.late")}</span> : null}
                </p>
                {mine.text ? <p style={{ whiteSpace: "pre-wrap" }}>{mine.text}</p> : null}
                {fileLink(mine)}
                {mine.comment ? (
                  <div className="mt-3">
                    <h3 className="h6">{t("activities.comment")}</h3>
                    <p style={{ whiteSpace: "pre-wrap" }}>{mine.comment}</p>
                  </div>
                ) : null}
              </div>
            </div>
          ) : (
            <p>{t("activities.notSubmitted")}</p>
          )}
          <Form method="post" encType="multipart/form-data">
            <input type="hidden" name="intent" value="submit" />
            <TextAreaField name="text" label={t("activities.fields.text")} defaultValue={failure?.text ?? mine?.text ?? ""} maxLength={SUBMISSION_TEXT_MAX} />
            <FileField name="file" label={t("activities.fields.file")} hint={t("activities.fields.fileHint", { max: maxMegabytes })} />
            <button type="submit" className="btn btn-primary">
              {mine ? t("activities.replace") : t("activities.submit")}
            </button>
          </Form>
        </section>
      ) : null}
      {manages ? (
        <section aria-labelledby="all-heading">
          <h2 id="all-heading" className="h4">
            {t("activities.all", { count: submissions.length })}
          </h2>
          {submissions.length === 0 ? <p>{t("activities.none")}</p> : null}
          {submissions.map((s) => (
            <div key={s.id} className="card card-bg mb-3">
              <div className="card-body">
                <h3 className="h5">
                  {s.user.name}
                  {s.user.organization ? <span className="text-muted"> · {s.user.organization.name}</span> : null}
                </h3>
                <p className="small">
                  {t("activities.submittedAt", { date: formatDateTime(s.submittedAt, locale) })}
                  {s.late ? <span className="badge bg-warning text-dark ms-2">{t("activities.late")}</span> : null}
                </p>
                {s.text ? <p style={{ whiteSpace: "pre-wrap" }}>{s.text}</p> : null}
                {fileLink(s)}
                <Form method="post" encType="multipart/form-data" className="mt-3">
                  <input type="hidden" name="intent" value="review" />
                  <input type="hidden" name="submissionId" value={s.id} />
                  {/* Not TextAreaField: every submission has a "comment" field, so each needs its own id. */}
                  <div className="form-group">
                    <label htmlFor={`comment-${s.id}`} className="active">
                      {t("activities.commentFor", { name: s.user.name })}
                    </label>
                    <textarea id={`comment-${s.id}`} name="comment" className="form-control" defaultValue={s.comment ?? ""} rows={3} maxLength={5000} />
                  </div>
                  <button type="submit" className="btn btn-outline-primary btn-sm">
                    {t("activities.saveComment")}
                  </button>
                </Form>
              </div>
            </div>
          ))}
        </section>
      ) : null}
    </div>
  );
}
