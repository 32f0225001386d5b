// The fixed kit catalogue of the Open4AG offer (seed: "Il Progetto CO-OP"): what each kit lasts,
// which platform features (entitlements) it grants and which OpenPA micro-services it bundles.
// It lives in code, not in the database: changing a kit is a product decision and a release.
// Plain module (no .server): the pages show the catalogue too.
import type { Kit } from "~/generated/sqlite/client.ts";

export type { Kit };

/** Localized text kept with the catalogue, so a kit and its wording change together. */
export type LocalizedText = { it: string; en: string };

export function localized(text: LocalizedText, locale: string): string {
  return locale === "en" ? text.en : text.it;
}

/** Platform features a kit may grant. Every feature asks the access policy for one of these. */
export const ENTITLEMENTS = ["webinars", "recordings", "lab", "community", "surveys"] as const;
export type Entitlement = (typeof ENTITLEMENTS)[number];

export function isEntitlement(value: unknown): value is Entitlement {
  return typeof value === "string" && (ENTITLEMENTS as readonly string[]).includes(value);
}

export const MICRO_SERVICES = [
  "OpenCity",
  "OpenNewsletter",
  "OpenTrasparenza",
  "OpenDati",
  "OpenUfficioStampa",
  "OpenAgenda",
  "SpaziComuni",
  "OpenConsultazioni",
  "OpenSegnalazioni",
] as const;
export type MicroService = (typeof MICRO_SERVICES)[number];

export type KitDefinition = {
  kit: Kit;
  /** Order in the catalogue: an upgrade goes to a higher rank. */
  rank: number;
  durationMonths: number;
  /** Webinars of the pathway the kit includes (seed: 1 for BASIC and INTERMEDIATE, 2 for PLUS). */
  webinarCount: number;
  pathway: LocalizedText;
  summary: LocalizedText;
  entitlements: readonly Entitlement[];
  services: readonly MicroService[];
};

const BASIC_SERVICES = ["OpenCity", "OpenNewsletter", "OpenTrasparenza", "OpenDati"] as const satisfies readonly MicroService[];
const INTERMEDIATE_SERVICES = [...BASIC_SERVICES, "OpenUfficioStampa", "OpenAgenda", "SpaziComuni"] as const satisfies readonly MicroService[];
const PLUS_SERVICES = [...INTERMEDIATE_SERVICES, "OpenConsultazioni", "OpenSegnalazioni"] as const satisfies readonly MicroService[];

export const KIT_CATALOGUE: Record<Kit, KitDefinition> = {
  BASIC: {
    kit: "BASIC",
    rank: 1,
    durationMonths: 4,
    webinarCount: 1,
    pathway: { it: "Percorso 1: affiancamento con seminario online", en: "Pathway 1: coaching by online seminar" },
    summary: {
      it: "Un webinar del percorso e le sue registrazioni, con la piattaforma OpenPA e i primi microservizi.",
      en: "One webinar of the pathway and its recordings, with the OpenPA platform and the first micro-services.",
    },
    entitlements: ["webinars", "recordings"],
    services: BASIC_SERVICES,
  },
  INTERMEDIATE: {
    kit: "INTERMEDIATE",
    rank: 2,
    durationMonths: 6,
    webinarCount: 1,
    pathway: {
      it: "Percorso 2: affiancamento online e laboratorio di Community Building",
      en: "Pathway 2: online coaching and Community Building lab",
    },
    summary: {
      it: "Tutto il kit BASIC più il laboratorio di Community Building guidato dai tutor.",
      en: "Everything in BASIC plus the tutor-led Community Building lab.",
    },
    entitlements: ["webinars", "recordings", "lab"],
    services: INTERMEDIATE_SERVICES,
  },
  PLUS: {
    kit: "PLUS",
    rank: 3,
    durationMonths: 9,
    webinarCount: 2,
    pathway: {
      it: "Percorso 3: affiancamento online, laboratorio e piattaforma di Community Building",
      en: "Pathway 3: online coaching, lab and Community Building platform",
    },
    summary: {
      it: "Tutto il kit INTERMEDIATE più due webinar, la piattaforma di comunità (forum e area file) e l'analisi dei bisogni formativi.",
      en: "Everything in INTERMEDIATE plus two webinars, the community platform (forum and file area) and the training-needs analysis.",
    },
    entitlements: ["webinars", "recordings", "lab", "community", "surveys"],
    services: PLUS_SERVICES,
  },
};

export const KITS: readonly Kit[] = (Object.values(KIT_CATALOGUE) as KitDefinition[]).sort((a, b) => a.rank - b.rank).map((d) => d.kit);

export function isKit(value: unknown): value is Kit {
  return typeof value === "string" && Object.hasOwn(KIT_CATALOGUE, value);
}

export function kitDefinition(kit: Kit): KitDefinition {
  return KIT_CATALOGUE[kit];
}

export function kitGrants(kit: Kit, entitlement: Entitlement): boolean {
  return KIT_CATALOGUE[kit].entitlements.includes(entitlement);
}

/** Kits that include the entitlement, lowest first: "the CB lab is in INTERMEDIATE and PLUS". */
export function kitsGranting(entitlement: Entitlement): Kit[] {
  return KITS.filter((kit) => kitGrants(kit, entitlement));
}

/** Kits an enrolment in `kit` may be upgraded to. */
export function higherKits(kit: Kit): Kit[] {
  return KITS.filter((other) => KIT_CATALOGUE[other].rank > KIT_CATALOGUE[kit].rank);
}

export function kitServices(kit: Kit): readonly MicroService[] {
  return KIT_CATALOGUE[kit].services;
}

/** What each entitlement means to a member, and where it is found. */
// `href` is set once the feature's page exists (webinars, labs, forum, surveys arrive with their
// own issues); until then the pathway names what is included without a dead link.
export const ENTITLEMENT_INFO: Record<Entitlement, { label: LocalizedText; description: LocalizedText; href?: string }> = {
  webinars: {
    label: { it: "Webinar del percorso", en: "Pathway webinars" },
    description: {
      it: "Seminari online dal vivo di un'ora e mezza, con chat e domande ai relatori.",
      en: "Live 90-minute online seminars, with chat and questions to the speakers.",
    },
  },
  recordings: {
    label: { it: "Registrazioni dei webinar", en: "Webinar recordings" },
    description: {
      it: "Rivedi i webinar del percorso con l'archivio della chat e delle domande.",
      en: "Watch the pathway's webinars again, with the chat and Q&A archive.",
    },
  },
  lab: {
    label: { it: "Laboratorio di Community Building", en: "Community Building lab" },
    description: {
      it: "Incontri guidati dai tutor, discussione e materiali del laboratorio.",
      en: "Tutor-led sessions, lab discussion and lab materials.",
    },
  },
  community: {
    label: { it: "Piattaforma di comunità", en: "Community platform" },
    description: {
      it: "Il forum riservato e l'area file condivisa con i colleghi degli altri enti.",
      en: "The members-only forum and the file area shared with colleagues from other bodies.",
    },
  },
  surveys: {
    label: { it: "Analisi dei bisogni formativi", en: "Training-needs analysis" },
    description: {
      it: "Questionari per individuare le competenze da rafforzare nel tuo ente.",
      en: "Surveys that find the skills your organization needs to strengthen.",
    },
  },
};

/** The OpenPA micro-services (run by Opencontent; this platform only tracks their activation). */
export const MICRO_SERVICE_INFO: Record<MicroService, { label: LocalizedText; description: LocalizedText }> = {
  OpenCity: {
    label: { it: "OpenCity", en: "OpenCity" },
    description: {
      it: "Il sito istituzionale del Comune secondo il modello di Designers Italia.",
      en: "The municipality's website following the Designers Italia model.",
    },
  },
  OpenNewsletter: {
    label: { it: "OpenNewsletter", en: "OpenNewsletter" },
    description: {
      it: "Newsletter ai cittadini con informazioni mirate al loro profilo.",
      en: "Newsletters that give citizens information targeted to their profile.",
    },
  },
  OpenTrasparenza: {
    label: { it: "OpenTrasparenza", en: "OpenTrasparenza" },
    description: {
      it: "La sezione Amministrazione trasparente prevista dal d.lgs. 33/2013.",
      en: "The 'Transparent administration' section required by Legislative Decree 33/2013.",
    },
  },
  OpenDati: {
    label: { it: "OpenDati", en: "OpenDati" },
    description: { it: "Pubblicazione dei dati aperti dell'ente.", en: "Publication of the body's open data." },
  },
  OpenUfficioStampa: {
    label: { it: "OpenUfficioStampa", en: "OpenUfficioStampa" },
    description: { it: "Comunicati e rassegna stampa dell'ente.", en: "The body's press releases and press review." },
  },
  OpenAgenda: {
    label: { it: "OpenAgenda", en: "OpenAgenda" },
    description: {
      it: "Il calendario degli eventi del territorio, alimentato anche dalle associazioni.",
      en: "The calendar of local events, fed by associations too.",
    },
  },
  SpaziComuni: {
    label: { it: "SpaziComuni", en: "SpaziComuni" },
    description: {
      it: "Prenotazione online delle sale e degli spazi pubblici.",
      en: "Online booking of public rooms and spaces.",
    },
  },
  OpenConsultazioni: {
    label: { it: "OpenConsultazioni", en: "OpenConsultazioni" },
    description: {
      it: "Consultazioni pubbliche per raccogliere il parere dei cittadini.",
      en: "Public consultations that gather citizens' opinions.",
    },
  },
  OpenSegnalazioni: {
    label: { it: "OpenSegnalazioni", en: "OpenSegnalazioni" },
    description: {
      it: "Segnalazioni dei cittadini su guasti e disservizi, con risposta dell'ente.",
      en: "Citizens' reports of faults and problems, answered by the body.",
    },
  },
};
