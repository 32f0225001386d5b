// Zod schemas of the survey builder's forms (messages are i18n keys).
import { z } from "zod";
import type { Kit } from "~/generated/sqlite/enums.ts";
import { checkbox, optionalText, requiredText } from "~/lib/validation.ts";
import { isCompetenceCode } from "./syllabus.ts";

export const QUESTION_TYPES = ["SINGLE", "MULTIPLE", "LIKERT", "SCALE", "MATRIX", "TEXT"] as const;
export const AUDIENCES = ["KITS", "ORGANIZATIONS", "WEBINAR", "LAB"] as const;

const lineCount = (value: string | undefined) => (value ?? "").split("\n").map((line) => line.trim()).filter(Boolean).length;

export const questionSchema = z
  .object({
    type: z.enum(QUESTION_TYPES, { errorMap: () => ({ message: "validation.required" }) }),
    text: requiredText(500),
    help: optionalText(500),
    required: checkbox,
    options: optionalText(4000, { multiline: true }),
    labels: optionalText(1000, { multiline: true }),
    competence: z
      .string()
      .optional()
      .transform((value) => (value ? value : null))
      .refine((value) => value === null || isCompetenceCode(value), "surveys:builder.errors.competence"),
  })
  .superRefine((value, ctx) => {
    const options = lineCount(value.options);
    const labels = lineCount(value.labels);
    if ((value.type === "SINGLE" || value.type === "MULTIPLE") && options < 2) ctx.addIssue({ code: "custom", path: ["options"], message: "surveys:builder.errors.twoChoices" });
    if (value.type === "MATRIX" && options < 1) ctx.addIssue({ code: "custom", path: ["options"], message: "surveys:builder.errors.matrixRows" });
    if ((value.type === "LIKERT" || value.type === "MATRIX") && labels !== 0 && labels !== 5) ctx.addIssue({ code: "custom", path: ["labels"], message: "surveys:builder.errors.fiveLabels" });
    if (value.type === "SCALE" && labels !== 0 && labels !== 2) ctx.addIssue({ code: "custom", path: ["labels"], message: "surveys:builder.errors.twoLabels" });
  });

export const sectionSchema = z.object({ title: requiredText(200), description: optionalText(1000, { multiline: true }) });

export const settingsSchema = z.object({
  title: requiredText(200),
  description: optionalText(2000, { multiline: true }),
  anonymous: checkbox,
  audience: z.enum(AUDIENCES),
  opensAt: z.string().optional(),
  closesAt: z.string().optional(),
});

export const createSchema = z.object({
  template: z.enum(["BLANK", "TRAINING_NEEDS", "SATISFACTION"]),
  title: optionalText(200),
});

export const KITS_LIST: readonly Kit[] = ["BASIC", "INTERMEDIATE", "PLUS"];
