// /webinars/new: schedule a webinar (tutors, admins). It starts as a draft.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breadcrumbs } from "~/components/breadcrumbs.tsx";
import { emptyWebinarForm, valuesAfterFailure, WebinarForm } from "~/components/webinars/webinar-form.tsx";
import { domainErrorResponse } from "~/lib/domain-error.server.ts";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { parseForm } from "~/lib/forms.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { authorize } from "~/modules/access/policy.server.ts";
import { withLists, type WebinarFormFailure } from "~/modules/webinars/forms.server.ts";
import { webinarFormSchema } from "~/modules/webinars/validation.ts";
import { createWebinar, organizationChoices } from "~/modules/webinars/webinars.server.ts";

export const meta = titleMeta("webinars:new.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await authorize(request, "webinars.schedule");
  return json({ organizations: await organizationChoices() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await authorize(request, "webinars.schedule");
  const formData = await readForm(request);
  const parsed = parseForm(formData, webinarFormSchema);
  if (!parsed.ok) return json(withLists(parsed, formData), { status: 400 });
  try {
    const webinar = await createWebinar(parsed.data, user.id, { ipAddress: context.clientIp });
    return redirectWithFlash(`/webinars/${webinar.slug}/edit`, { type: "success", message: "webinars:flash.created" });
  } catch (error) {
    const response = domainErrorResponse(error, formData);
    return json(withLists(await response.json(), formData), { status: response.status });
  }
}

export default function NewWebinar() {
  const { organizations } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as WebinarFormFailure | undefined;
  const { t } = useTranslation("webinars");
  return (
    <div className="container page-section">
      <Breadcrumbs items={[{ to: "/webinars", label: t("catalogue.title") }, { label: t("new.title") }]} />
      <h1>{t("new.title")}</h1>
      <WebinarForm values={valuesAfterFailure(emptyWebinarForm, failure)} failure={failure} organizations={organizations} submitLabel={t("new.submit")} />
    </div>
  );
}
