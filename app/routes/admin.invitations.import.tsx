// /admin/invitations/import: invite the members of one organization from a CSV file.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { authorize } from "~/modules/access/policy.server.ts";
import { csvInvitationAction } from "~/modules/invitations/csv-action.server.ts";
import { CSV_MAX_BYTES, CSV_MAX_ROWS } from "~/modules/invitations/limits.ts";
import { CsvProblem, CsvReportView, CsvUploadForm } from "~/components/invitations/csv-import.tsx";
import type { CsvActionData } from "~/modules/invitations/csv-action.server.ts";
import { organizationOptions } from "~/modules/users/users.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";

export const meta = titleMeta("invitations:csv.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await authorize(request, "users.manage");
  const url = new URL(request.url);
  return json({
    organizations: await organizationOptions(),
    organizationId: url.searchParams.get("organizationId") ?? undefined,
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await authorize(request, "users.manage");
  return csvInvitationAction(request, user, { ipAddress: context.clientIp }, { doneTo: "/admin/invitations" });
}

export default function AdminCsvInvitations() {
  const { organizations, organizationId } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as CsvActionData | undefined;
  const { t } = useTranslation("invitations");
  return (
    <div className="container page-section">
      <p>
        <Link to="/admin/invitations">{t("csv.back")}</Link>
      </p>
      <h1>{t("csv.title")}</h1>
      <p className="lead">{t("csv.lead")}</p>
      {data?.kind === "problem" ? <CsvProblem problem={data.problem} /> : null}
      {data?.kind === "report" ? <CsvReportView report={data.report} csvText={data.csvText} organizationId={data.organizationId} /> : null}
      <CsvUploadForm organizations={organizations} organizationId={data?.organizationId ?? organizationId} maxRows={CSV_MAX_ROWS} maxKb={CSV_MAX_BYTES / 1024} />
    </div>
  );
}
