// Self-registration for a public webinar: the link that confirms the address, sets the password
// and registers; or, when the address already has an account, a note to sign in instead (the page
// answers the same either way, so it never reveals who has an account).
import { formatDateTime } from "../app/lib/dates.ts";
import { ActionLink, EmailLayout, Paragraph, textFooter } from "./layout.tsx";
import type { EmailLocale } from "./types.ts";

export type Data = { kind: "confirm" | "accountExists"; name: string; title: string; startsAt: Date; url: string; expiresInHours: number };

const it = {
  subject: (t: string) => `Conferma l'iscrizione a ${t}`,
  greeting: (name: string) => `Gentile ${name},`,
  confirm: (t: string, when: string) => `hai chiesto di iscriverti al webinar «${t}» del ${when} (ora italiana). Apri il link per confermare l'indirizzo, scegliere la password del tuo account CO-OP e completare l'iscrizione.`,
  expires: (hours: number) => `Il link vale ${hours} ore e si può usare una volta sola.`,
  accountExists: (t: string) => `hai chiesto di iscriverti al webinar «${t}», ma questo indirizzo ha già un account CO-OP: accedi e iscriviti dalla pagina del webinar. Se hai dimenticato la password, puoi reimpostarla dalla pagina di accesso.`,
  notYou: "Se non sei stato tu, ignora questo messaggio.",
  confirmAction: "Conferma e iscriviti",
  openAction: "Apri la pagina del webinar",
};

const en: typeof it = {
  subject: (t) => `Confirm your registration for ${t}`,
  greeting: (name) => `Dear ${name},`,
  confirm: (t, when) => `you asked to register for the webinar "${t}" on ${when} (Italian time). Open the link to confirm your address, choose the password of your CO-OP account and complete the registration.`,
  expires: (hours) => `The link is valid for ${hours} hours and works once.`,
  accountExists: (t) => `you asked to register for the webinar "${t}", but this address already has a CO-OP account: sign in and register from the webinar's page. If you forgot your password, you can reset it from the sign-in page.`,
  notYou: "If this was not you, ignore this message.",
  confirmAction: "Confirm and register",
  openAction: "Open the webinar's page",
};

const strings: Record<EmailLocale, typeof it> = { it, en };

function lines(locale: EmailLocale, data: Data) {
  const s = strings[locale];
  return data.kind === "confirm" ? [s.confirm(data.title, formatDateTime(data.startsAt, locale)), s.expires(data.expiresInHours), s.notYou] : [s.accountExists(data.title), s.notYou];
}

export function subject(locale: EmailLocale, data: Data) {
  return strings[locale].subject(data.title);
}

export function Email({ locale, data }: { locale: EmailLocale; data: Data }) {
  const s = strings[locale];
  return (
    <EmailLayout locale={locale} title={subject(locale, data)}>
      <Paragraph>{s.greeting(data.name)}</Paragraph>
      {lines(locale, data).map((line) => (
        <Paragraph key={line}>{line}</Paragraph>
      ))}
      <ActionLink locale={locale} href={data.url} label={data.kind === "confirm" ? s.confirmAction : s.openAction} />
    </EmailLayout>
  );
}

export function text(locale: EmailLocale, data: Data) {
  const s = strings[locale];
  const action = data.kind === "confirm" ? s.confirmAction : s.openAction;
  return [s.greeting(data.name), "", ...lines(locale, data).flatMap((line) => [line, ""]), `${action}: ${data.url}`, "", textFooter(locale)].join("\n");
}
