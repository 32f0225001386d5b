// /labs/new: an admin creates a lab (then adds its cohort and tutors on the lab's page).
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breadcrumbs } from "~/components/breadcrumbs.tsx";
import { emptyLabForm, LabForm } from "~/components/labs/lab-form.tsx";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { parseForm, type FormFailure } from "~/lib/forms.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { authorize } from "~/modules/access/policy.server.ts";
import { labFormSchema } from "~/modules/labs/forms.ts";
import { createLab } from "~/modules/labs/labs.server.ts";

export const meta = titleMeta("labs:new.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await authorize(request, "labs.create");
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await authorize(request, "labs.create");
  const formData = await readForm(request);
  const parsed = parseForm(formData, labFormSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const lab = await createLab(user, parsed.data, { ipAddress: context.clientIp });
  return redirectWithFlash(`/labs/${lab.id}`, { type: "success", message: "labs:flash.created" });
}

export default function NewLab() {
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const { t } = useTranslation("labs");
  return (
    <div className="container page-section">
      <Breadcrumbs items={[{ to: "/labs", label: t("list.title") }, { label: t("new.title") }]} />
      <h1>{t("new.title")}</h1>
      <LabForm values={emptyLabForm} failure={failure} submitLabel={t("new.submit")} />
    </div>
  );
}
