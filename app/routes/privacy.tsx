// /privacy: the GDPR information notice for this platform's processing (footer link, as Italian
// PA sites carry). Retention periods are read from the settings that enforce them, so the page
// cannot drift from what the app does.
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { env } from "~/lib/env.server.ts";
import { RETENTION_DAYS } from "~/lib/jobs/housekeeping.server.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";

export const meta = titleMeta("legal:privacy.title");

// The same for everyone: anonymous visitors get it from the public-page cache (docs/platform.md).
export const handle = { cache: true };

export async function loader() {
  const config = env();
  return json({
    controller: config.PRIVACY_CONTROLLER ?? null,
    contactEmail: config.PRIVACY_CONTACT_EMAIL ?? null,
    sessionIdleDays: config.SESSION_TTL_DAYS,
    sessionMaxDays: config.SESSION_MAX_DAYS,
    emailRetentionDays: RETENTION_DAYS,
  });
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`privacy-${id}`}>
      <h2 id={`privacy-${id}`} className="h4 mt-4">
        {title}
      </h2>
      {children}
    </section>
  );
}

export default function Privacy() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("legal");
  return (
    <div className="container page-section">
      <h1>{t("privacy.title")}</h1>
      <p className="lead">{t("privacy.intro")}</p>
      <Section id="controller" title={t("privacy.controllerTitle")}>
        <p>{data.controller ? t("privacy.controllerConfigured", { controller: data.controller }) : t("privacy.controllerDefault")}</p>
      </Section>
      <Section id="data" title={t("privacy.dataTitle")}>
        <p>{t("privacy.data")}</p>
      </Section>
      <Section id="purposes" title={t("privacy.purposesTitle")}>
        <p>{t("privacy.purposes")}</p>
      </Section>
      <Section id="retention" title={t("privacy.retentionTitle")}>
        <ul>
          <li>{t("privacy.retentionSessions", { idle: data.sessionIdleDays, max: data.sessionMaxDays })}</li>
          <li>{t("privacy.retentionEmails", { count: data.emailRetentionDays })}</li>
          <li>{t("privacy.retentionResets")}</li>
          <li>{t("privacy.retentionLimits")}</li>
          <li>{t("privacy.retentionAccount")}</li>
        </ul>
      </Section>
      <Section id="recipients" title={t("privacy.recipientsTitle")}>
        <p>{t("privacy.recipients")}</p>
      </Section>
      <Section id="rights" title={t("privacy.rightsTitle")}>
        <p>{t("privacy.rights")}</p>
      </Section>
      <Section id="cookies" title={t("privacy.cookiesTitle")}>
        <p>{t("privacy.cookies")}</p>
      </Section>
      <Section id="contact" title={t("privacy.contactTitle")}>
        {data.contactEmail ? (
          <p>{t("privacy.contactConfigured", { email: data.contactEmail })}</p>
        ) : (
          <p>
            <Link to="/feedback?page=%2Fprivacy">{t("privacy.contactDefault")}</Link>
          </p>
        )}
      </Section>
    </div>
  );
}
