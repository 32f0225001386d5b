import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/dates.ts";
import { titleMeta } from "~/lib/i18n/meta.ts";

export const meta = titleMeta("common:accessibility.title");

// When this statement was last reviewed (AgID's model asks for the date); update it with the text.
const STATEMENT_DATE = "2026-11-30";
// AgID's online form for the enforcement procedure (reports to the Difensore civico per il digitale).
const AGID_FORM_URL = "https://form.agid.gov.it";

// Anonymous visitors get this page from the public-page cache (docs/platform.md).
export const handle = { cache: true };

export default function Accessibility() {
  const { t, i18n } = useTranslation();
  const { t: tl } = useTranslation("legal");
  const sections = ["limits", "feedback", "enforcement"] as const;
  return (
    <div className="container page-section">
      <h1>{t("accessibility.title")}</h1>
      <p className="lead">{t("accessibility.intro")}</p>
      <section aria-labelledby="a11y-conformity">
        <h2 id="a11y-conformity" className="h4 mt-4">
          {tl("accessibility.conformityTitle")}
        </h2>
        <p>{tl("accessibility.conformity")}</p>
      </section>
      {sections.map((section) => (
        <section key={section} aria-labelledby={`a11y-${section}`}>
          <h2 id={`a11y-${section}`} className="h4 mt-4">
            {t(`accessibility.${section}Title`)}
          </h2>
          <p>{t(`accessibility.${section}`)}</p>
        </section>
      ))}
      <p>
        <a href={AGID_FORM_URL}>
          {tl("accessibility.agidLink")}
        </a>
      </p>
      <section aria-labelledby="a11y-statement-date">
        <h2 id="a11y-statement-date" className="h4 mt-4">
          {tl("accessibility.statementDateTitle")}
        </h2>
        <p>{tl("accessibility.statementDate", { date: formatDate(`${STATEMENT_DATE}T12:00:00Z`, i18n.language) })}</p>
      </section>
      <Link to="/feedback?page=%2Faccessibility" className="btn btn-primary">
        {t("accessibility.feedbackLink")}
      </Link>
    </div>
  );
}
