// The table of invitations with their state and, for those not yet used, resend and revoke
// buttons (small forms posting back to the page that shows the table).
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/lib/dates.ts";
import type { InvitationState } from "~/modules/invitations/invitations.server.ts";

export type InvitationRow = {
  id: string;
  email: string;
  name: string | null;
  role: string;
  asManager: boolean;
  expiresAt: string;
  sendCount: number;
  state: InvitationState;
  organization: { id: string; name: string } | null;
};

const stateBadge: Record<InvitationState, string> = {
  pending: "bg-primary",
  expired: "bg-warning text-dark",
  accepted: "bg-success",
  revoked: "bg-secondary",
};

export function InvitationsTable({ invitations, caption, showOrganization = true }: { invitations: InvitationRow[]; caption: string; showOrganization?: boolean }) {
  const { t, i18n } = useTranslation("invitations");
  return (
    <div className="table-responsive">
      <table className="table table-striped">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("table.email")}</th>
            <th scope="col">{t("table.name")}</th>
            {showOrganization ? <th scope="col">{t("table.organization")}</th> : null}
            <th scope="col">{t("table.role")}</th>
            <th scope="col">{t("table.state")}</th>
            <th scope="col">{t("table.expiresAt")}</th>
            <th scope="col">{t("table.sendCount")}</th>
            <th scope="col">{t("table.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {invitations.map((invitation) => {
            const open = invitation.state === "pending" || invitation.state === "expired";
            return (
              <tr key={invitation.id}>
                <td>{invitation.email}</td>
                <td>{invitation.name ?? t("table.none")}</td>
                {showOrganization ? <td>{invitation.organization?.name ?? t("table.staff")}</td> : null}
                <td>
                  {t(`common:roles.${invitation.role}`)}
                  {invitation.asManager ? ` (${t("table.asManager")})` : null}
                </td>
                <td>
                  <span className={`badge ${stateBadge[invitation.state]}`}>{t(`state.${invitation.state}`)}</span>
                </td>
                <td>{formatDateTime(invitation.expiresAt, i18n.language)}</td>
                <td>{invitation.sendCount}</td>
                <td>
                  {open ? (
                    <div className="d-flex flex-wrap gap-2">
                      <Form method="post">
                        <input type="hidden" name="invitationId" value={invitation.id} />
                        <button type="submit" name="intent" value="resend" className="btn btn-outline-primary btn-xs" aria-label={t("table.resendLabel", { email: invitation.email })}>
                          {t("table.resend")}
                        </button>
                      </Form>
                      <Form method="post">
                        <input type="hidden" name="invitationId" value={invitation.id} />
                        <button type="submit" name="intent" value="revoke" className="btn btn-outline-danger btn-xs" aria-label={t("table.revokeLabel", { email: invitation.email })}>
                          {t("table.revoke")}
                        </button>
                      </Form>
                    </div>
                  ) : (
                    t("table.none")
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
