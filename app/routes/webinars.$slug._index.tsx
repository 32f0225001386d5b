// /webinars/<slug>: the webinar's page. Description, date and time (Italian time), duration,
// speakers, materials (for those who may attend), seats left, register (with an optional question
// for the speakers) or cancel, the waitlist position, and "Add to calendar". Drafts: 404 for all
// but staff.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breadcrumbs } from "~/components/breadcrumbs.tsx";
import { ErrorSummary, TextAreaField, TextField } from "~/components/forms.tsx";
import { formatDateTime, formatTime } from "~/lib/dates.ts";
import { DomainError } from "~/lib/domain-error.ts";
import { domainErrorResponse } from "~/lib/domain-error.server.ts";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { parseForm, type FormFailure } from "~/lib/forms.ts";
import { notFound, tooManyRequests } from "~/lib/http.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { can, enforce } from "~/modules/access/policy.server.ts";
import { getUser, requireUser } from "~/modules/auth/current-user.server.ts";
import { attendItem, webinarItem } from "~/modules/webinars/access.server.ts";
import { webinarDetail } from "~/modules/webinars/catalogue.server.ts";
import { cancelRegistration, register } from "~/modules/webinars/registration.server.ts";
import { registerSchema, signupSchema } from "~/modules/webinars/validation.ts";
import { requestSignup, selfRegistrationOpen } from "~/modules/webinars/signup.server.ts";
import { resolveLocale } from "~/lib/i18n/locale.server.ts";

export const meta = titleMeta<{ webinar?: { title: string } }>("webinars:detail.title", (data) => ({ title: data?.webinar?.title ?? "" }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const detail = params.slug ? await webinarDetail(request, user, params.slug) : null;
  if (!detail) throw notFound();
  return json({
    ...detail,
    signedIn: !!user,
    signupOpen: !user && selfRegistrationOpen({ audience: detail.webinar.audience, selfRegistration: detail.webinar.selfRegistration, status: detail.webinar.status }),
    loginTo: `/login?redirectTo=${encodeURIComponent(`/webinars/${params.slug}`)}`,
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const visitor = await getUser(request);
  if (!visitor) {
    // A visitor may only ask to sign up and register (public webinars open to it); anything else signs in first.
    const formData = await readForm(request);
    if (formData.get("intent") !== "signup" || !params.slug) {
      await requireUser(request); // redirects to the sign-in page
      throw notFound();
    }
    const shown = await webinarDetail(request, null, params.slug);
    if (!shown || !selfRegistrationOpen(shown.webinar)) throw notFound();
    const parsed = parseForm(formData, signupSchema);
    if (!parsed.ok) return json(parsed, { status: 400 });
    try {
      const { retryAfterSeconds } = await requestSignup(params.slug, { ...parsed.data, locale: (await resolveLocale(request)) === "en" ? "en" : "it" }, { ipAddress: context.clientIp });
      if (retryAfterSeconds) throw tooManyRequests(retryAfterSeconds);
    } catch (error) {
      return domainErrorResponse(error, formData);
    }
    return redirectWithFlash(`/webinars/${params.slug}`, { type: "info", message: "webinars:signup.sent", values: { email: parsed.data.email } });
  }
  const user = visitor;
  // Only what the viewer may see exists for them (drafts, uninvited webinars: 404).
  const detail = params.slug ? await webinarDetail(request, user, params.slug) : null;
  const item = detail && params.slug ? await webinarItem({ slug: params.slug }) : null;
  if (!detail || !item) throw notFound();
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const back = `/webinars/${params.slug}`;
  try {
    if (intent === "register") {
      if (detail.labSession) throw new DomainError("webinars:errors.labRoomNoRegistration", {}, { status: 409 });
      enforce(can(user, "webinar.attend", await attendItem(request, user, item)));
      const parsed = parseForm(formData, registerSchema);
      if (!parsed.ok) return json(parsed, { status: 400 });
      const result = await register(item.id, user, parsed.data.question);
      return redirectWithFlash(back, result.status === "REGISTERED" ? { type: "success", message: "webinars:flash.registered" } : { type: "info", message: "webinars:flash.waitlisted", values: { position: result.position ?? 1 } });
    }
    if (intent === "cancel") {
      await cancelRegistration(item.id, user);
      return redirectWithFlash(back, { type: "success", message: "webinars:flash.unregistered" });
    }
    return json({ ok: false as const, fieldErrors: {}, formError: "validation.invalid", values: {} }, { status: 400 });
  } catch (error) {
    return domainErrorResponse(error, formData);
  }
}

export default function WebinarPage() {
  const { webinar, speakers, hosts, materials, materialsHidden, registration, staff, signedIn, signupOpen, loginTo, links, labSession } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const { t, i18n } = useTranslation("webinars");
  const decision = webinar.decision;
  const open = webinar.status === "SCHEDULED" || webinar.status === "LIVE";
  const ends = new Date(new Date(webinar.startsAt).getTime() + webinar.durationMinutes * 60_000);
  return (
    <div className="container page-section">
      <Breadcrumbs items={[{ to: "/webinars", label: t("catalogue.title") }, { label: webinar.title }]} />
      <h1>{webinar.title}</h1>
      {webinar.status !== "SCHEDULED" ? (
        <p>
          <span className={`badge ${webinar.status === "CANCELLED" ? "bg-danger" : webinar.status === "LIVE" ? "bg-success" : "bg-secondary"}`}>{t(`status.${webinar.status}`)}</span>
        </p>
      ) : null}
      {webinar.status === "CANCELLED" && webinar.cancelReason ? (
        <div className="alert alert-warning" role="status">
          {t("detail.cancelReason", { reason: webinar.cancelReason })}
        </div>
      ) : null}
      <dl className="row">
        <dt className="col-sm-3">{t("detail.when")}</dt>
        <dd className="col-sm-9">
          {t("detail.whenValue", { start: formatDateTime(webinar.startsAt, i18n.language), end: formatTime(ends, i18n.language) })}
        </dd>
        <dt className="col-sm-3">{t("fields.duration")}</dt>
        <dd className="col-sm-9">{t("detail.duration", { count: webinar.durationMinutes })}</dd>
        <dt className="col-sm-3">{t("fields.audience")}</dt>
        <dd className="col-sm-9">
          {webinar.audience === "PUBLIC" ? t("audience.openToAll") : webinar.audience === "KITS" ? t("audience.inKits", { kits: webinar.kits.join(", ") }) : t("audience.invited")}
        </dd>
        {webinar.seatsLeft !== null && open ? (
          <>
            <dt className="col-sm-3">{t("fields.capacity")}</dt>
            <dd className="col-sm-9">{t("detail.seatsLeft", { count: webinar.seatsLeft })}</dd>
          </>
        ) : null}
        {webinar.topic ? (
          <>
            <dt className="col-sm-3">{t("fields.topic")}</dt>
            <dd className="col-sm-9">{webinar.topic}</dd>
          </>
        ) : null}
        {speakers.length || hosts.length ? (
          <>
            <dt className="col-sm-3">{t("detail.speakers")}</dt>
            <dd className="col-sm-9">{[...speakers, ...hosts].map((person) => (person.jobTitle ? `${person.name} (${person.jobTitle})` : person.name)).join(", ")}</dd>
          </>
        ) : null}
      </dl>
      <p>
        <a href={`/webinars/${webinar.slug}/ics`} className="btn btn-outline-primary btn-sm" download>
          {t("detail.addToCalendar")}
        </a>
        {staff ? (
          <Link to={`/webinars/${webinar.slug}/edit`} className="btn btn-outline-secondary btn-sm ms-2">
            {t("edit.title")}
          </Link>
        ) : null}
      </p>
      <section aria-labelledby="registration-title" className="mb-4">
        <h2 id="registration-title" className="h4">
          {t("detail.registration")}
        </h2>
        <ErrorSummary failure={failure} labels={{ question: t("detail.question"), name: t("signup.name"), email: t("signup.email") }} />
        {!signedIn ? (
          <>
            <p>
              {t("detail.signInToRegister")} <Link to={loginTo}>{t("detail.signIn")}</Link>
            </p>
            {signupOpen ? (
              <Form method="post" className="form-narrow" noValidate aria-labelledby="signup-title">
                <h3 id="signup-title" className="h5">
                  {t("signup.title")}
                </h3>
                <p>{t("signup.lead")}</p>
                <input type="hidden" name="intent" value="signup" />
                <TextField name="name" label={t("signup.name")} required autoComplete="name" maxLength={120} defaultValue={failure?.values.name} errors={failure?.fieldErrors.name} />
                <TextField name="email" type="email" label={t("signup.email")} required autoComplete="email" defaultValue={failure?.values.email} errors={failure?.fieldErrors.email} />
                <button type="submit" className="btn btn-primary">
                  {t("signup.submit")}
                </button>
              </Form>
            ) : null}
          </>
        ) : registration ? (
          <>
            <p>{registration.status === "REGISTERED" ? t("detail.youAreRegistered") : t("detail.youAreWaitlisted", { position: registration.position ?? 1 })}</p>
            {registration.question ? <p>{t("detail.yourQuestion", { question: registration.question })}</p> : null}
            {open ? (
              <Form method="post">
                <input type="hidden" name="intent" value="cancel" />
                <button type="submit" className="btn btn-outline-danger">
                  {registration.status === "REGISTERED" ? t("detail.cancelRegistration") : t("detail.leaveWaitlist")}
                </button>
              </Form>
            ) : null}
          </>
        ) : decision && !decision.allowed ? (
          <p className="text-danger">{t(decision.reason, decision.values)}</p>
        ) : labSession ? (
          <p>
            {t("detail.labRoom", { lab: labSession.labTitle })} <Link to={labSession.url}>{t("detail.labSession")}</Link>
          </p>
        ) : open ? (
          <Form method="post" className="form-narrow" noValidate>
            <input type="hidden" name="intent" value="register" />
            {webinar.seatsLeft === 0 ? <p>{t("detail.fullWaitlist")}</p> : null}
            <TextAreaField name="question" label={t("detail.question")} hint={t("detail.questionHint")} defaultValue={failure?.values.question} errors={failure?.fieldErrors.question} rows={3} maxLength={1000} />
            <button type="submit" className="btn btn-primary">
              {webinar.seatsLeft === 0 ? t("detail.joinWaitlist") : t("detail.register")}
            </button>
          </Form>
        ) : (
          <p>{t("access:reasons.webinarClosed")}</p>
        )}
        {signedIn && decision?.allowed && open ? (
          <p className="mt-3">
            <Link to={`/webinars/${webinar.slug}/room`}>{t("detail.enterRoom")}</Link>
            {" · "}
            <Link to={`/webinars/${webinar.slug}/live`}>{t("detail.chat")}</Link>
          </p>
        ) : null}
        {links.recording || links.report ? (
          <p className="mt-3">
            {links.recording ? <Link to={`/webinars/${webinar.slug}/recording`}>{t("detail.recording")}</Link> : null}
            {links.recording && links.report ? " · " : null}
            {links.report ? <Link to={`/webinars/${webinar.slug}/report`}>{t("detail.report")}</Link> : null}
          </p>
        ) : null}
      </section>
      <section aria-labelledby="description-title" className="mb-4">
        <h2 id="description-title" className="h4">
          {t("detail.description")}
        </h2>
        <div className="user-content" dangerouslySetInnerHTML={{ __html: webinar.descriptionHtml }} />
      </section>
      {materials.length || materialsHidden ? (
        <section aria-labelledby="materials-title" className="mb-4">
          <h2 id="materials-title" className="h4">
            {t("materials.title")}
          </h2>
          {materials.length ? (
            <ul>
              {materials.map((material) => (
                <li key={material.id}>
                  <a href={`/webinars/${webinar.slug}/materials/${material.id}`}>{material.title}</a> ({material.fileName}, {Math.max(1, Math.round(material.size / 1024))} KB)
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("materials.forAttendees")}</p>
          )}
        </section>
      ) : null}
    </div>
  );
}
