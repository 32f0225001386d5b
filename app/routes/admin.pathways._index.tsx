// /admin/pathways: staff define badges (pathways: webinars to complete with their certificate, and
// optionally a minimum of training hours in the year), see how many were issued and archive them.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, TextAreaField, TextField, useErrorText } from "~/components/forms.tsx";
import { formatDate } from "~/lib/dates.ts";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { formFailure, parseForm, type FormFailure } from "~/lib/forms.ts";
import { badRequest, notFound } from "~/lib/http.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { authorize } from "~/modules/access/policy.server.ts";
import { archivePathway, createPathway, listPathways, pathwaySchema, webinarChoices } from "~/modules/pathways/pathways.server.ts";

export const meta = titleMeta("pathways:admin.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await authorize(request, "pathways.manage");
  const [pathways, webinars] = await Promise.all([listPathways(), webinarChoices()]);
  return json({ pathways, webinars: webinars.map((w) => ({ id: w.id, title: w.title, startsAt: w.startsAt.toISOString() })), locale: user.locale });
}

type Failure = FormFailure & { webinarIds: string[] };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await authorize(request, "pathways.manage");
  const form = await readForm(request);
  const meta = { ipAddress: context.clientIp };
  switch (form.get("intent")) {
    case "create": {
      const webinarIds = form.getAll("webinarIds").filter((v): v is string => typeof v === "string");
      const parsed = parseForm(form, pathwaySchema);
      if (!parsed.ok) return json<Failure>({ ...parsed, webinarIds }, { status: 400 });
      const created = await createPathway(parsed.data, user.id, meta);
      if (!created) return json<Failure>({ ...formFailure(form, { webinarIds: ["pathways:form.unknownWebinar"] }), webinarIds }, { status: 400 });
      return redirectWithFlash("/admin/pathways", { type: "success", message: "pathways:admin.createdFlash" });
    }
    case "archive": {
      const archived = await archivePathway(String(form.get("pathwayId") ?? ""), user.id, meta);
      if (!archived) throw notFound();
      return redirectWithFlash("/admin/pathways", { type: "success", message: "pathways:admin.archivedFlash" });
    }
    default:
      throw badRequest();
  }
}

export default function AdminPathways() {
  const { pathways, webinars, locale } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as Failure | undefined;
  const { t } = useTranslation("pathways");
  const errorText = useErrorText();
  const errors = failure?.fieldErrors ?? {};
  const chosen = new Set(failure?.webinarIds ?? []);
  return (
    <div className="container page-section">
      <h1>{t("admin.title")}</h1>
      <p>{t("admin.intro")}</p>
      {pathways.length === 0 ? (
        <p>{t("admin.none")}</p>
      ) : (
        <div className="table-responsive">
          <table className="table">
            <caption>{t("admin.listCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("admin.name")}</th>
                <th scope="col">{t("admin.criteria")}</th>
                <th scope="col">{t("admin.issued")}</th>
                <th scope="col">{t("admin.state")}</th>
              </tr>
            </thead>
            <tbody>
              {pathways.map((pathway) => (
                <tr key={pathway.id}>
                  <th scope="row">
                    <Link to={`/admin/pathways/${pathway.id}`}>{pathway.title}</Link>
                  </th>
                  <td>
                    <ul className="mb-0">
                      {pathway.criteria.map((c, i) => (
                        <li key={i}>{c.kind === "TRAINING_HOURS" ? t("criterion.hours", { hours: c.minHours }) : t("criterion.webinar", { title: c.webinarTitle })}</li>
                      ))}
                    </ul>
                  </td>
                  <td>{pathway.issued}</td>
                  <td>
                    {pathway.archived ? (
                      t("admin.archived")
                    ) : (
                      <Form method="post">
                        <input type="hidden" name="intent" value="archive" />
                        <input type="hidden" name="pathwayId" value={pathway.id} />
                        <span className="me-2">{t("admin.active")}</span>
                        <button type="submit" className="btn btn-outline-secondary btn-sm" aria-label={`${t("admin.archive")}: ${pathway.title}`}>
                          {t("admin.archive")}
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section aria-labelledby="new-pathway" className="mt-5">
        <h2 id="new-pathway">{t("admin.newTitle")}</h2>
        <ErrorSummary failure={failure} labels={{ title: t("form.title"), description: t("form.description"), webinarIds: t("form.webinars"), minHours: t("form.minHours") }} />
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="create" />
          <TextField name="title" label={t("form.title")} required maxLength={120} errors={errors.title} defaultValue={failure?.values.title} />
          <TextAreaField name="description" label={t("form.description")} required hint={t("form.descriptionHint")} errors={errors.description} defaultValue={failure?.values.description} />
          <fieldset className="mb-4" id="webinarIds" aria-describedby={errors.webinarIds ? "webinarIds-error" : undefined}>
            <legend className="h6">{t("form.webinars")}</legend>
            {errors.webinarIds ? (
              <div id="webinarIds-error" className="invalid-feedback d-block mb-2">
                {errors.webinarIds.map(errorText).join(" ")}
              </div>
            ) : null}
            {webinars.map((webinar) => (
              <div className="form-check" key={webinar.id}>
                <input id={`webinar-${webinar.id}`} type="checkbox" name="webinarIds" value={webinar.id} defaultChecked={chosen.has(webinar.id)} />
                <label htmlFor={`webinar-${webinar.id}`}>
                  {webinar.title} ({formatDate(webinar.startsAt, locale)})
                </label>
              </div>
            ))}
          </fieldset>
          <TextField name="minHours" label={t("form.minHours")} inputMode="numeric" hint={t("form.minHoursHint")} errors={errors.minHours} defaultValue={failure?.values.minHours} />
          <button type="submit" className="btn btn-primary">
            {t("form.submit")}
          </button>
        </Form>
      </section>
    </div>
  );
}
