// /admin/enrolments/:id: an enrolment, its history (upgrades), its seats and the tracker of
// the OpenPA micro-services its kit includes. Actions: activate, update a service.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { calendarDaysBetween, formatDate, formatDateTime } from "~/lib/dates.ts";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { parseForm, type FormFailure } from "~/lib/forms.ts";
import { badRequest } from "~/lib/http.server.ts";
import { can } from "~/modules/access/policy.server.ts";
import { activateEnrolment } from "~/modules/enrolment/enrolments.server.ts";
import { seatUsage } from "~/modules/enrolment/seats.server.ts";
import { updateEnrolmentService } from "~/modules/enrolment/services.server.ts";
import { serviceUpdateSchema } from "~/modules/enrolment/validation.ts";
import { higherKits, kitDefinition, localized, MICRO_SERVICE_INFO, type MicroService } from "~/modules/kits/catalogue.ts";
import { domainFailure, isDomainError } from "~/lib/domain-error.ts";
import { useErrorText } from "~/components/forms.tsx";
import { requireEnrolment } from "~/modules/enrolment/admin-access.server.ts";
import { Breadcrumbs } from "~/components/breadcrumbs.tsx";
import { DefinitionList } from "~/components/definition-list.tsx";
import { StatusBadge } from "~/components/enrolment-status-badge.tsx";
import { readForm } from "~/lib/request-body.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";

export const meta = titleMeta<{ enrolment: { organization: { name: string }; kit: string } }>("org:enrolment.detail.title", (data) => ({ organization: data?.enrolment.organization.name ?? "", kit: data?.enrolment.kit ?? "" }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, enrolment } = await requireEnrolment(request, params.id, "enrolment.view");
  const now = new Date();
  return json({
    enrolment,
    seats: await seatUsage(enrolment.organizationId, now),
    daysLeft: enrolment.status === "ACTIVE" ? calendarDaysBetween(now, enrolment.endsAt) : null,
    canManage: can(user, "enrolment.change", enrolment).allowed,
    canUpgrade: higherKits(enrolment.kit).length > 0,
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, enrolment } = await requireEnrolment(request, params.id, "enrolment.change");
  const id = enrolment.id;
  const formData = await readForm(request);
  const intent = formData.get("intent");
  try {
    if (intent === "activate") {
      await activateEnrolment(id, user.id, { ipAddress: context.clientIp });
      return redirectWithFlash(`/admin/enrolments/${id}`, { type: "success", message: "org:flash.activated" });
    }
    if (intent === "service") {
      const parsed = parseForm(formData, serviceUpdateSchema);
      if (!parsed.ok) return json({ ...parsed, service: String(formData.get("service") ?? "") }, { status: 400 });
      await updateEnrolmentService(id, parsed.data, user.id, { ipAddress: context.clientIp });
      return redirectWithFlash(`/admin/enrolments/${id}#service-${parsed.data.service}`, {
        type: "success",
        message: "org:flash.serviceUpdated",
        values: { service: parsed.data.service },
      });
    }
  } catch (error) {
    if (isDomainError(error)) return json({ ...domainFailure(formData, error), service: String(formData.get("service") ?? "") }, { status: 400 });
    throw error;
  }
  throw badRequest();
}

type ServiceFailure = FormFailure & { service: string };

function ServiceRow({
  row,
  failure,
  canManage,
}: {
  row: { service: string; status: string; url: string | null; note: string | null; updatedAt: string };
  failure?: ServiceFailure;
  canManage: boolean;
}) {
  const { t, i18n } = useTranslation("org");
  const errorText = useErrorText();
  const info = MICRO_SERVICE_INFO[row.service as MicroService];
  const mine = failure?.service === row.service ? failure : undefined;
  const values = mine?.values ?? { status: row.status, url: row.url ?? "", note: row.note ?? "" };
  const prefix = `service-${row.service}`;
  const errors = mine?.fieldErrors ?? {};
  return (
    <li id={prefix} className="border-bottom py-3">
      <h3 className="h5 mb-1">{info ? localized(info.label, i18n.language) : row.service}</h3>
      {info ? <p className="mb-2 small">{localized(info.description, i18n.language)}</p> : null}
      <p className="mb-2">
        {t(`serviceStatus.${row.status}`)}
        {row.url ? (
          <>
            {" · "}
            <a href={row.url} rel="noreferrer noopener" target="_blank">
              {row.url}
            </a>
          </>
        ) : null}
      </p>
      {canManage ? (
        <Form method="post" className="row g-2 align-items-end" noValidate>
          <input type="hidden" name="intent" value="service" />
          <input type="hidden" name="service" value={row.service} />
          {mine?.formError ? (
            <p className="col-12 text-danger" role="alert">
              {errorText(mine.formError)}
            </p>
          ) : null}
          <div className="col-md-3">
            <div className="select-wrapper">
              <label htmlFor={`${prefix}-status`}>{t("enrolment.services.status")}</label>
              <select id={`${prefix}-status`} name="status" defaultValue={values.status}>
                {["NOT_REQUESTED", "REQUESTED", "ACTIVE"].map((status) => (
                  <option key={status} value={status}>
                    {t(`serviceStatus.${status}`)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="col-md-4">
            <div className="form-group mb-0">
              <label htmlFor={`${prefix}-url`} className="active">
                {t("enrolment.services.url")}
              </label>
              <input
                id={`${prefix}-url`}
                name="url"
                type="url"
                className={`form-control${errors.url ? " is-invalid" : ""}`}
                defaultValue={values.url}
                aria-invalid={errors.url ? true : undefined}
                aria-describedby={errors.url ? `${prefix}-url-error` : undefined}
              />
              {errors.url ? (
                <div id={`${prefix}-url-error`} className="invalid-feedback d-block" role="alert">
                  {errors.url.map(errorText).join(" ")}
                </div>
              ) : null}
            </div>
          </div>
          <div className="col-md-3">
            <div className="form-group mb-0">
              <label htmlFor={`${prefix}-note`} className="active">
                {t("enrolment.services.note")}
              </label>
              <input id={`${prefix}-note`} name="note" className="form-control" defaultValue={values.note} maxLength={300} />
            </div>
          </div>
          <div className="col-md-2">
            <button type="submit" className="btn btn-outline-primary btn-sm">
              {t("enrolment.services.save", { service: row.service })}
            </button>
          </div>
        </Form>
      ) : null}
      <p className="small text-secondary mb-0 mt-1">{t("enrolment.services.updated", { date: formatDateTime(row.updatedAt, i18n.language) })}</p>
    </li>
  );
}

export default function EnrolmentDetail() {
  const { enrolment, seats, daysLeft, canManage, canUpgrade } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as ServiceFailure | undefined;
  const { t, i18n } = useTranslation("org");
  const locale = i18n.language;
  const open = enrolment.status === "PENDING" || enrolment.status === "ACTIVE";
  const errorText = useErrorText();
  return (
    <div className="container page-section">
      <Breadcrumbs
        items={[
          { to: "/admin", label: t("common:nav.admin") },
          { to: "/admin/enrolments", label: t("enrolment.list.title") },
          { label: `${enrolment.organization.name} · ${enrolment.kit}` },
        ]}
      />
      <h1>{t("enrolment.detail.title", { organization: enrolment.organization.name, kit: enrolment.kit })}</h1>
      {failure && !failure.service && failure.formError ? (
        <div className="alert alert-danger" role="alert">
          {errorText(failure.formError)}
        </div>
      ) : null}
      {canManage ? (
        <div className="d-flex gap-2 flex-wrap mb-4">
          {enrolment.status === "PENDING" ? (
            <Form method="post">
              <input type="hidden" name="intent" value="activate" />
              <button type="submit" className="btn btn-primary btn-sm">
                {t("enrolment.actions.activate")}
              </button>
            </Form>
          ) : null}
          {enrolment.status !== "CANCELLED" ? (
            <Link to="edit" className="btn btn-outline-primary btn-sm">
              {t("enrolment.actions.edit")}
            </Link>
          ) : null}
          {open && canUpgrade ? (
            <Link to="upgrade" className="btn btn-outline-primary btn-sm">
              {t("enrolment.actions.upgrade")}
            </Link>
          ) : null}
          {open ? (
            <Link to="cancel" className="btn btn-outline-danger btn-sm">
              {t("enrolment.actions.cancel")}
            </Link>
          ) : null}
        </div>
      ) : null}
      <DefinitionList
        rows={[
          [t("enrolment.fields.organization"), <Link key="o" to={`/admin/organizations/${enrolment.organization.id}`}>{enrolment.organization.name}</Link>],
          [t("enrolment.fields.kit"), `${enrolment.kit} · ${localized(kitDefinition(enrolment.kit).pathway, locale)}`],
          [t("enrolment.fields.status"), <StatusBadge key="s" status={enrolment.status} />],
          [t("enrolment.fields.startsOn"), formatDate(enrolment.startsAt, locale)],
          [t("enrolment.fields.endsOn"), `${formatDate(enrolment.endsAt, locale)}${daysLeft !== null ? ` (${t("enrolment.daysLeft", { count: daysLeft })})` : ""}`],
          [
            t("enrolment.fields.seats"),
            seats.enrolmentId === enrolment.id
              ? t("detail.seatsUsage", { used: seats.used, seats: enrolment.seats, available: seats.available })
              : String(enrolment.seats),
          ],
          [
            t("enrolment.detail.coverage"),
            enrolment.organization._count.children ? t("enrolment.detail.coversChildren", { count: enrolment.organization._count.children }) : t("enrolment.detail.coversOwn"),
          ],
          ...(enrolment.status === "CANCELLED"
            ? ([[t("enrolment.fields.cancelled"), `${enrolment.cancelledAt ? formatDate(enrolment.cancelledAt, locale) : ""} · ${enrolment.cancelReason === "upgrade" ? t("enrolment.detail.reasonUpgrade") : enrolment.cancelReason ?? ""}`]] as [string, string][])
            : []),
          ...(enrolment.expiryNotice30At || enrolment.expiryNotice7At
            ? ([[t("enrolment.detail.notices"), [enrolment.expiryNotice30At ? t("enrolment.detail.notice30", { date: formatDate(enrolment.expiryNotice30At, locale) }) : null, enrolment.expiryNotice7At ? t("enrolment.detail.notice7", { date: formatDate(enrolment.expiryNotice7At, locale) }) : null].filter(Boolean).join(" · ")]] as [string, string][])
            : []),
        ]}
      />
      {enrolment.upgradedFrom || enrolment.upgradedTo ? (
        <section aria-labelledby="history-title">
          <h2 id="history-title" className="h3 mt-4">
            {t("enrolment.detail.history")}
          </h2>
          <ul>
            {enrolment.upgradedFrom ? (
              <li>
                <Link to={`/admin/enrolments/${enrolment.upgradedFrom.id}`}>
                  {t("enrolment.detail.upgradedFrom", { kit: enrolment.upgradedFrom.kit, from: formatDate(enrolment.upgradedFrom.startsAt, locale) })}
                </Link>
              </li>
            ) : null}
            {enrolment.upgradedTo ? (
              <li>
                <Link to={`/admin/enrolments/${enrolment.upgradedTo.id}`}>{t("enrolment.detail.upgradedTo", { kit: enrolment.upgradedTo.kit })}</Link>
              </li>
            ) : null}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="services-title">
        <h2 id="services-title" className="h3 mt-4">
          {t("enrolment.services.title")}
        </h2>
        <p>{t("enrolment.services.intro")}</p>
        <ul className="list-unstyled">
          {enrolment.services.map((row) => (
            <ServiceRow key={row.id} row={row} failure={failure?.service ? failure : undefined} canManage={canManage && enrolment.status !== "CANCELLED"} />
          ))}
        </ul>
      </section>
    </div>
  );
}
