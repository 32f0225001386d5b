// The frame every email shares: a blue "CO-OP · FPA" header, the message, a footer saying why it
// was sent. Inline styles and a single-column table, because mail clients ignore <style> and
// modern layout; real headings and lang so screen readers announce it properly.
import type { ReactNode } from "react";
import type { EmailLocale } from "./types.ts";

const BLUE = "#0066cc";
const TEXT = "#1a1a1a";
const MUTED = "#5c6f82";
const FONT = "'Titillium Web', Geneva, Tahoma, sans-serif";

const frame = {
  it: {
    copyHint: "Se il pulsante non funziona, copia questo indirizzo nel browser:",
    footer: "Hai ricevuto questo messaggio automatico da CO-OP, la piattaforma di FPA per la pubblica amministrazione. Non rispondere a questa email.",
  },
  en: {
    copyHint: "If the button does not work, copy this address into your browser:",
    footer: "This automatic message comes from CO-OP, FPA's platform for public administration staff. Please do not reply to this email.",
  },
} satisfies Record<EmailLocale, { copyHint: string; footer: string }>;

export const BRAND = "CO-OP · FPA";

export function EmailLayout({ locale, title, children }: { locale: EmailLocale; title: string; children: ReactNode }) {
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <title>{title}</title>
      </head>
      <body style={{ margin: 0, padding: 0, backgroundColor: "#f2f4f7", fontFamily: FONT, color: TEXT }}>
        <table role="presentation" width="100%" cellPadding={0} cellSpacing={0} style={{ backgroundColor: "#f2f4f7" }}>
          <tbody>
            <tr>
              <td align="center" style={{ padding: "24px 12px" }}>
                <table role="presentation" width="100%" cellPadding={0} cellSpacing={0} style={{ maxWidth: "600px", backgroundColor: "#ffffff", borderRadius: "4px" }}>
                  <tbody>
                    <tr>
                      <td style={{ backgroundColor: BLUE, color: "#ffffff", padding: "16px 24px", fontSize: "20px", fontWeight: 700, borderRadius: "4px 4px 0 0" }}>
                        {BRAND}
                      </td>
                    </tr>
                    <tr>
                      <td style={{ padding: "24px", fontSize: "16px", lineHeight: "1.5" }}>
                        <h1 style={{ fontSize: "22px", lineHeight: "1.3", margin: "0 0 16px", color: TEXT }}>{title}</h1>
                        {children}
                      </td>
                    </tr>
                    <tr>
                      <td style={{ padding: "16px 24px", borderTop: "1px solid #d9dadb", fontSize: "13px", lineHeight: "1.5", color: MUTED }}>
                        {frame[locale].footer}
                      </td>
                    </tr>
                  </tbody>
                </table>
              </td>
            </tr>
          </tbody>
        </table>
      </body>
    </html>
  );
}

export function Paragraph({ children }: { children: ReactNode }) {
  return <p style={{ margin: "0 0 16px" }}>{children}</p>;
}

/** A link that looks like a button; the address is repeated in plain text below for clients that hide it. */
export function ActionLink({ locale, href, label }: { locale: EmailLocale; href: string; label: string }) {
  return (
    <>
      <p style={{ margin: "24px 0" }}>
        <a href={href} style={{ display: "inline-block", backgroundColor: BLUE, color: "#ffffff", padding: "12px 24px", borderRadius: "4px", fontWeight: 700, textDecoration: "none" }}>
          {label}
        </a>
      </p>
      <p style={{ margin: "0 0 16px", fontSize: "14px", color: MUTED }}>
        {frame[locale].copyHint}
        <br />
        <a href={href} style={{ color: BLUE, wordBreak: "break-all" }}>
          {href}
        </a>
      </p>
    </>
  );
}

export function textFooter(locale: EmailLocale) {
  return `--\n${BRAND}\n${frame[locale].footer}`;
}
