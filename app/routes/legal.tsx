// /legal: legal notes (terms of use of content and software), linked from the footer.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { titleMeta } from "~/lib/i18n/meta.ts";

export const meta = titleMeta("legal:legalNotes.title");

// The same for everyone: anonymous visitors get it from the public-page cache (docs/platform.md).
export const handle = { cache: true };

const SECTIONS = ["content", "software", "links", "liability"] as const;

export default function LegalNotes() {
  const { t } = useTranslation("legal");
  return (
    <div className="container page-section">
      <h1>{t("legalNotes.title")}</h1>
      <p className="lead">{t("legalNotes.intro")}</p>
      {SECTIONS.map((section) => (
        <section key={section} aria-labelledby={`legal-${section}`}>
          <h2 id={`legal-${section}`} className="h4 mt-4">
            {t(`legalNotes.${section}Title`)}
          </h2>
          <p>{t(`legalNotes.${section}`)}</p>
        </section>
      ))}
      <p className="mt-4">
        <Link to="/privacy">{t("legalNotes.privacyLink")}</Link>
      </p>
    </div>
  );
}
