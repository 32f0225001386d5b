// /admin/pathways/<id>: a badge's criteria and who earned it (staff); admins revoke an issued badge
// with a reason (its assertion then answers revoked: true).
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorSummary, TextField } from "~/components/forms.tsx";
import { formatDate } from "~/lib/dates.ts";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { parseForm, type FormFailure } from "~/lib/forms.ts";
import { notFound } from "~/lib/http.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { requiredText } from "~/lib/validation.ts";
import { can } from "~/modules/access/policy.server.ts";
import { authorize } from "~/modules/access/policy.server.ts";
import { findPathwayForClass, holdersOf, revokeBadge } from "~/modules/pathways/badges.server.ts";
import { criterionView } from "~/modules/pathways/pathways.server.ts";

export const meta = titleMeta("pathways:admin.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await authorize(request, "pathways.manage");
  const pathway = await findPathwayForClass(params.id ?? "");
  if (!pathway) throw notFound();
  const holders = await holdersOf(pathway.id);
  return json({
    id: pathway.id,
    title: pathway.title,
    description: pathway.description,
    criteria: pathway.criteria.map((c) => criterionView({ kind: c.kind, minHours: c.minHours, webinar: c.webinar ? { title: c.webinar.title, slug: "" } : null })),
    holders: holders.map((h) => ({ id: h.id, holderName: h.holderName, issuedOn: h.issuedOn.toISOString(), revokedAt: h.revokedAt?.toISOString() ?? null, revocationReason: h.revocationReason })),
    mayRevoke: can(user, "badges.revoke").allowed,
    locale: user.locale,
  });
}

const revokeSchema = z.object({ assertionId: z.string().min(1, "validation.required"), reason: requiredText(300) });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await authorize(request, "badges.revoke");
  const pathway = await findPathwayForClass(params.id ?? "");
  if (!pathway) throw notFound();
  const form = await readForm(request);
  const parsed = parseForm(form, revokeSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const holders = await holdersOf(pathway.id);
  if (!holders.some((h) => h.id === parsed.data.assertionId)) throw notFound();
  const revoked = await revokeBadge(parsed.data.assertionId, parsed.data.reason, user.id, { ipAddress: context.clientIp });
  return redirectWithFlash(`/admin/pathways/${pathway.id}`, { type: revoked ? "success" : "info", message: revoked ? "pathways:revoke.done" : "pathways:revoke.already" });
}

export default function AdminPathway() {
  const { id, title, description, criteria, holders, mayRevoke, locale } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const { t } = useTranslation("pathways");
  return (
    <div className="container page-section">
      <h1>{t("admin.detailTitle", { title })}</h1>
      <p>{description}</p>
      <ul>
        {criteria.map((c, i) => (
          <li key={i}>{c.kind === "TRAINING_HOURS" ? t("criterion.hours", { hours: c.minHours }) : t("criterion.webinar", { title: c.webinarTitle })}</li>
        ))}
      </ul>
      <p>
        <a href={`/badges/classes/${id}`}>{t("assertion.json")}</a>
      </p>
      <h2>{t("admin.holders")}</h2>
      <ErrorSummary failure={failure} labels={{ reason: t("revoke.reason"), assertionId: t("revoke.holder") }} />
      {holders.length === 0 ? (
        <p>{t("revoke.none")}</p>
      ) : (
        <div className="table-responsive">
          <table className="table">
            <caption>{t("revoke.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("revoke.holder")}</th>
                <th scope="col">{t("revoke.issuedOn")}</th>
                <th scope="col">{t("revoke.state")}</th>
              </tr>
            </thead>
            <tbody>
              {holders.map((holder) => (
                <tr key={holder.id}>
                  <th scope="row">
                    <a href={`/badges/assertions/${holder.id}/view`}>{holder.holderName}</a>
                  </th>
                  <td>{formatDate(holder.issuedOn, locale)}</td>
                  <td>
                    {holder.revokedAt ? (
                      `${t("revoke.revokedState")} (${formatDate(holder.revokedAt, locale)}): ${holder.revocationReason ?? ""}`
                    ) : mayRevoke ? (
                      <Form method="post" className="d-flex gap-2 align-items-end">
                        <input type="hidden" name="assertionId" value={holder.id} />
                        <TextField name="reason" id={`reason-${holder.id}`} label={t("revoke.reason")} required maxLength={300} />
                        <button type="submit" className="btn btn-outline-danger btn-sm mb-3">
                          {t("revoke.submit")}
                        </button>
                      </Form>
                    ) : (
                      t("revoke.valid")
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
