// Invites someone to create their CO-OP account for an organization (optionally naming the kit).
import { formatDateTime } from "../app/lib/dates.ts";
import { kitDefinition, localized, type Entitlement, type Kit } from "../app/modules/kits/catalogue.ts";
import { ActionLink, EmailLayout, Paragraph, textFooter } from "./layout.tsx";
import type { EmailLocale } from "./types.ts";

/** `kit`: the kit the organization's enrolment (its own or its union's) gives; none for staff. */
export type Data = { inviterName: string; organizationName: string; acceptUrl: string; expiresAt: Date; kit?: Kit };

// Italian is the reference; English must have the same keys (checked by the compiler).
const it = {
  subject: (org: string) => `Invito a CO-OP per ${org}`,
  title: "Hai ricevuto un invito su CO-OP",
  invited: (inviter: string, org: string) => `${inviter} ti ha invitato a unirti a CO-OP come componente di ${org}.`,
  kit: (kit: string, pathway: string) => `L'adesione comprende il kit ${kit} (${pathway}).`,
  about: "Su CO-OP partecipi ai webinar, ai laboratori di Community Building e alla comunità riservata al personale della pubblica amministrazione.",
  // What the kit opens, so the email promises nothing the kit lacks (no community in INTERMEDIATE).
  aboutKit: (features: string) => `Su CO-OP il tuo kit ti dà accesso a: ${features}.`,
  features: {
    webinars: "i webinar del percorso",
    recordings: "le loro registrazioni",
    lab: "il laboratorio di Community Building guidato dai tutor",
    community: "la piattaforma di comunità (forum e area file)",
    surveys: "l'analisi dei bisogni formativi",
  } satisfies Record<Entitlement, string>,
  action: "Accetta l'invito",
  expiry: (when: string) => `L'invito scade il ${when}.`,
  ignore: "Se non ti aspettavi questo invito, ignora questa email.",
};

const en: typeof it = {
  subject: (org: string) => `Invitation to CO-OP for ${org}`,
  title: "You are invited to CO-OP",
  invited: (inviter: string, org: string) => `${inviter} has invited you to join CO-OP as a member of ${org}.`,
  kit: (kit: string, pathway: string) => `The enrolment includes the ${kit} kit (${pathway}).`,
  about: "On CO-OP you take part in webinars, Community Building labs and the community reserved for public administration staff.",
  aboutKit: (features: string) => `On CO-OP your kit gives you: ${features}.`,
  features: {
    webinars: "the webinars of the pathway",
    recordings: "their recordings",
    lab: "the tutor-led Community Building lab",
    community: "the community platform (forum and file area)",
    surveys: "the training-needs analysis",
  },
  action: "Accept the invitation",
  expiry: (when: string) => `The invitation expires on ${when}.`,
  ignore: "If you were not expecting this invitation, ignore this email.",
};

const strings: Record<EmailLocale, typeof it> = { it, en };

export function subject(locale: EmailLocale, data: Data) {
  return strings[locale].subject(data.organizationName);
}

function kitLine(locale: EmailLocale, kit: Kit) {
  return strings[locale].kit(kit, localized(kitDefinition(kit).pathway, locale));
}

function about(locale: EmailLocale, kit: Kit | undefined) {
  const s = strings[locale];
  if (!kit) return s.about;
  const list = new Intl.ListFormat(locale, { style: "long", type: "conjunction" });
  return s.aboutKit(list.format(kitDefinition(kit).entitlements.map((entitlement) => s.features[entitlement])));
}

export function Email({ locale, data }: { locale: EmailLocale; data: Data }) {
  const s = strings[locale];
  return (
    <EmailLayout locale={locale} title={s.title}>
      <Paragraph>{s.invited(data.inviterName, data.organizationName)}</Paragraph>
      {data.kit ? <Paragraph>{kitLine(locale, data.kit)}</Paragraph> : null}
      <Paragraph>{about(locale, data.kit)}</Paragraph>
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
    ...(data.kit ? ["", kitLine(locale, data.kit)] : []),
    "",
    about(locale, data.kit),
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
