// /pathway, "Il mio percorso": a member's kit(s), through their organization or its union,
// with dates, days left, what is included and where to find it, the OpenPA micro-services, and
// (when access has ended) when and why.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/dates.ts";
import { requireUser } from "~/modules/auth/current-user.server.ts";
import { pathwayFor } from "~/modules/enrolment/pathway.server.ts";
import { ENTITLEMENT_INFO, kitDefinition, kitsGranting, localized, MICRO_SERVICE_INFO, type Entitlement, type MicroService } from "~/modules/kits/catalogue.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";

export const meta = titleMeta("org:pathway.title");

export async function loader({ request }: LoaderFunctionArgs) {
  // Every signed-in user may see their own pathway; what it shows comes from the access policy.
  const user = await requireUser(request);
  return json(await pathwayFor(user));
}

type Data = Awaited<ReturnType<typeof pathwayFor>>;
type Member = Extract<Data, { kind: "member" }>;

function CurrentKit({ enrolment }: { enrolment: Member["current"][number] }) {
  const { t, i18n } = useTranslation("org");
  const locale = i18n.language;
  const definition = kitDefinition(enrolment.kit);
  return (
    <section className="card-wrapper mb-4" aria-labelledby={`kit-${enrolment.id}`}>
      <div className="card card-bg">
        <div className="card-body">
          <h2 id={`kit-${enrolment.id}`} className="h3 card-title">
            {t("pathway.kitTitle", { kit: enrolment.kit })}
          </h2>
          <p className="lead">{localized(definition.pathway, locale)}</p>
          <p>
            {enrolment.inherited ? t("pathway.viaParent", { organization: enrolment.organizationName }) : t("pathway.own", { organization: enrolment.organizationName })}
          </p>
          <p>
            <strong>{t("pathway.period", { from: formatDate(enrolment.startsAt, locale), to: formatDate(enrolment.endsAt, locale) })}</strong>{" "}
            {t("enrolment.daysLeft", { count: enrolment.daysLeft })}
          </p>
          <h3 className="h4 mt-4">{t("pathway.included")}</h3>
          <ul>
            {enrolment.entitlements.map((entitlement) => {
              const info = ENTITLEMENT_INFO[entitlement as Entitlement];
              return (
                <li key={entitlement} className="mb-2">
                  {info.href ? <Link to={info.href}>{localized(info.label, locale)}</Link> : <strong>{localized(info.label, locale)}</strong>}
                  {entitlement === "webinars" ? ` (${t("pathway.webinarCount", { count: enrolment.webinarCount })})` : null}: {localized(info.description, locale)}
                </li>
              );
            })}
          </ul>
          <h3 className="h4 mt-4">{t("pathway.services")}</h3>
          <p>{t("pathway.servicesIntro")}</p>
          <ul>
            {enrolment.services.map((row) => {
              const info = MICRO_SERVICE_INFO[row.service as MicroService];
              return (
                <li key={row.service} className="mb-2">
                  <strong>{info ? localized(info.label, locale) : row.service}</strong> ({t(`serviceStatus.${row.status}`)})
                  {info ? `: ${localized(info.description, locale)}` : null}
                  {row.url ? (
                    <>
                      {" "}
                      <a href={row.url} rel="noreferrer noopener">
                        {t("pathway.openService", { service: row.service })}
                      </a>
                    </>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </div>
      </div>
    </section>
  );
}

export default function Pathway() {
  const data = useLoaderData<typeof loader>() as unknown as Data;
  const { t, i18n } = useTranslation("org");
  const locale = i18n.language;
  return (
    <div className="container page-section">
      <h1>{t("pathway.title")}</h1>
      {data.kind === "staff" ? <p className="lead">{t("pathway.staff")}</p> : null}
      {data.kind === "noOrganization" ? <p className="lead">{t("access:reasons.noOrganization")}</p> : null}
      {data.kind === "member" ? (
        <>
          <p className="lead">
            {data.organization.parentName
              ? t("pathway.introChild", { organization: data.organization.name, parent: data.organization.parentName })
              : t("pathway.intro", { organization: data.organization.name })}
          </p>
          {data.current.map((enrolment) => (
            <CurrentKit key={enrolment.id} enrolment={enrolment} />
          ))}
          {data.current.length && data.missing.length ? (
            <section aria-labelledby="not-included">
              <h2 id="not-included" className="h4">
                {t("pathway.notIncluded")}
              </h2>
              <ul>
                {data.missing.map((entitlement) => (
                  <li key={entitlement}>
                    {t("pathway.notIncludedItem", { feature: localized(ENTITLEMENT_INFO[entitlement].label, locale), kits: kitsGranting(entitlement).join(", ") })}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {!data.current.length ? (
            <div className="alert alert-warning" role="status">
              <h2 className="h4">{data.ended ? t("pathway.endedTitle") : data.upcoming ? t("pathway.upcomingTitle") : t("pathway.noneTitle")}</h2>
              {data.refusal ? <p className="mb-1">{t(data.refusal.reason, data.refusal.values)}</p> : null}
              {data.ended && data.upcoming ? (
                <p className="mb-1">{t("pathway.previous", { kit: data.ended.kit, date: formatDate(data.ended.endedAt, locale) })}</p>
              ) : null}
              <p className="mb-0">{t("pathway.whatNow")}</p>
            </div>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
