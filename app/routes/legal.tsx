// /legal: legal notes (terms of use of content and software), linked from the footer.
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getUser } from "~/modules/auth/current-user.server.ts";
import { pageTitle } from "~/modules/users/page-title.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "CO-OP" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  return json({ title: await pageTitle(request, user?.locale, "legal:legalNotes.title") });
}

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
