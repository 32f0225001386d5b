// /admin/invitations: every invitation with its state; search, filters, resend and revoke.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, SelectField, TextField } from "~/components/forms.tsx";
import type { FormFailure } from "~/lib/forms.ts";
import { authorize } from "~/modules/access/policy.server.ts";
import { INVITATION_FILTERS } from "~/modules/invitations/limits.ts";
import { listInvitations, parseInvitationFilters } from "~/modules/invitations/listing.server.ts";
import { invitationRowAction } from "~/modules/invitations/row-actions.server.ts";
import { InvitationsTable } from "~/components/invitations/invitations-table.tsx";
import { FilterCell, OrganizationFilter, FilterForm, ListResults } from "~/components/list-page.tsx";
import { organizationOptions } from "~/modules/users/users.server.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";

export const meta = titleMeta("invitations:list.title");

const statusLabel = {
  open: "list.statusOpen",
  pending: "list.statusPending",
  expired: "list.statusExpired",
  accepted: "list.statusAccepted",
  revoked: "list.statusRevoked",
  all: "list.statusAll",
} as const;

export async function loader({ request }: LoaderFunctionArgs) {
  await authorize(request, "users.manage");
  const filters = parseInvitationFilters(new URL(request.url));
  const [result, organizations] = await Promise.all([listInvitations(filters), organizationOptions()]);
  return json({ filters, organizations, ...result });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await authorize(request, "users.manage");
  const formData = await readForm(request);
  // Back to the same filtered list (without Remix's "?index" marker of index-route posts).
  const url = new URL(request.url);
  url.searchParams.delete("index");
  return invitationRowAction(user, formData, { ipAddress: context.clientIp }, url.pathname + url.search);
}

export default function AdminInvitations() {
  const { filters, organizations, invitations, total, page, pageCount } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const { t } = useTranslation("invitations");
  return (
    <div className="container page-section">
      <div className="d-flex flex-wrap justify-content-between align-items-start gap-2">
        <h1>{t("list.title")}</h1>
        <div className="d-flex gap-2">
          <Link to="/admin/users/new" className="btn btn-primary">
            {t("list.invite")}
          </Link>
          <Link to="/admin/invitations/import" className="btn btn-outline-primary">
            {t("list.import")}
          </Link>
        </div>
      </div>
      <p className="lead">{t("list.lead")}</p>
      <ErrorSummary failure={failure} labels={{}} />

      <FilterForm title={t("list.filtersTitle")} resetTo="/admin/invitations" submitLabel={t("list.filter")} resetLabel={t("list.reset")}>
        <FilterCell width={4}>
          <TextField name="q" type="search" label={t("list.search")} defaultValue={filters.q} />
        </FilterCell>
        <FilterCell width={4}>
          <SelectField
            name="status"
            label={t("list.status")}
            defaultValue={filters.status}
            options={INVITATION_FILTERS.map((status) => ({ value: status, label: t(statusLabel[status]) }))}
          />
        </FilterCell>
        <FilterCell width={4}>
          <OrganizationFilter label={t("list.organization")} anyLabel={t("list.anyOrganization")} organizations={organizations} value={filters.organizationId} />
        </FilterCell>
      </FilterForm>

      <ListResults count={t("list.results", { count: total })} hasRows={invitations.length > 0} empty={t("list.empty")} page={page} pageCount={pageCount}>
        <InvitationsTable invitations={invitations} caption={t("list.caption", { page, pages: pageCount })} />
      </ListResults>
    </div>
  );
}
