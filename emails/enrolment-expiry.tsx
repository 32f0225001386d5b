// Tells an organization's contacts that their kit enrolment is about to end.
import { formatDate } from "../app/lib/dates.ts";
import { ActionLink, EmailLayout, Paragraph, textFooter } from "./layout.tsx";
import type { EmailLocale } from "./types.ts";

export type Data = { organizationName: string; kitLabel: string; endsAt: Date; daysLeft: number; pathwayUrl: string };

// Italian is the reference; English must have the same keys (checked by the compiler).
const it = {
  subject: (kit: string, days: number) => (days === 1 ? `Il ${kit} scade domani` : `Il ${kit} scade tra ${days} giorni`),
  title: "L'adesione sta per scadere",
  notice: (org: string, kit: string, date: string) => `L'adesione di ${org} al ${kit} termina il ${date}.`,
  daysLeft: (days: number) => (days === 1 ? "Manca un giorno." : `Mancano ${days} giorni.`),
  after: "Dopo la scadenza il personale non potrà più accedere ai webinar, ai laboratori e alla community compresi nel kit. Per proseguire, contatta FPA per rinnovare l'adesione o passare a un kit superiore.",
  action: "Vedi il percorso",
};

const en: typeof it = {
  subject: (kit: string, days: number) => (days === 1 ? `Your ${kit} ends tomorrow` : `Your ${kit} ends in ${days} days`),
  title: "Your enrolment is about to end",
  notice: (org: string, kit: string, date: string) => `The enrolment of ${org} in the ${kit} ends on ${date}.`,
  daysLeft: (days: number) => (days === 1 ? "One day left." : `${days} days left.`),
  after: "After that date, staff can no longer use the webinars, labs and community included in the kit. To continue, contact FPA to renew the enrolment or upgrade to a higher kit.",
  action: "See the pathway",
};

const strings: Record<EmailLocale, typeof it> = { it, en };

export function subject(locale: EmailLocale, data: Data) {
  return strings[locale].subject(data.kitLabel, data.daysLeft);
}

export function Email({ locale, data }: { locale: EmailLocale; data: Data }) {
  const s = strings[locale];
  return (
    <EmailLayout locale={locale} title={s.title}>
      <Paragraph>{s.notice(data.organizationName, data.kitLabel, formatDate(data.endsAt, locale))}</Paragraph>
      <Paragraph>{s.daysLeft(data.daysLeft)}</Paragraph>
      <Paragraph>{s.after}</Paragraph>
      <ActionLink locale={locale} href={data.pathwayUrl} label={s.action} />
    </EmailLayout>
  );
}

export function text(locale: EmailLocale, data: Data) {
  const s = strings[locale];
  return [
    s.notice(data.organizationName, data.kitLabel, formatDate(data.endsAt, locale)),
    s.daysLeft(data.daysLeft),
    "",
    s.after,
    "",
    `${s.action}:`,
    data.pathwayUrl,
    "",
    textFooter(locale),
  ].join("\n");
}
