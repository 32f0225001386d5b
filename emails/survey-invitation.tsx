// Asks someone to answer a survey (training-needs analysis, a webinar's satisfaction
// questionnaire), or reminds them before it closes.
import { formatDateTime } from "../app/lib/dates.ts";
import { ActionLink, EmailLayout, Paragraph, textFooter } from "./layout.tsx";
import type { EmailLocale } from "./types.ts";

export type Data = { name: string; surveyTitle: string; surveyUrl: string; closesAt: Date | null; anonymous: boolean; reminder: boolean };

// Italian is the reference; English must have the same keys (checked by the compiler).
const it: {
  subject: (title: string, reminder: boolean) => string;
  title: (reminder: boolean) => string;
  greeting: (name: string) => string;
  ask: (title: string) => string;
  remind: (title: string) => string;
  closes: (when: string) => string;
  anonymous: string;
  action: string;
} = {
  subject: (title: string, reminder: boolean) => (reminder ? `Promemoria: ${title}` : `Questionario: ${title}`),
  title: (reminder: boolean) => (reminder ? "Il questionario sta per chiudere" : "Ti chiediamo la tua opinione"),
  greeting: (name: string) => `Ciao ${name},`,
  ask: (title: string) => `ti chiediamo di rispondere al questionario «${title}» su CO-OP.`,
  remind: (title: string) => `non hai ancora inviato le risposte al questionario «${title}».`,
  closes: (when: string) => `Si può rispondere fino al ${when}.`,
  anonymous: "Le risposte sono anonime: non sono collegate al tuo nome.",
  action: "Rispondi al questionario",
};

const en: typeof it = {
  subject: (title: string, reminder: boolean) => (reminder ? `Reminder: ${title}` : `Survey: ${title}`),
  title: (reminder: boolean) => (reminder ? "The survey is about to close" : "We would like your opinion"),
  greeting: (name: string) => `Hello ${name},`,
  ask: (title: string) => `please answer the survey “${title}” on CO-OP.`,
  remind: (title: string) => `you have not sent your answers to the survey “${title}” yet.`,
  closes: (when: string) => `Answers are accepted until ${when}.`,
  anonymous: "Answers are anonymous: they are not linked to your name.",
  action: "Answer the survey",
};

const strings: Record<EmailLocale, typeof it> = { it, en };

function lines(locale: EmailLocale, data: Data) {
  const s = strings[locale];
  return [
    s.greeting(data.name),
    data.reminder ? s.remind(data.surveyTitle) : s.ask(data.surveyTitle),
    data.closesAt ? s.closes(formatDateTime(data.closesAt, locale)) : null,
    data.anonymous ? s.anonymous : null,
  ].filter((line): line is string => Boolean(line));
}

export function subject(locale: EmailLocale, data: Data) {
  return strings[locale].subject(data.surveyTitle, data.reminder);
}

export function Email({ locale, data }: { locale: EmailLocale; data: Data }) {
  const s = strings[locale];
  return (
    <EmailLayout locale={locale} title={s.title(data.reminder)}>
      {lines(locale, data).map((line) => (
        <Paragraph key={line}>{line}</Paragraph>
      ))}
      <ActionLink locale={locale} href={data.surveyUrl} label={s.action} />
    </EmailLayout>
  );
}

export function text(locale: EmailLocale, data: Data) {
  const s = strings[locale];
  return [...lines(locale, data), "", `${s.action}:`, data.surveyUrl, "", textFooter(locale)].join("\n");
}
