// The person's one digest (issue 14): daily or weekly, sections of what they may see (webinars,
// forum, blog, surveys, labs), each entry a link. Every message carries an unsubscribe link that
// works without signing in (and List-Unsubscribe headers for one-click in mail programs).
import { formatDateTime } from "../app/lib/dates.ts";
import { EmailLayout, Paragraph, textFooter } from "./layout.tsx";
import type { EmailLocale } from "./types.ts";

export type Entry = { title: string; url: string; startsAt: Date | null; detail: string | null };
/** A section's heading comes in both languages (from the section's registration). */
export type Section = { key: string; heading: Record<EmailLocale, string>; entries: Entry[] };
export type Data = { name: string; frequency: "DAILY" | "WEEKLY"; sections: Section[]; unsubscribeUrl: string; settingsUrl: string };

// Italian is the reference; English must have the same keys (checked by the compiler).
const it = {
  subject: (frequency: Data["frequency"], count: number) => `${frequency === "DAILY" ? "Il riepilogo di oggi" : "Il riepilogo della settimana"} su CO-OP: ${count === 1 ? "1 novità" : `${count} novità`}`,
  title: (frequency: Data["frequency"]): string => (frequency === "DAILY" ? "Il tuo riepilogo di oggi" : "Il tuo riepilogo della settimana"),
  greeting: (name: string) => `Ciao ${name},`,
  lead: "ecco le novità per te su CO-OP.",
  settings: "Scegli quando ricevere il riepilogo",
  unsubscribe: "Non ricevere più il riepilogo",
  why: "Ricevi questa email perché hai un account su CO-OP.",
};

const en: typeof it = {
  subject: (frequency, count) => `${frequency === "DAILY" ? "Today's digest" : "This week's digest"} on CO-OP: ${count === 1 ? "1 update" : `${count} updates`}`,
  title: (frequency) => (frequency === "DAILY" ? "Your digest for today" : "Your digest for this week"),
  greeting: (name) => `Hello ${name},`,
  lead: "here is what is new for you on CO-OP.",
  settings: "Choose when to receive the digest",
  unsubscribe: "Stop the digest",
  why: "You receive this email because you have a CO-OP account.",
};

const strings: Record<EmailLocale, typeof it> = { it, en };

const count = (data: Data) => data.sections.reduce((sum, section) => sum + section.entries.length, 0);

export function subject(locale: EmailLocale, data: Data) {
  return strings[locale].subject(data.frequency, count(data));
}

export function Email({ locale, data }: { locale: EmailLocale; data: Data }) {
  const s = strings[locale];
  return (
    <EmailLayout locale={locale} title={s.title(data.frequency)}>
      <Paragraph>
        {s.greeting(data.name)} {s.lead}
      </Paragraph>
      {data.sections.map((section) => (
        <div key={section.key}>
          <h2 style={{ fontSize: "18px", margin: "24px 0 8px" }}>{section.heading[locale]}</h2>
          <ul style={{ margin: "0 0 16px", paddingLeft: "20px" }}>
            {section.entries.map((entry, i) => (
              <li key={i} style={{ margin: "0 0 8px" }}>
                <a href={entry.url}>{entry.title}</a>
                {entry.startsAt ? ` · ${formatDateTime(entry.startsAt, locale)}` : ""}
                {entry.detail ? <div style={{ color: "#5c6f82", fontSize: "14px" }}>{entry.detail}</div> : null}
              </li>
            ))}
          </ul>
        </div>
      ))}
      <Paragraph>{s.why}</Paragraph>
      <Paragraph>
        <a href={data.settingsUrl}>{s.settings}</a> · <a href={data.unsubscribeUrl}>{s.unsubscribe}</a>
      </Paragraph>
    </EmailLayout>
  );
}

export function text(locale: EmailLocale, data: Data) {
  const s = strings[locale];
  const lines = [`${s.greeting(data.name)} ${s.lead}`, ""];
  for (const section of data.sections) {
    lines.push(section.heading[locale].toUpperCase(), "");
    for (const entry of section.entries) {
      lines.push(`- ${entry.title}${entry.startsAt ? ` · ${formatDateTime(entry.startsAt, locale)}` : ""}`);
      if (entry.detail) lines.push(`  ${entry.detail}`);
      lines.push(entry.url);
    }
    lines.push("");
  }
  lines.push(s.why, `${s.settings}: ${data.settingsUrl}`, `${s.unsubscribe}: ${data.unsubscribeUrl}`, "", textFooter(locale));
  return lines.join("\n");
}
