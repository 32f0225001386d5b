// Sent when someone asks to reset their password: a single-use link valid for a limited time.
import { ActionLink, EmailLayout, Paragraph, textFooter } from "./layout.tsx";
import type { EmailLocale } from "./types.ts";

export type Data = { name: string; resetUrl: string; expiresInMinutes: number };

// Italian is the reference; English must have the same keys (checked by the compiler).
const it = {
  subject: "Reimposta la password di CO-OP",
  title: "Reimposta la password",
  greeting: (name: string) => `Gentile ${name},`,
  intro: "abbiamo ricevuto una richiesta di reimpostare la password del tuo account CO-OP.",
  action: "Scegli una nuova password",
  validity: (minutes: number) => `Il collegamento funziona una sola volta e scade tra ${minutes} minuti.`,
  ignore: "Se non hai chiesto tu di reimpostare la password, ignora questa email: la password attuale resta valida.",
};

const en: typeof it = {
  subject: "Reset your CO-OP password",
  title: "Reset your password",
  greeting: (name: string) => `Dear ${name},`,
  intro: "we received a request to reset the password of your CO-OP account.",
  action: "Choose a new password",
  validity: (minutes: number) => `The link works once and expires in ${minutes} minutes.`,
  ignore: "If you did not ask to reset your password, ignore this email: your current password stays valid.",
};

const strings: Record<EmailLocale, typeof it> = { it, en };

export function subject(locale: EmailLocale, _data: Data) {
  return strings[locale].subject;
}

export function Email({ locale, data }: { locale: EmailLocale; data: Data }) {
  const s = strings[locale];
  return (
    <EmailLayout locale={locale} title={s.title}>
      <Paragraph>{s.greeting(data.name)}</Paragraph>
      <Paragraph>{s.intro}</Paragraph>
      <ActionLink locale={locale} href={data.resetUrl} label={s.action} />
      <Paragraph>{s.validity(data.expiresInMinutes)}</Paragraph>
      <Paragraph>{s.ignore}</Paragraph>
    </EmailLayout>
  );
}

export function text(locale: EmailLocale, data: Data) {
  const s = strings[locale];
  return [s.greeting(data.name), "", s.intro, "", `${s.action}:`, data.resetUrl, "", s.validity(data.expiresInMinutes), "", s.ignore, "", textFooter(locale)].join("\n");
}
