// A tutor's one-click reminder to a lab member who has gone quiet (no attendance, post or
// submission for the lab's N days), in the member's language.
import { ActionLink, EmailLayout, Paragraph, textFooter } from "./layout.tsx";
import type { EmailLocale } from "./types.ts";

export type Data = { name: string; labTitle: string; labUrl: string; tutorName: string; days: number };

// Italian is the reference; English must have the same keys (checked by the compiler).
const it: {
  subject: (title: string) => string;
  title: string;
  greeting: (name: string) => string;
  body: (title: string, days: number) => string;
  invite: string;
  signature: (tutor: string) => string;
  action: string;
} = {
  subject: (title: string) => `Ti aspettiamo nel laboratorio «${title}»`,
  title: "Ti aspettiamo nel laboratorio",
  greeting: (name: string) => `Ciao ${name},`,
  body: (title: string, days: number) => `da più di ${days} giorni non ti vediamo nel laboratorio «${title}»: nessuna presenza agli incontri, nessun messaggio nella discussione e nessuna consegna.`,
  invite: "Dai un'occhiata ai prossimi incontri e alle attività aperte: il contributo di ciascuno fa crescere la comunità.",
  signature: (tutor: string) => `${tutor}, tutor del laboratorio`,
  action: "Apri il laboratorio",
};

const en: typeof it = {
  subject: (title: string) => `We look forward to seeing you in the lab “${title}”`,
  title: "We look forward to seeing you in the lab",
  greeting: (name: string) => `Hello ${name},`,
  body: (title: string, days: number) => `for more than ${days} days we have not seen you in the lab “${title}”: no attendance at sessions, no post in the discussion and no submission.`,
  invite: "Have a look at the next sessions and the open activities: everyone's contribution makes the community grow.",
  signature: (tutor: string) => `${tutor}, the lab's tutor`,
  action: "Open the lab",
};

const strings: Record<EmailLocale, typeof it> = { it, en };

function lines(locale: EmailLocale, data: Data) {
  const s = strings[locale];
  return [s.greeting(data.name), s.body(data.labTitle, data.days), s.invite, s.signature(data.tutorName)];
}

export function subject(locale: EmailLocale, data: Data) {
  return strings[locale].subject(data.labTitle);
}

export function Email({ locale, data }: { locale: EmailLocale; data: Data }) {
  const s = strings[locale];
  return (
    <EmailLayout locale={locale} title={s.title}>
      {lines(locale, data).map((line) => (
        <Paragraph key={line}>{line}</Paragraph>
      ))}
      <ActionLink locale={locale} href={data.labUrl} label={s.action} />
    </EmailLayout>
  );
}

export function text(locale: EmailLocale, data: Data) {
  const s = strings[locale];
  return [...lines(locale, data), "", `${s.action}:`, data.labUrl, "", textFooter(locale)].join("\n");
}
