// The resend and revoke buttons of an invitations table, shared by the admin page and the
// organization manager's page (access is checked per invitation in the module).
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { badRequest } from "~/lib/http.server.ts";
import { domainErrorResponse } from "~/lib/domain-error.server.ts";
import { resendInvitation, revokeInvitation, type ActionMeta, type Actor } from "./invitations.server.ts";

export const ROW_INTENTS = ["resend", "revoke"] as const;

export function isRowIntent(intent: FormDataEntryValue | null): intent is (typeof ROW_INTENTS)[number] {
  return typeof intent === "string" && (ROW_INTENTS as readonly string[]).includes(intent);
}

export async function invitationRowAction(actor: Actor, formData: FormData, meta: ActionMeta, backTo: string) {
  const intent = formData.get("intent");
  const invitationId = formData.get("invitationId");
  if (!isRowIntent(intent) || typeof invitationId !== "string" || !invitationId) throw badRequest();
  try {
    if (intent === "resend") {
      const invitation = await resendInvitation(actor, invitationId, meta);
      return redirectWithFlash(backTo, { type: "success", message: "invitations:flash.resent", values: { email: invitation.email } });
    }
    const invitation = await revokeInvitation(actor, invitationId, meta);
    return redirectWithFlash(backTo, { type: "success", message: "invitations:flash.revoked", values: { email: invitation.email } });
  } catch (error) {
    return domainErrorResponse(error, formData);
  }
}
