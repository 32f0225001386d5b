// The Syllabus "Competenze digitali per la PA" (Dipartimento della Funzione Pubblica): five areas,
// eleven competences, three levels. The training-needs template asks one question per competence
// with a row per level; webinars name the competences they teach ("1.1,3.2").
// Plain module: pages show the names too.
import type { LocalizedText } from "~/modules/kits/catalogue.ts";

export type SyllabusArea = { code: string; name: LocalizedText };
export type SyllabusCompetence = { code: string; area: string; name: LocalizedText };

export const SYLLABUS_AREAS: readonly SyllabusArea[] = [
  { code: "1", name: { it: "Dati, informazioni e documenti informatici", en: "Data, information and digital documents" } },
  { code: "2", name: { it: "Comunicazione e condivisione", en: "Communication and sharing" } },
  { code: "3", name: { it: "Sicurezza", en: "Security" } },
  { code: "4", name: { it: "Servizi on-line", en: "Online services" } },
  { code: "5", name: { it: "Trasformazione digitale", en: "Digital transformation" } },
];

export const SYLLABUS_COMPETENCES: readonly SyllabusCompetence[] = [
  { code: "1.1", area: "1", name: { it: "Gestire dati, informazioni e contenuti digitali", en: "Managing data, information and digital content" } },
  { code: "1.2", area: "1", name: { it: "Produrre, valutare e gestire documenti informatici", en: "Producing, assessing and managing digital documents" } },
  { code: "1.3", area: "1", name: { it: "Conoscere gli open data", en: "Knowing open data" } },
  { code: "2.1", area: "2", name: { it: "Comunicare e condividere all'interno dell'amministrazione", en: "Communicating and sharing within the administration" } },
  { code: "2.2", area: "2", name: { it: "Comunicare e condividere con cittadini, imprese ed altre PA", en: "Communicating and sharing with citizens, businesses and other administrations" } },
  { code: "3.1", area: "3", name: { it: "Proteggere i dispositivi", en: "Protecting devices" } },
  { code: "3.2", area: "3", name: { it: "Proteggere i dati personali e la privacy", en: "Protecting personal data and privacy" } },
  { code: "4.1", area: "4", name: { it: "Conoscere l'identità digitale", en: "Knowing digital identity" } },
  { code: "4.2", area: "4", name: { it: "Erogare servizi on-line", en: "Delivering online services" } },
  { code: "5.1", area: "5", name: { it: "Conoscere gli obiettivi della trasformazione digitale", en: "Knowing the goals of digital transformation" } },
  { code: "5.2", area: "5", name: { it: "Conoscere le tecnologie emergenti per la trasformazione digitale", en: "Knowing emerging technologies for digital transformation" } },
];

export const SYLLABUS_LEVELS: readonly LocalizedText[] = [
  { it: "Base", en: "Basic" },
  { it: "Intermedio", en: "Intermediate" },
  { it: "Avanzato", en: "Advanced" },
];

export function isCompetenceCode(value: string): boolean {
  return SYLLABUS_COMPETENCES.some((competence) => competence.code === value);
}

export function competence(code: string): SyllabusCompetence | undefined {
  return SYLLABUS_COMPETENCES.find((entry) => entry.code === code);
}

export function areaOf(code: string): SyllabusArea | undefined {
  return SYLLABUS_AREAS.find((area) => area.code === code.split(".")[0]);
}

/** "1.1, 3.2" or "1.1,3.2" → ["1.1", "3.2"], keeping only real codes. */
export function parseCompetences(value: string | null | undefined): string[] {
  return (value ?? "").split(/[,\s]+/).map((code) => code.trim()).filter(isCompetenceCode);
}
