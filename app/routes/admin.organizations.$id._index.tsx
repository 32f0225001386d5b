// /admin/organizations/:id: an organization with its members, member organizations and enrolments.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/dates.ts";
import { notFound } from "~/lib/http.server.ts";
import { authorize, can } from "~/modules/access/policy.server.ts";
import { seatUsage } from "~/modules/enrolment/seats.server.ts";
import { getOrganizationDetail } from "~/modules/organizations/organizations.server.ts";
import { Breadcrumbs } from "~/components/breadcrumbs.tsx";
import { DefinitionList } from "~/components/definition-list.tsx";
import { StatusBadge } from "~/components/enrolment-status-badge.tsx";
import { titleMeta } from "~/lib/i18n/meta.ts";

export const meta = titleMeta<{ organization: { name: string } }>("org:detailTitle", (data) => ({ name: data?.organization.name ?? "" }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await authorize(request, "organizations.view");
  const organization = await getOrganizationDetail(params.id ?? "");
  if (!organization) throw notFound();
  return json({
    organization,
    seats: await seatUsage(organization.id),
    canManage: can(user, "organizations.manage").allowed,
    canEnrol: can(user, "enrolments.manage").allowed,
  });
}

export default function OrganizationDetail() {
  const { organization, seats, canManage, canEnrol } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("org");
  const locale = i18n.language;
  return (
    <div className="container page-section">
      <Breadcrumbs items={[{ to: "/admin", label: t("common:nav.admin") }, { to: "/admin/organizations", label: t("list.title") }, { label: organization.name }]} />
      <h1>{organization.name}</h1>
      {canManage ? (
        <p className="d-flex gap-2 flex-wrap">
          <Link to="edit" className="btn btn-primary btn-sm">
            {t("common:actions.edit")}
          </Link>
          <Link to="delete" className="btn btn-outline-danger btn-sm">
            {t("common:actions.delete")}
          </Link>
        </p>
      ) : null}
      <DefinitionList
        rows={[
          [t("fields.kind"), t(`kinds.${organization.kind}`)],
          [t("fields.parent"), organization.parent ? <Link to={`/admin/organizations/${organization.parent.id}`}>{organization.parent.name}</Link> : null],
          [t("fields.ipaCode"), organization.ipaCode],
          [t("fields.taxCode"), organization.taxCode],
          [t("fields.province"), organization.province],
          [t("fields.contactName"), organization.contactName],
          [t("fields.contactEmail"), organization.contactEmail ? <a href={`mailto:${organization.contactEmail}`}>{organization.contactEmail}</a> : null],
          [t("fields.contactPhone"), organization.contactPhone],
          [
            t("detail.seats"),
            seats.enrolmentId
              ? seats.poolOrganizationId === organization.id
                ? t("detail.seatsUsage", { used: seats.used, seats: seats.seats, available: seats.available })
                : t("detail.seatsShared", { used: seats.used, seats: seats.seats, available: seats.available })
              : t("detail.seatsNone"),
          ],
        ]}
      />

      <h2 className="h3 mt-5">{t("detail.enrolments")}</h2>
      {canEnrol ? (
        <p>
          <Link to={`/admin/enrolments/new?organizationId=${organization.id}`} className="btn btn-outline-primary btn-sm">
            {t("detail.enrol")}
          </Link>
        </p>
      ) : null}
      {organization.enrolments.length ? (
        <ul className="list-unstyled">
          {organization.enrolments.map((enrolment) => (
            <li key={enrolment.id} className="mb-2">
              <Link to={`/admin/enrolments/${enrolment.id}`}>
                {t("detail.enrolmentLine", { kit: enrolment.kit, from: formatDate(enrolment.startsAt, locale), to: formatDate(enrolment.endsAt, locale) })}
              </Link>{" "}
              <StatusBadge status={enrolment.status} />
            </li>
          ))}
        </ul>
      ) : (
        <p>{organization.parent ? t("detail.enrolmentsNoneChild", { parent: organization.parent.name }) : t("detail.enrolmentsNone")}</p>
      )}

      <h2 className="h3 mt-5">{t("detail.children")}</h2>
      {organization.children.length ? (
        <ul>
          {organization.children.map((child) => (
            <li key={child.id}>
              <Link to={`/admin/organizations/${child.id}`}>{child.name}</Link> ({t(`kinds.${child.kind}`)})
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("detail.childrenNone")}</p>
      )}

      <h2 className="h3 mt-5">{t("detail.members")}</h2>
      {organization.members.length ? (
        <div className="table-responsive">
          <table className="table">
            <caption className="visually-hidden">{t("detail.members")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("detail.memberName")}</th>
                <th scope="col">{t("detail.memberEmail")}</th>
                <th scope="col">{t("detail.memberRole")}</th>
              </tr>
            </thead>
            <tbody>
              {organization.members.map((member) => (
                <tr key={member.id}>
                  <th scope="row">{member.name}</th>
                  <td>{member.email}</td>
                  <td>
                    {[member.jobTitle, member.isOrganizationManager ? t("detail.manager") : null, member.disabledAt ? t("detail.disabled") : null].filter(Boolean).join(" · ") || "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t("detail.membersNone")}</p>
      )}
    </div>
  );
}
