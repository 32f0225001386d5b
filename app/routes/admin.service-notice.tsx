// /admin/service-notice: an admin publishes or clears the site-wide service notice; open pages
// show the change at once (event stream), the next page load shows it without JavaScript.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorSummary, SelectField, TextAreaField } from "~/components/forms.tsx";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { parseForm, type FormFailure } from "~/lib/forms.ts";
import { badRequest } from "~/lib/http.server.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { requiredText } from "~/lib/validation.ts";
import { authorize } from "~/modules/access/policy.server.ts";
import { clearNotice, currentNotice, publishNotice } from "~/modules/service-notice/notice.server.ts";
import { NOTICE_LEVELS, NOTICE_MAX_LENGTH } from "~/modules/service-notice/notice.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";

export const meta = titleMeta("live:notice.title");

const noticeSchema = z.object({
  message: requiredText(NOTICE_MAX_LENGTH),
  level: z.enum(NOTICE_LEVELS, { errorMap: () => ({ message: "validation.invalid" }) }),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await authorize(request, "service-notice.manage");
  const { notice } = await currentNotice();
  return json({ notice });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await authorize(request, "service-notice.manage");
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "clear") {
    const cleared = await clearNotice(user, { ipAddress: context.clientIp });
    return redirectWithFlash("/admin/service-notice", { type: "success", message: cleared ? "live:notice.flashCleared" : "live:notice.flashNothingToClear" });
  }
  if (intent !== "publish") throw badRequest();
  const parsed = parseForm(formData, noticeSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  await publishNotice(user, parsed.data, { ipAddress: context.clientIp });
  return redirectWithFlash("/admin/service-notice", { type: "success", message: "live:notice.flashPublished" });
}

export default function ServiceNoticeAdmin() {
  const { notice } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const { t } = useTranslation("live");
  const values = failure?.values ?? {};
  const labels = { message: t("notice.message"), level: t("notice.level") };
  return (
    <div className="container page-section">
      <h1>{t("notice.title")}</h1>
      <p className="lead">{t("notice.lead")}</p>
      <h2 className="h4">{t("notice.currentTitle")}</h2>
      {notice ? (
        <>
          <p>
            <strong>{t(`notice.levels.${notice.level}`)}</strong>: {notice.message}
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value="clear" />
            <button type="submit" className="btn btn-outline-danger">
              {t("notice.clear")}
            </button>
          </Form>
        </>
      ) : (
        <p>{t("notice.none")}</p>
      )}
      <h2 className="h4 mt-5">{t("notice.publishTitle")}</h2>
      <ErrorSummary failure={failure} labels={labels} />
      <Form method="post" noValidate className="col-lg-8">
        <input type="hidden" name="intent" value="publish" />
        <p className="small">{t("common:form.requiredHint")}</p>
        <TextAreaField
          name="message"
          label={labels.message}
          required
          rows={3}
          maxLength={NOTICE_MAX_LENGTH}
          hint={t("notice.messageHint", { max: NOTICE_MAX_LENGTH })}
          defaultValue={values.message ?? notice?.message}
          errors={failure?.fieldErrors.message}
        />
        <SelectField
          name="level"
          label={labels.level}
          required
          defaultValue={values.level ?? notice?.level ?? "info"}
          errors={failure?.fieldErrors.level}
          options={NOTICE_LEVELS.map((level) => ({ value: level, label: t(`notice.levels.${level}`) }))}
        />
        <button type="submit" className="btn btn-primary">
          {t("notice.publish")}
        </button>
      </Form>
    </div>
  );
}
