// /labs/<id>/edit: an admin changes the lab's title, description, period, quiet setting and status.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breadcrumbs } from "~/components/breadcrumbs.tsx";
import { LabForm } from "~/components/labs/lab-form.tsx";
import { romeDay } from "~/lib/dates.ts";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { parseForm, type FormFailure } from "~/lib/forms.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { requireUser } from "~/modules/auth/current-user.server.ts";
import { requireLab } from "~/modules/labs/access.server.ts";
import { labFormSchema } from "~/modules/labs/forms.ts";
import { labDetail, updateLab } from "~/modules/labs/labs.server.ts";

export const meta = titleMeta("labs:edit.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  await requireLab(user, params.id, "lab.edit");
  const lab = (await labDetail(params.id!))!;
  return json({
    lab: { id: lab.id, title: lab.title },
    values: { title: lab.title, description: lab.description, startDay: romeDay(lab.startsAt), endDay: romeDay(lab.endsAt), quietAfterDays: String(lab.quietAfterDays), status: lab.status },
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const item = await requireLab(user, params.id, "lab.edit");
  const formData = await readForm(request);
  const parsed = parseForm(formData, labFormSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  await updateLab(user, item.id, parsed.data, { ipAddress: context.clientIp });
  return redirectWithFlash(`/labs/${item.id}`, { type: "success", message: "labs:flash.updated" });
}

export default function EditLab() {
  const { lab, values } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const { t } = useTranslation("labs");
  return (
    <div className="container page-section">
      <Breadcrumbs items={[{ to: "/labs", label: t("list.title") }, { to: `/labs/${lab.id}`, label: lab.title }, { label: t("edit.title") }]} />
      <h1>{t("edit.title")}</h1>
      <LabForm values={values} failure={failure} submitLabel={t("edit.submit")} withStatus />
    </div>
  );
}
