// Invites someone to create their CO-OP account for an organization (optionally naming the kit).
import { formatDateTime } from "../app/lib/dates.ts";
import { ActionLink, EmailLayout, Paragraph, textFooter } from "./layout.tsx";
import type { EmailLocale } from "./types.ts";

export type Data = { inviterName: string; organizationName: string; acceptUrl: string; expiresAt: Date; kitLabel?: string };

// Italian is the reference; English must have the same keys (checked by the compiler).
const it = {
  subject: (org: string) => `Invito a CO-OP per ${org}`,
  title: "Hai ricevuto un invito su CO-OP",
  invited: (inviter: string, org: string) => `${inviter} ti ha invitato a unirti a CO-OP come componente di ${org}.`,
  kit: (kit: string) => `L'adesione comprende il ${kit}.`,
  about: "Su CO-OP partecipi ai webinar, ai laboratori di Community Building e alla community riservata al personale della pubblica amministrazione.",
  action: "Accetta l'invito",
  expiry: (when: string) => `L'invito scade il ${when}.`,
  ignore: "Se non ti aspettavi questo invito, ignora questa email.",
};

const en: typeof it = {
  subject: (org: string) => `Invitation to CO-OP for ${org}`,
  title: "You are invited to CO-OP",
  invited: (inviter: string, org: string) => `${inviter} has invited you to join CO-OP as a member of ${org}.`,
  kit: (kit: string) => `The enrolment includes the ${kit}.`,
  about: "On CO-OP you take part in webinars, Community Building labs and the community reserved for public administration staff.",
  action: "Accept the invitation",
  expiry: (when: string) => `The invitation expires on ${when}.`,
  ignore: "If you were not expecting this invitation, ignore this email.",
};

const strings: Record<EmailLocale, typeof it> = { it, en };

export function subject(locale: EmailLocale, data: Data) {
  return strings[locale].subject(data.organizationName);
}

export function Email({ locale, data }: { locale: EmailLocale; data: Data }) {
  const s = strings[locale];
  return (
    <EmailLayout locale={locale} title={s.title}>
      <Paragraph>{s.invited(data.inviterName, data.organizationName)}</Paragraph>
      {data.kitLabel ? <Paragraph>{s.kit(data.kitLabel)}</Paragraph> : null}
      <Paragraph>{s.about}</Paragraph>
      <ActionLink locale={locale} href={data.acceptUrl} label={s.action} />
      <Paragraph>{s.expiry(formatDateTime(data.expiresAt, locale))}</Paragraph>
      <Paragraph>{s.ignore}</Paragraph>
    </EmailLayout>
  );
}

export function text(locale: EmailLocale, data: Data) {
  const s = strings[locale];
  return [
    s.invited(data.inviterName, data.organizationName),
    ...(data.kitLabel ? ["", s.kit(data.kitLabel)] : []),
    "",
    s.about,
    "",
    `${s.action}:`,
    data.acceptUrl,
    "",
    s.expiry(formatDateTime(data.expiresAt, locale)),
    "",
    s.ignore,
    "",
    textFooter(locale),
  ].join("\n");
}
