// /organization/import: a manager invites colleagues from a CSV file.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireOrganizationArea } from "~/modules/access/policy.server.ts";
import { csvInvitationAction } from "~/modules/invitations/csv-action.server.ts";
import { CSV_MAX_BYTES, CSV_MAX_ROWS } from "~/modules/invitations/limits.ts";
import { CsvProblem, CsvReportView, CsvUploadForm } from "~/components/invitations/csv-import.tsx";
import type { CsvActionData } from "~/modules/invitations/csv-action.server.ts";
import { SeatsSummary } from "~/components/invitations/seats-summary.tsx";
import { seatUsage } from "~/modules/invitations/collaborators.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";

export const meta = titleMeta("invitations:csv.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { organizations } = await requireOrganizationArea(request);
  return json({
    organizations,
    seats: await seatUsage(organizations[0].id),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, organizations } = await requireOrganizationArea(request);
  return csvInvitationAction(request, user, { ipAddress: context.clientIp }, { allowedOrganizationIds: organizations.map((o) => o.id), doneTo: "/organization" });
}

export default function OrganizationCsvInvitations() {
  const { organizations, seats } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as CsvActionData | undefined;
  const { t } = useTranslation("invitations");
  return (
    <div className="container page-section">
      <p>
        <Link to="/organization">{t("csv.backOrganization")}</Link>
      </p>
      <h1>{t("csv.title")}</h1>
      <p className="lead">{t("csv.lead")}</p>
      <SeatsSummary seats={seats} />
      {data?.kind === "problem" ? <CsvProblem problem={data.problem} /> : null}
      {data?.kind === "report" ? <CsvReportView report={data.report} csvText={data.csvText} organizationId={data.organizationId} /> : null}
      <CsvUploadForm organizations={organizations} organizationId={data?.organizationId} maxRows={CSV_MAX_ROWS} maxKb={CSV_MAX_BYTES / 1024} />
    </div>
  );
}
