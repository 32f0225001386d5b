// Every email about a webinar registration, by kind: registered (with the calendar invitation),
// waitlisted, promoted from the waitlist, moved (the invitation updated), cancelled (the webinar,
// or the person's own registration: the event leaves the calendar), and the reminders.
import { formatDateTime } from "../app/lib/dates.ts";
import { ActionLink, EmailLayout, Paragraph, textFooter } from "./layout.tsx";
import type { EmailLocale } from "./types.ts";

export type WebinarEmailKind = "registered" | "waitlisted" | "promoted" | "moved" | "cancelled" | "unregistered" | "reminder24h" | "reminder1h";

export type Data = {
  kind: WebinarEmailKind;
  name: string;
  title: string;
  startsAt: Date;
  durationMinutes: number;
  url: string;
  reason?: string;
  position?: number;
};

// Italian is the reference; English must have the same keys (checked by the compiler).
const it = {
  subject: {
    registered: (t: string) => `Iscrizione confermata: ${t}`,
    waitlisted: (t: string) => `Sei in lista d'attesa: ${t}`,
    promoted: (t: string) => `Si è liberato un posto: sei iscritto a ${t}`,
    moved: (t: string) => `Webinar spostato: ${t}`,
    cancelled: (t: string) => `Webinar annullato: ${t}`,
    unregistered: (t: string) => `Iscrizione annullata: ${t}`,
    reminder24h: (t: string) => `Domani: ${t}`,
    reminder1h: (t: string) => `Tra un'ora: ${t}`,
  } satisfies Record<WebinarEmailKind, (title: string) => string>,
  greeting: (name: string) => `Gentile ${name},`,
  body: {
    registered: (t: string, when: string) => `la tua iscrizione al webinar «${t}» del ${when} (ora italiana) è confermata. In allegato trovi l'invito da aggiungere al calendario.`,
    waitlisted: (t: string, when: string) => `il webinar «${t}» del ${when} (ora italiana) è al completo: sei in lista d'attesa. Se si libera un posto ti iscriviamo automaticamente e te lo scriviamo.`,
    promoted: (t: string, when: string) => `si è liberato un posto nel webinar «${t}» del ${when} (ora italiana): ora sei iscritto. In allegato trovi l'invito da aggiungere al calendario.`,
    moved: (t: string, when: string) => `il webinar «${t}» è stato spostato: la nuova data è ${when} (ora italiana). L'invito in allegato aggiorna il tuo calendario.`,
    cancelled: (t: string, when: string) => `il webinar «${t}» previsto il ${when} (ora italiana) è stato annullato. L'allegato lo toglie dal tuo calendario.`,
    unregistered: (t: string, when: string) => `la tua iscrizione al webinar «${t}» del ${when} (ora italiana) è stata annullata. L'allegato lo toglie dal tuo calendario.`,
    reminder24h: (t: string, when: string) => `ti ricordiamo che domani, ${when} (ora italiana), si tiene il webinar «${t}».`,
    reminder1h: (t: string, when: string) => `ti ricordiamo che tra un'ora, alle ${when} (ora italiana), inizia il webinar «${t}».`,
  } satisfies Record<WebinarEmailKind, (title: string, when: string) => string>,
  reason: (reason: string) => `Motivo: ${reason}`,
  position: (position: number) => `Posizione in lista d'attesa: ${position}`,
  duration: (minutes: number) => `Durata: ${minutes} minuti`,
  action: "Apri la pagina del webinar",
};

const en: typeof it = {
  subject: {
    registered: (t) => `Registration confirmed: ${t}`,
    waitlisted: (t) => `You are on the waiting list: ${t}`,
    promoted: (t) => `A seat is free: you are registered for ${t}`,
    moved: (t) => `Webinar moved: ${t}`,
    cancelled: (t) => `Webinar cancelled: ${t}`,
    unregistered: (t) => `Registration cancelled: ${t}`,
    reminder24h: (t) => `Tomorrow: ${t}`,
    reminder1h: (t) => `In one hour: ${t}`,
  },
  greeting: (name) => `Dear ${name},`,
  body: {
    registered: (t, when) => `your registration for the webinar "${t}" on ${when} (Italian time) is confirmed. The attached invitation adds it to your calendar.`,
    waitlisted: (t, when) => `the webinar "${t}" on ${when} (Italian time) is full: you are on the waiting list. If a seat frees up we register you automatically and let you know.`,
    promoted: (t, when) => `a seat freed up in the webinar "${t}" on ${when} (Italian time): you are now registered. The attached invitation adds it to your calendar.`,
    moved: (t, when) => `the webinar "${t}" has been moved: the new date is ${when} (Italian time). The attached invitation updates your calendar.`,
    cancelled: (t, when) => `the webinar "${t}" planned on ${when} (Italian time) has been cancelled. The attachment removes it from your calendar.`,
    unregistered: (t, when) => `your registration for the webinar "${t}" on ${when} (Italian time) has been cancelled. The attachment removes it from your calendar.`,
    reminder24h: (t, when) => `a reminder: tomorrow, ${when} (Italian time), the webinar "${t}" takes place.`,
    reminder1h: (t, when) => `a reminder: in one hour, at ${when} (Italian time), the webinar "${t}" starts.`,
  },
  reason: (reason) => `Reason: ${reason}`,
  position: (position) => `Position on the waiting list: ${position}`,
  duration: (minutes) => `Duration: ${minutes} minutes`,
  action: "Open the webinar's page",
};

const strings: Record<EmailLocale, typeof it> = { it, en };

function lines(locale: EmailLocale, data: Data) {
  const s = strings[locale];
  const result = [s.body[data.kind](data.title, formatDateTime(data.startsAt, locale))];
  if (data.kind === "cancelled" && data.reason) result.push(s.reason(data.reason));
  if (data.kind === "waitlisted" && data.position) result.push(s.position(data.position));
  if (data.kind !== "cancelled" && data.kind !== "unregistered") result.push(s.duration(data.durationMinutes));
  return result;
}

export function subject(locale: EmailLocale, data: Data) {
  return strings[locale].subject[data.kind](data.title);
}

export function Email({ locale, data }: { locale: EmailLocale; data: Data }) {
  const s = strings[locale];
  return (
    <EmailLayout locale={locale} title={subject(locale, data)}>
      <Paragraph>{s.greeting(data.name)}</Paragraph>
      {lines(locale, data).map((line) => (
        <Paragraph key={line}>{line}</Paragraph>
      ))}
      <ActionLink locale={locale} href={data.url} label={s.action} />
    </EmailLayout>
  );
}

export function text(locale: EmailLocale, data: Data) {
  const s = strings[locale];
  return [s.greeting(data.name), "", ...lines(locale, data).flatMap((line) => [line, ""]), `${s.action}: ${data.url}`, "", textFooter(locale)].join("\n");
}
