// Double opt-in: the link that confirms a newsletter subscription.
import { ActionLink, EmailLayout, Paragraph, textFooter } from "./layout.tsx";
import type { EmailLocale } from "./types.ts";

export type Data = { confirmUrl: string };

const it = {
  subject: "Conferma l'iscrizione alla newsletter del blog di CO-OP",
  title: "Conferma l'iscrizione",
  body: "È stata chiesta l'iscrizione di questo indirizzo alla newsletter del blog di CO-OP. Per confermarla, apri il link qui sotto e premi «Conferma l'iscrizione».",
  action: "Conferma l'iscrizione",
  notYou: "Se non l'hai chiesta tu, ignora questo messaggio: senza conferma non riceverai nulla.",
};

const en: typeof it = {
  subject: "Confirm your subscription to the CO-OP blog newsletter",
  title: "Confirm your subscription",
  body: "A subscription of this address to the CO-OP blog newsletter was requested. To confirm it, open the link below and press \"Confirm the subscription\".",
  action: "Confirm the subscription",
  notYou: "If you did not ask for it, ignore this message: without confirmation you will receive nothing.",
};

const strings: Record<EmailLocale, typeof it> = { it, en };

export function subject(locale: EmailLocale, _data: Data) {
  return strings[locale].subject;
}

export function Email({ locale, data }: { locale: EmailLocale; data: Data }) {
  const s = strings[locale];
  return (
    <EmailLayout locale={locale} title={s.title}>
      <Paragraph>{s.body}</Paragraph>
      <ActionLink locale={locale} href={data.confirmUrl} label={s.action} />
      <Paragraph>{s.notYou}</Paragraph>
    </EmailLayout>
  );
}

export function text(locale: EmailLocale, data: Data) {
  const s = strings[locale];
  return [s.body, "", data.confirmUrl, "", s.notYou, "", textFooter(locale)].join("\n");
}
