// Ready-made surveys: the training-needs analysis mapped to the Syllabus (one question per
// competence, one row per level) and the satisfaction questionnaire sent after every webinar.
// Written in the author's language; once created they are ordinary surveys the builder edits.
import type { SurveyKind, SurveyQuestionType } from "~/generated/sqlite/enums.ts";
import { localized } from "~/modules/kits/catalogue.ts";
import { SYLLABUS_AREAS, SYLLABUS_COMPETENCES, SYLLABUS_LEVELS } from "./syllabus.ts";

export type TemplateQuestion = {
  type: SurveyQuestionType;
  text: string;
  help?: string;
  required?: boolean;
  options?: string[];
  labels?: string[];
  competence?: string;
};
export type TemplateSection = { title: string; description?: string; questions: TemplateQuestion[] };
export type SurveyTemplate = { kind: SurveyKind; title: string; description: string; anonymous: boolean; sections: TemplateSection[] };

export const TEMPLATES = ["TRAINING_NEEDS", "SATISFACTION"] as const;
export type TemplateName = (typeof TEMPLATES)[number];

const NEED_LABELS = {
  it: ["Nessun bisogno", "Bisogno basso", "Bisogno medio", "Bisogno alto", "Bisogno molto alto"],
  en: ["No need", "Low need", "Some need", "High need", "Very high need"],
};

const AGREEMENT_LABELS = {
  it: ["Per niente", "Poco", "Abbastanza", "Molto", "Moltissimo"],
  en: ["Not at all", "A little", "Somewhat", "Very", "Extremely"],
};

/** The five points of a Likert scale when a question names none. */
export function defaultLikertLabels(locale: string): string[] {
  return locale === "en" ? AGREEMENT_LABELS.en : AGREEMENT_LABELS.it;
}

export function trainingNeedsTemplate(locale: string): SurveyTemplate {
  const en = locale === "en";
  const levels = SYLLABUS_LEVELS.map((level) => localized(level, locale));
  return {
    kind: "TRAINING_NEEDS",
    title: en ? "Training-needs analysis (Syllabus)" : "Analisi dei bisogni formativi (Syllabus)",
    description: en
      ? "For each competence of the Syllabus for digital skills in public administration, say how much training you need at each level. Answers are anonymous."
      : "Per ogni competenza del Syllabus delle competenze digitali per la PA, indica quanto ti serve formazione a ciascun livello. Le risposte sono anonime.",
    anonymous: true,
    sections: [
      ...SYLLABUS_AREAS.map((area) => ({
        title: `${area.code}. ${localized(area.name, locale)}`,
        questions: SYLLABUS_COMPETENCES.filter((competence) => competence.area === area.code).map((competence) => ({
          type: "MATRIX" as const,
          text: `${competence.code} ${localized(competence.name, locale)}`,
          help: en ? "How much training do you need at each level?" : "Quanta formazione ti serve a ciascun livello?",
          required: true,
          options: levels,
          labels: en ? NEED_LABELS.en : NEED_LABELS.it,
          competence: competence.code,
        })),
      })),
      {
        title: en ? "Anything else" : "Altro",
        questions: [
          {
            type: "TEXT" as const,
            text: en ? "Other training needs not listed above" : "Altri bisogni formativi non elencati",
            help: en ? "Optional. Do not write names or other personal data." : "Facoltativa. Non scrivere nomi o altri dati personali.",
          },
        ],
      },
    ],
  };
}

export function satisfactionTemplate(locale: string, webinarTitle?: string): SurveyTemplate {
  const en = locale === "en";
  const labels = en ? AGREEMENT_LABELS.en : AGREEMENT_LABELS.it;
  return {
    kind: "SATISFACTION",
    title: en ? `Satisfaction questionnaire${webinarTitle ? `: ${webinarTitle}` : ""}` : `Questionario di gradimento${webinarTitle ? `: ${webinarTitle}` : ""}`,
    description: en
      ? "Two minutes to tell us how the webinar went: your answers are anonymous and help us improve."
      : "Due minuti per dirci com'è andato il webinar: le risposte sono anonime e ci aiutano a migliorare.",
    anonymous: true,
    sections: [
      {
        title: en ? "Your opinion" : "La tua opinione",
        questions: [
          { type: "LIKERT", text: en ? "Overall, how satisfied are you with the webinar?" : "Nel complesso, quanto sei soddisfatto del webinar?", required: true, labels },
          {
            type: "MATRIX",
            text: en ? "How satisfied are you with…" : "Quanto sei soddisfatto di…",
            required: true,
            options: en ? ["the contents", "the speakers", "the organisation", "the platform"] : ["i contenuti", "i relatori", "l'organizzazione", "la piattaforma"],
            labels,
          },
          {
            type: "SINGLE",
            text: en ? "Did the webinar meet your expectations?" : "Il webinar ha risposto alle tue aspettative?",
            required: true,
            options: en ? ["Yes", "Partly", "No"] : ["Sì", "In parte", "No"],
          },
          {
            type: "SCALE",
            text: en ? "How likely are you to recommend it to a colleague?" : "Quanto lo consiglieresti a un collega?",
            labels: en ? ["Not at all likely", "Extremely likely"] : ["Per niente", "Sicuramente"],
          },
          { type: "TEXT", text: en ? "Suggestions" : "Suggerimenti", help: en ? "Optional." : "Facoltativa." },
        ],
      },
    ],
  };
}

export function templateFor(name: TemplateName, locale: string): SurveyTemplate {
  return name === "TRAINING_NEEDS" ? trainingNeedsTemplate(locale) : satisfactionTemplate(locale);
}
