// /badges/assertions/<id>/view: the human page of a badge: what it certifies (holder, badge,
// description, criteria, issue date, issuer) and nothing more; whether it was revoked. An unknown
// id is a plain 404 through the same lookup as a known one (as /verify/<code>).
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DefinitionList } from "~/components/definition-list.tsx";
import { formatDate } from "~/lib/dates.ts";
import { forwardedHeaders, notFound } from "~/lib/http.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { criterionView } from "~/modules/pathways/pathways.server.ts";
import { findAssertion, ISSUER_NAME } from "~/modules/pathways/badges.server.ts";

export const meta = titleMeta("pathways:assertion.title", undefined, [{ name: "robots", content: "noindex" }]);
export const headers = forwardedHeaders;

export async function loader({ params }: LoaderFunctionArgs) {
  const row = await findAssertion(params.id ?? "");
  if (!row) throw notFound();
  return json(
    {
      id: row.id,
      holderName: row.holderName,
      title: row.pathway.title,
      description: row.pathway.description,
      criteria: row.pathway.criteria.map((c) => criterionView({ kind: c.kind, minHours: c.minHours, webinar: c.webinar ? { title: c.webinar.title, slug: "" } : null })),
      issuedOn: row.issuedOn.toISOString(),
      revokedAt: row.revokedAt?.toISOString() ?? null,
      issuer: ISSUER_NAME,
    },
    { headers: { "Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer" } },
  );
}

export default function BadgeAssertionPage() {
  const badge = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("pathways");
  const locale = i18n.language;
  return (
    <div className="container page-section">
      <h1>{t("assertion.title")}</h1>
      {badge.revokedAt ? (
        <div className="alert alert-danger" role="status">
          {t("assertion.revoked")}
        </div>
      ) : (
        <div className="alert alert-success" role="status">
          {t("assertion.valid")}
        </div>
      )}
      <div className="row">
        <div className="col-md-3 mb-3">
          {badge.revokedAt ? null : <img src={`/badges/assertions/${badge.id}.png`} width={160} height={160} alt={t("assertion.image", { title: badge.title })} />}
        </div>
        <div className="col-md-9">
          <DefinitionList
            rows={[
              [t("assertion.holder"), badge.holderName],
              [t("assertion.badge"), badge.title],
              [t("assertion.description"), badge.description],
              [t("assertion.criteria"), badge.criteria.map((c) => (c.kind === "TRAINING_HOURS" ? t("criterion.hours", { hours: c.minHours }) : t("criterion.webinar", { title: c.webinarTitle }))).join("; ")],
              [t("assertion.issuedOn"), formatDate(badge.issuedOn, locale)],
              ...(badge.revokedAt ? [[t("assertion.revokedOn"), formatDate(badge.revokedAt, locale)] as [string, string]] : []),
              [t("assertion.issuer"), badge.issuer],
            ]}
          />
          <p>
            <a href={`/badges/assertions/${badge.id}`}>{t("assertion.json")}</a>
          </p>
        </div>
      </div>
    </div>
  );
}
