// The action behind both CSV invitation pages (admin and organization manager): read the upload,
// check access for the chosen organization, then report or send.
import { json } from "@remix-run/node";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { forbidden } from "~/lib/http.server.ts";
import { isDomainError } from "~/lib/domain-error.ts";
import { importInvitationsCsv, type CsvReport } from "./csv-import.server.ts";
import type { RowProblem } from "./csv.server.ts";
import type { ActionMeta, Actor } from "./invitations.server.ts";
import { readCsvForm } from "./upload.server.ts";

/** What the CSV invitation action returns to the page: a per-row report, or one problem with the file. */
export type CsvActionData =
  | { kind: "report"; report: CsvReport; csvText: string; organizationId: string }
  | { kind: "problem"; problem: RowProblem; organizationId?: string };

export async function csvInvitationAction(request: Request, actor: Actor, meta: ActionMeta, options: { allowedOrganizationIds?: string[]; doneTo: string }) {
  const form = await readCsvForm(request);
  const organizationId = form.fields.organizationId ?? "";
  // An upload too large to read carries no fields: say so rather than refuse the organization.
  if (!form.ok && !organizationId) return json<CsvActionData>({ kind: "problem", problem: form.problem }, { status: form.status });
  // Managers may only pick among their organizations; anything else is refused before reading rows.
  if (options.allowedOrganizationIds && !options.allowedOrganizationIds.includes(organizationId)) {
    throw forbidden("invitations:errors.forbidden");
  }
  if (!organizationId) {
    return json<CsvActionData>({ kind: "problem", problem: { key: "invitations:errors.organizationRequired" } }, { status: 400 });
  }
  if (!form.ok) return json<CsvActionData>({ kind: "problem", problem: form.problem, organizationId }, { status: form.status });
  try {
    const outcome = await importInvitationsCsv(actor, organizationId, form.bytes, { goodRowsOnly: form.fields.goodRowsOnly === "true" }, meta);
    if (outcome.status === "sent") {
      return redirectWithFlash(options.doneTo, { type: "success", message: "invitations:flash.batchSent", values: { count: outcome.count } });
    }
    // The file's own bytes go back with the report (base64), so confirming reads exactly them again.
    return json<CsvActionData>({ kind: "report", report: outcome.report, csvText: Buffer.from(form.bytes).toString("base64"), organizationId }, { status: 400 });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    if (error.status === 403) throw forbidden(error.key, error.values);
    return json<CsvActionData>({ kind: "problem", problem: { key: error.key, values: error.values }, organizationId }, { status: error.status });
  }
}
