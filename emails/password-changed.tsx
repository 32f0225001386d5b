// Security notice after a password change, so an account owner notices a change they did not make.
import { formatDateTime } from "../app/lib/dates.ts";
import { EmailLayout, Paragraph, textFooter } from "./layout.tsx";
import type { EmailLocale } from "./types.ts";

export type Data = { name: string; when: Date };

// Italian is the reference; English must have the same keys (checked by the compiler).
const it = {
  subject: "La password di CO-OP è stata cambiata",
  title: "Password cambiata",
  greeting: (name: string) => `Gentile ${name},`,
  notice: (when: string) => `la password del tuo account CO-OP è stata cambiata il ${when} (ora italiana).`,
  ok: "Se l'hai cambiata tu, non devi fare nulla.",
  notYou: "Se non l'hai cambiata tu, reimposta subito la password dalla pagina di accesso («Password dimenticata?») e avvisa l'assistenza di FPA: qualcuno potrebbe conoscere la tua password.",
};

const en: typeof it = {
  subject: "Your CO-OP password was changed",
  title: "Password changed",
  greeting: (name: string) => `Dear ${name},`,
  notice: (when: string) => `the password of your CO-OP account was changed on ${when} (Italian time).`,
  ok: "If you changed it, there is nothing to do.",
  notYou: "If you did not change it, reset your password now from the sign-in page (\"Forgot your password?\") and tell FPA's support team: someone may know your password.",
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
      <Paragraph>{s.notice(formatDateTime(data.when, locale))}</Paragraph>
      <Paragraph>{s.ok}</Paragraph>
      <Paragraph>{s.notYou}</Paragraph>
    </EmailLayout>
  );
}

export function text(locale: EmailLocale, data: Data) {
  const s = strings[locale];
  return [s.greeting(data.name), "", s.notice(formatDateTime(data.when, locale)), "", s.ok, "", s.notYou, "", textFooter(locale)].join("\n");
}
