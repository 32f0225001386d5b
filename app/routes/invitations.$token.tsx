// /invitations/:token: the link in the invitation email. Shows who invited the person and to
// which organization, and asks for name and password; accepting creates the account and signs
// the person in. A used, revoked or expired link gets a page that says so and whom to ask.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, TextField } from "~/components/forms.tsx";
import { formatDateTime } from "~/lib/dates.ts";
import { redirectWithFlash } from "~/lib/flash.server.ts";
import { parseForm, type FormFailure } from "~/lib/forms.ts";
import { localeCookie } from "~/lib/i18n/locale.server.ts";
import { defaultLocale, isLocale } from "~/lib/i18n/resources.ts";
import { PASSWORD_MAX, PASSWORD_MIN } from "~/modules/auth/password-rules.ts";
import { getCurrentSession } from "~/modules/auth/current-user.server.ts";
import { invalidateSession, serializeSessionCookie } from "~/modules/auth/session.server.ts";
import { acceptInvitation, acceptSchema, landingPath, viewInvitation, type InvitationView } from "~/modules/invitations/accept.server.ts";
import { isDomainError } from "~/lib/domain-error.ts";
import { readForm } from "~/lib/request-body.server.ts";
import { forwardedHeaders, TOKEN_PAGE_HEADERS } from "~/lib/http.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";

export const meta = titleMeta<{ state: LoaderData["state"] }>(
  (data) => (!data || data.state === "pending" ? "invitations:accept.title" : `invitations:accept.${data.state}Title`),
  undefined,
  [{ name: "robots", content: "noindex" }],
);

// The loader's no-store and referrer policy must reach the page itself: its URL holds the token.
// "same-origin", not "no-referrer": with no-referrer the browser sends "Origin: null" on the form
// post, which the same-origin check (server/security.ts) rightly refuses.
export const headers = forwardedHeaders;

type Unusable = Exclude<InvitationView["state"], "pending"> | "notFound";
type LoaderData = { state: "pending"; invitation: InvitationView } | { state: Unusable; invitation: InvitationView | null };

const statusFor: Record<Unusable, number> = { notFound: 404, expired: 410, revoked: 410, accepted: 410, accountExists: 409 };

async function load(request: Request, token: string): Promise<{ data: LoaderData; status: number }> {
  const invitation = await viewInvitation(token);
  const state = invitation?.state ?? "notFound";
  if (state === "pending" && invitation) return { data: { state, invitation }, status: 200 };
  const unusable = state as Unusable;
  return { data: { state: unusable, invitation }, status: statusFor[unusable] };
}

/** The language the visitor chose (the language cookie), if any. */
async function chosenLocale(request: Request) {
  const value = await localeCookie().parse(request.headers.get("cookie"));
  return isLocale(value) ? value : undefined;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { data, status } = await load(request, params.token ?? "");
  // A visitor who has not chosen a language sees the page in the invitation's: the language
  // cookie is set to it and the page loaded again, so the whole page (menus too) speaks it.
  // (Once only: a browser that keeps no cookies gets the page after one redirect, in Italian.)
  const invitationLocale = data.invitation?.locale;
  const url = new URL(request.url);
  if (data.state === "pending" && isLocale(invitationLocale) && invitationLocale !== defaultLocale && !url.searchParams.has("lang") && !(await chosenLocale(request))) {
    return redirect(`${url.pathname}?lang=${invitationLocale}`, { headers: { ...TOKEN_PAGE_HEADERS, "Set-Cookie": await localeCookie().serialize(invitationLocale) } });
  }
  return json(data, { status, headers: TOKEN_PAGE_HEADERS });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const { data, status } = await load(request, token);
  if (data.state !== "pending") return json(data, { status });
  const formData = await readForm(request);
  const parsed = parseForm(formData, acceptSchema(data.invitation.email));
  if (!parsed.ok) return json({ ...data, failure: parsed }, { status: 400 });
  try {
    const locale = await chosenLocale(request);
    const { user, sessionToken } = await acceptInvitation(
      token,
      { name: parsed.data.name, password: parsed.data.password, locale },
      { ipAddress: context.clientIp, userAgent: request.headers.get("user-agent") },
    );
    // Someone else signed in on this browser is signed out: the browser now belongs to the new account.
    const previous = await getCurrentSession(request);
    if (previous) await invalidateSession(previous.sessionId);
    context.setUserId?.(user.id);
    return redirectWithFlash(
      landingPath(user.role),
      { type: "success", message: "invitations:flash.accepted", values: { name: user.name } },
      { headers: { "Set-Cookie": serializeSessionCookie(sessionToken) } },
    );
  } catch (error) {
    if (!isDomainError(error)) throw error;
    // Used, revoked or taken meanwhile (e.g. a second tab): show the page that says so.
    const fresh = await load(request, token);
    return json(fresh.data, { status: fresh.data.state === "pending" ? error.status : fresh.status });
  }
}

function UnusableInvitation({ state, invitation }: { state: Unusable; invitation: InvitationView | null }) {
  const { t } = useTranslation("invitations");
  return (
    <div className="container page-section">
      <h1>{t(`accept.${state}Title`)}</h1>
      <p className="lead">{t(`accept.${state}Text`)}</p>
      {state === "accountExists" ? (
        <p className="d-flex gap-3">
          <Link to="/login" className="btn btn-primary">
            {t("accept.signIn")}
          </Link>
          <Link to="/forgot-password" className="btn btn-outline-primary">
            {t("accept.forgotPassword")}
          </Link>
        </p>
      ) : (
        <p>
          {invitation?.inviterName && invitation.inviterEmail
            ? t("accept.askInviter", { name: invitation.inviterName, email: invitation.inviterEmail })
            : t("accept.askGeneric")}
        </p>
      )}
    </div>
  );
}

export default function AcceptInvitation() {
  const loaderData = useLoaderData<typeof loader>() as LoaderData;
  const actionData = useActionData<typeof action>() as (LoaderData & { failure?: FormFailure }) | undefined;
  const data = actionData ?? loaderData;
  const { t, i18n } = useTranslation("invitations");
  if (data.state !== "pending") return <UnusableInvitation state={data.state} invitation={data.invitation} />;
  const { invitation } = data;
  const failure = actionData?.failure;
  const labels = { name: t("accept.name"), password: t("accept.password"), confirmPassword: t("accept.confirmPassword") };
  const lead = invitation.organizationName
    ? invitation.inviterName
      ? t("accept.lead", { inviter: invitation.inviterName, organization: invitation.organizationName })
      : t("accept.leadNoInviter", { organization: invitation.organizationName })
    : t("accept.leadStaff", { inviter: invitation.inviterName ?? "FPA", role: t(`common:roles.${invitation.role}`) });
  return (
    <div className="container page-section">
      <div className="col-lg-8">
        <h1>{t("accept.title")}</h1>
        <p className="lead">{lead}</p>
        <p>{t("accept.expiresAt", { date: formatDateTime(invitation.expiresAt, i18n.language) })}</p>
        <ErrorSummary failure={failure} labels={labels} />
        <Form method="post" noValidate>
          <p className="small">{t("common:form.requiredHint")}</p>
          <TextField name="email" label={t("accept.email")} type="email" value={invitation.email} readOnly autoComplete="username" />
          <TextField
            name="name"
            label={labels.name}
            required
            autoComplete="name"
            maxLength={120}
            defaultValue={failure?.values.name ?? invitation.name ?? ""}
            errors={failure?.fieldErrors.name}
          />
          <TextField
            name="password"
            type="password"
            label={labels.password}
            required
            autoComplete="new-password"
            minLength={PASSWORD_MIN}
            maxLength={PASSWORD_MAX}
            hint={t("accept.passwordHint")}
            errors={failure?.fieldErrors.password}
          />
          <TextField
            name="confirmPassword"
            type="password"
            label={labels.confirmPassword}
            required
            autoComplete="new-password"
            maxLength={PASSWORD_MAX}
            errors={failure?.fieldErrors.confirmPassword}
          />
          <button type="submit" className="btn btn-primary">
            {t("accept.submit")}
          </button>
        </Form>
      </div>
    </div>
  );
}
