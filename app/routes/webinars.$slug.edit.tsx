// /webinars/<slug>/edit: staff edit, publish, move (a new start), cancel with a reason, give
// per-webinar roles (speaker, host, technical support) to any account, manage materials.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breadcrumbs } from "~/components/breadcrumbs.tsx";
import { ErrorSummary, FileField, SelectField, TextAreaField, TextField } from "~/components/forms.tsx";
import { valuesAfterFailure, WebinarForm } from "~/components/webinars/webinar-form.tsx";
import { formatDateTime, romeClockTime, romeDay } from "~/lib/dates.ts";
import { domainErrorResponse } from "~/lib/domain-error.server.ts";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { parseForm, type FormFailure } from "~/lib/forms.ts";
import { notFound } from "~/lib/http.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { authorize, can, enforce } from "~/modules/access/policy.server.ts";
import { webinarItem } from "~/modules/webinars/access.server.ts";
import { withLists, type WebinarFormFailure } from "~/modules/webinars/forms.server.ts";
import { cancelSchema, removeRoleSchema, roleSchema, ROLE_KINDS, webinarFormSchema } from "~/modules/webinars/validation.ts";
import {
  addRole,
  cancelWebinar,
  deleteMaterial,
  MATERIAL_KINDS,
  organizationChoices,
  publishWebinar,
  removeRole,
  updateWebinar,
  webinarForEdit,
} from "~/modules/webinars/webinars.server.ts";

export const meta = titleMeta<{ webinar?: { title: string } }>("webinars:edit.pageTitle", (data) => ({ title: data?.webinar?.title ?? "" }));

async function load(request: Request, slug: string | undefined) {
  const user = await authorize(request, "webinars.schedule");
  const item = slug ? await webinarItem({ slug }) : null;
  if (!item) throw notFound();
  enforce(can(user, "webinar.edit", item));
  return { user, item };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { item } = await load(request, params.slug);
  const webinar = await webinarForEdit(item.id);
  if (!webinar) throw notFound();
  return json({
    webinar: {
      slug: webinar.slug,
      title: webinar.title,
      status: webinar.status,
      startsAt: webinar.startsAt.toISOString(),
      registeredCount: webinar.registeredCount,
      waitlisted: webinar._count.registrations,
      icsSequence: webinar.icsSequence,
      cancelReason: webinar.cancelReason,
    },
    form: {
      title: webinar.title,
      description: webinar.description,
      day: romeDay(webinar.startsAt),
      time: romeClockTime(webinar.startsAt),
      durationMinutes: String(webinar.durationMinutes),
      capacity: webinar.capacity === null ? "" : String(webinar.capacity),
      audience: webinar.audience,
      kits: webinar.audienceKits.map((entry) => entry.kit as string),
      organizationIds: webinar.audienceOrganizations.map((entry) => entry.organizationId),
      pathwayKit: webinar.pathwayKit ?? "",
      topic: webinar.topic ?? "",
      competences: webinar.competences ?? "",
      joinOpensMinutesBefore: String(webinar.joinOpensMinutesBefore),
      selfRegistration: webinar.selfRegistration,
    },
    roles: webinar.roles.map((entry) => ({ userId: entry.userId, role: entry.role, name: entry.user.name, email: entry.user.email })),
    materials: webinar.materials.map((material) => ({ id: material.id, title: material.title, fileName: material.fileName, size: material.size })),
    organizations: await organizationChoices(),
    materialKinds: MATERIAL_KINDS.join(", "),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, item } = await load(request, params.slug);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const meta = { ipAddress: context.clientIp };
  const back = `/webinars/${params.slug}/edit`;
  try {
    switch (intent) {
      case "save": {
        const parsed = parseForm(formData, webinarFormSchema);
        if (!parsed.ok) return json({ intent, ...withLists(parsed, formData) }, { status: 400 });
        const { moved } = await updateWebinar(item.id, parsed.data, user.id, meta);
        return redirectWithFlash(back, { type: "success", message: moved ? "webinars:flash.moved" : "webinars:flash.saved" });
      }
      case "publish":
        await publishWebinar(item.id, user.id, meta);
        return redirectWithFlash(back, { type: "success", message: "webinars:flash.published" });
      case "cancel": {
        const parsed = parseForm(formData, cancelSchema);
        if (!parsed.ok) return json({ intent, ...parsed }, { status: 400 });
        await cancelWebinar(item.id, parsed.data.reason, user.id, meta);
        return redirectWithFlash(back, { type: "success", message: "webinars:flash.cancelled" });
      }
      case "addRole": {
        const parsed = parseForm(formData, roleSchema);
        if (!parsed.ok) return json({ intent, ...parsed }, { status: 400 });
        await addRole(item.id, parsed.data.email, parsed.data.role, user.id, meta);
        return redirectWithFlash(back, { type: "success", message: "webinars:flash.roleAdded" });
      }
      case "removeRole": {
        const parsed = parseForm(formData, removeRoleSchema);
        if (!parsed.ok) return json({ intent, ...parsed }, { status: 400 });
        await removeRole(item.id, parsed.data.userId, parsed.data.role, user.id, meta);
        return redirectWithFlash(back, { type: "success", message: "webinars:flash.roleRemoved" });
      }
      case "deleteMaterial": {
        const materialId = formData.get("materialId");
        if (typeof materialId !== "string" || !materialId) throw notFound();
        await deleteMaterial(item.id, materialId, user.id, meta);
        return redirectWithFlash(back, { type: "success", message: "webinars:flash.materialDeleted" });
      }
      default:
        return json({ intent: "unknown", ok: false as const, fieldErrors: {}, formError: "validation.invalid", values: {} }, { status: 400 });
    }
  } catch (error) {
    const response = domainErrorResponse(error, formData);
    const body = (await response.json()) as FormFailure;
    return json({ intent, ...(intent === "save" ? withLists(body, formData) : body) }, { status: response.status });
  }
}

export default function EditWebinar() {
  const { webinar, form, roles, materials, organizations, materialKinds } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as (WebinarFormFailure & { intent?: string }) | undefined;
  const { t, i18n } = useTranslation("webinars");
  const failureFor = (intent: string) => (actionData?.intent === intent ? actionData : undefined);
  const roleFailure = failureFor("addRole");
  const cancelFailure = failureFor("cancel");
  const closed = webinar.status === "CANCELLED" || webinar.status === "ENDED";
  return (
    <div className="container page-section">
      <Breadcrumbs items={[{ to: "/webinars", label: t("catalogue.title") }, { to: `/webinars/${webinar.slug}`, label: webinar.title }, { label: t("edit.title") }]} />
      <h1>{t("edit.heading", { title: webinar.title })}</h1>
      <ErrorSummary failure={failureFor("unknown") ?? failureFor("publish") ?? failureFor("removeRole") ?? failureFor("deleteMaterial")} labels={{}} />
      <section aria-labelledby="state-title" className="mb-5">
        <h2 id="state-title" className="h4">
          {t("edit.stateTitle")}
        </h2>
        <p>
          {t("edit.state", { status: t(`status.${webinar.status}`), when: formatDateTime(webinar.startsAt, i18n.language) })}{" "}
          {t("edit.counts", { registered: webinar.registeredCount, waitlisted: webinar.waitlisted })}
        </p>
        {webinar.cancelReason ? <p>{t("detail.cancelReason", { reason: webinar.cancelReason })}</p> : null}
        <p>
          <Link to={`/webinars/${webinar.slug}`}>{t("edit.viewPage")}</Link>
        </p>
        {webinar.status === "DRAFT" ? (
          <Form method="post">
            <input type="hidden" name="intent" value="publish" />
            <button type="submit" className="btn btn-primary">
              {t("edit.publish")}
            </button>
          </Form>
        ) : null}
      </section>
      {closed ? null : (
        <section aria-labelledby="details-title" className="mb-5">
          <h2 id="details-title" className="h4">
            {t("edit.detailsTitle")}
          </h2>
          {webinar.status !== "DRAFT" ? <p className="text-secondary">{t("edit.moveHint")}</p> : null}
          <WebinarForm values={valuesAfterFailure(form, failureFor("save"))} failure={failureFor("save")} organizations={organizations} submitLabel={t("edit.submit")} />
        </section>
      )}
      <section aria-labelledby="roles-title" className="mb-5">
        <h2 id="roles-title" className="h4">
          {t("roles.title")}
        </h2>
        {roles.length ? (
          <ul>
            {roles.map((entry) => (
              <li key={`${entry.userId}-${entry.role}`} className="mb-2">
                {t(`roles.${entry.role}`)}: {entry.name} ({entry.email}){" "}
                <Form method="post" className="d-inline">
                  <input type="hidden" name="intent" value="removeRole" />
                  <input type="hidden" name="userId" value={entry.userId} />
                  <input type="hidden" name="role" value={entry.role} />
                  <button type="submit" className="btn btn-outline-secondary btn-sm">
                    {t("roles.remove", { name: entry.name, role: t(`roles.${entry.role}`) })}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("roles.none")}</p>
        )}
        <Form method="post" className="form-narrow" noValidate>
          <input type="hidden" name="intent" value="addRole" />
          <ErrorSummary failure={roleFailure} labels={{ email: t("roles.email"), role: t("roles.role") }} />
          <TextField name="email" type="email" label={t("roles.email")} required defaultValue={roleFailure?.values.email} errors={roleFailure?.fieldErrors.email} />
          <SelectField name="role" label={t("roles.role")} required defaultValue={roleFailure?.values.role ?? "SPEAKER"} options={ROLE_KINDS.map((role) => ({ value: role, label: t(`roles.${role}`) }))} />
          <button type="submit" className="btn btn-secondary">
            {t("roles.add")}
          </button>
        </Form>
      </section>
      <section aria-labelledby="materials-title" className="mb-5">
        <h2 id="materials-title" className="h4">
          {t("materials.title")}
        </h2>
        {materials.length ? (
          <ul>
            {materials.map((material) => (
              <li key={material.id} className="mb-2">
                <a href={`/webinars/${webinar.slug}/materials/${material.id}`}>{material.title}</a> ({material.fileName}){" "}
                <Form method="post" className="d-inline">
                  <input type="hidden" name="intent" value="deleteMaterial" />
                  <input type="hidden" name="materialId" value={material.id} />
                  <button type="submit" className="btn btn-outline-danger btn-sm">
                    {t("materials.delete", { title: material.title })}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("materials.none")}</p>
        )}
        <Form method="post" action={`/webinars/${webinar.slug}/materials`} encType="multipart/form-data" className="form-narrow">
          <TextField id="material-title" name="title" label={t("materials.fileTitle")} maxLength={160} />
          <FileField name="file" label={t("materials.file")} required hint={t("materials.fileHint", { kinds: materialKinds })} />
          <button type="submit" className="btn btn-secondary">
            {t("materials.upload")}
          </button>
        </Form>
      </section>
      {closed ? null : (
        <section aria-labelledby="cancel-title" className="mb-5">
          <h2 id="cancel-title" className="h4">
            {t("edit.cancelTitle")}
          </h2>
          <Form method="post" className="form-narrow" noValidate>
            <input type="hidden" name="intent" value="cancel" />
            <ErrorSummary failure={cancelFailure} labels={{ reason: t("edit.cancelReason") }} />
            <TextAreaField name="reason" label={t("edit.cancelReason")} required defaultValue={cancelFailure?.values.reason} errors={cancelFailure?.fieldErrors.reason} hint={t("edit.cancelHint")} rows={3} />
            <button type="submit" className="btn btn-danger">
              {t("edit.cancel")}
            </button>
          </Form>
        </section>
      )}
    </div>
  );
}
