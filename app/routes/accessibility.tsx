import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { titleMeta } from "~/lib/i18n/meta.ts";

export const meta = titleMeta("common:accessibility.title");

export default function Accessibility() {
  const { t } = useTranslation();
  const sections = ["status", "limits", "feedback", "enforcement"] as const;
  return (
    <div className="container page-section">
      <h1>{t("accessibility.title")}</h1>
      <p className="lead">{t("accessibility.intro")}</p>
      {sections.map((section) => (
        <section key={section} aria-labelledby={`a11y-${section}`}>
          <h2 id={`a11y-${section}`} className="h4 mt-4">
            {t(`accessibility.${section}Title`)}
          </h2>
          <p>{t(`accessibility.${section}`)}</p>
        </section>
      ))}
      <Link to="/feedback?page=%2Faccessibility" className="btn btn-primary">
        {t("accessibility.feedbackLink")}
      </Link>
    </div>
  );
}
