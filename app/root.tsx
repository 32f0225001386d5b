import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import appStyles from "~/styles/app.css";
import { Layout } from "~/components/layout.tsx";
import { BOOTSTRAP_ITALIA_BASE } from "~/lib/vendor.ts";
import { useNonce } from "~/lib/nonce.tsx";
import { readFlash, type Flash } from "~/lib/flash.server.ts";
import { resolveLocale } from "~/lib/i18n/locale.server.ts";
import { SITE_NAME, translatedTitle } from "~/lib/i18n/meta.ts";
import { isLocale } from "~/lib/i18n/resources.ts";
import { getUser } from "~/modules/auth/current-user.server.ts";
import { mainNavigation, type NavItem } from "~/modules/navigation.ts";
import { usesCommunity } from "~/modules/community/access.server.ts";
import { notificationBadge } from "~/modules/community/notifications.server.ts";
import type { BadgeState } from "~/components/community-badge.tsx";
import { currentNotice } from "~/modules/service-notice/notice.server.ts";
import { ServiceNoticeBanner, type NoticeState } from "~/components/service-notice.tsx";
import { forwardedHeaders, type ErrorPayload } from "~/lib/http.server.ts";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: `${BOOTSTRAP_ITALIA_BASE}/css/bootstrap-italia.min.css` },
  { rel: "stylesheet", href: appStyles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

// Pages name themselves (titleMeta). Error pages (404, 403, 429, 500) get their title from the
// error boundary below: Remix gives meta functions no loader data when a route failed, so the
// language is only known there.
export const meta: MetaFunction = ({ error }) => (error ? [] : [{ title: SITE_NAME }]);

function errorTitleKey(status: number) {
  if (status === 404) return "errors.notFoundTitle";
  if (status === 403) return "errors.forbiddenTitle";
  if (status === 401) return "errors.unauthorizedTitle";
  if (status === 429) return "errors.tooManyTitle";
  if (status >= 400 && status < 500) return "errors.badRequestTitle";
  return "errors.serverTitle";
}

// A thrown 429 (tooManyRequests) is rendered by this boundary: keep its Retry-After on the page.
export const headers = forwardedHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const locale = await resolveLocale(request, user?.locale);
  const { flash, clearHeader } = await readFlash(request);
  const serviceNotice = await currentNotice();
  // Only for people who use the community: nobody else pays a query for the badge.
  const community = await usesCommunity(request, user);
  const communityNotifications = user && community ? await notificationBadge(user.id) : null;
  return json(
    {
      locale,
      serviceNotice,
      user: user ? { id: user.id, name: user.name, role: user.role } : null,
      navigation: mainNavigation(user, community),
      communityNotifications,
      flash,
    },
    { headers: clearHeader ? { "Set-Cookie": clearHeader } : undefined },
  );
}

type RootData = { locale: string; serviceNotice: NoticeState; user: { id: string; name: string; role: string } | null; navigation: NavItem[]; flash: Flash | null; communityNotifications: BadgeState | null };

function Document({ children, locale, title }: { children: ReactNode; locale: string; title?: string }) {
  const nonce = useNonce();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        {title ? <title>{title}</title> : null}
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function FlashMessage({ flash }: { flash: Flash | null }) {
  const { t } = useTranslation();
  if (!flash) return null;
  const kind = flash.type === "error" ? "danger" : flash.type;
  return (
    <div className="container mt-3">
      <div className={`alert alert-${kind}`} role={flash.type === "error" ? "alert" : "status"}>
        {t(flash.message, flash.values)}
      </div>
    </div>
  );
}

export default function App() {
  const data = useLoaderData<typeof loader>() as RootData;
  const { i18n } = useTranslation();
  useEffect(() => {
    if (i18n.language !== data.locale) void i18n.changeLanguage(data.locale);
  }, [data.locale, i18n]);
  return (
    <Document locale={data.locale}>
      <Layout user={data.user} locale={data.locale} navigation={data.navigation} communityNotifications={data.communityNotifications}>
        <ServiceNoticeBanner initial={data.serviceNotice} />
        <FlashMessage flash={data.flash} />
        <Outlet />
      </Layout>
    </Document>
  );
}

/** Localized error pages (404, 403, 429, 500) in the normal page frame. */
export function ErrorPage({ status, reason, values }: { status: number; reason?: string; values?: Record<string, string | number> }) {
  const { t } = useTranslation();
  const title = t(errorTitleKey(status));
  const text = reason ? t(reason, values) : status === 404 ? t("errors.notFoundText") : status === 403 ? t("errors.forbiddenText") : t("errors.serverText");
  return (
    <div className="container page-section">
      <h1>{title}</h1>
      <p className="lead">{text}</p>
      <p className="text-secondary">
        {status}
      </p>
      <Link to="/" className="btn btn-primary">
        {t("errors.goHome")}
      </Link>
    </div>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("root") as RootData | undefined;
  const { i18n } = useTranslation();
  const locale = data?.locale ?? i18n.language ?? "it";
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const payload = isRouteErrorResponse(error) && error.data && typeof error.data === "object" ? (error.data as ErrorPayload) : undefined;
  const title = translatedTitle(isLocale(locale) ? locale : "it", `common:${errorTitleKey(status)}`);
  return (
    <Document locale={locale} title={title}>
      <Layout user={data?.user ?? null} locale={locale} navigation={data?.navigation ?? [{ to: "/", labelKey: "nav.home" }]}>
        <ErrorPage status={status} reason={payload?.reason} values={payload?.values} />
      </Layout>
    </Document>
  );
}
