// Form rules for labs: the lab itself (admins), the cohort and people (tutors), sessions, the
// register, activities, submissions and reviews. Messages are i18n keys.
import { z } from "zod";
import { isCalendarDay, isClockTime, romeLocalInstant } from "~/lib/dates.ts";
import { msg, optionalText, requiredText } from "~/lib/validation.ts";

export const DEFAULT_QUIET_DAYS = 14;

const integer = (min: number, max: number) =>
  z.coerce
    .number({ invalid_type_error: "validation.number" })
    .int("validation.number")
    .min(min, msg("labs:validation.min", { min }))
    .max(max, msg("labs:validation.max", { max }));

const day = z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").refine(isCalendarDay, "validation.date");
const id = z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(40, "validation.invalid");

export const labFormSchema = z
  .object({
    title: requiredText(160),
    description: optionalText(20_000, { multiline: true }).transform((value) => value ?? ""),
    startDay: day,
    endDay: day,
    quietAfterDays: integer(1, 365).default(DEFAULT_QUIET_DAYS),
    status: z.enum(["OPEN", "CLOSED"], { errorMap: () => ({ message: "validation.invalid" }) }).default("OPEN"),
  })
  .superRefine((value, ctx) => {
    if (isCalendarDay(value.startDay) && isCalendarDay(value.endDay) && value.endDay < value.startDay) {
      ctx.addIssue({ code: "custom", path: ["endDay"], message: "labs:validation.endBeforeStart" });
    }
  });
export type LabInput = z.output<typeof labFormSchema>;

export const organizationFormSchema = z.object({ organizationId: id });
export const personFormSchema = z.object({ userId: id });

export const sessionFormSchema = z
  .object({
    title: requiredText(160),
    kind: z.enum(["ONLINE", "IN_PERSON"], { errorMap: () => ({ message: "validation.invalid" }) }),
    day,
    time: z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").refine(isClockTime, "labs:validation.time"),
    durationMinutes: integer(15, 600).default(120),
    place: optionalText(160),
    address: optionalText(240),
  })
  .superRefine((value, ctx) => {
    if (isCalendarDay(value.day) && isClockTime(value.time) && !romeLocalInstant(value.day, value.time)) {
      ctx.addIssue({ code: "custom", path: ["time"], message: msg("labs:validation.skippedTime", { time: value.time }) });
    }
    if (value.kind === "IN_PERSON" && !value.place) ctx.addIssue({ code: "custom", path: ["place"], message: "labs:validation.placeRequired" });
  });
export type SessionInput = z.output<typeof sessionFormSchema>;

export const activityFormSchema = z
  .object({
    title: requiredText(160),
    description: optionalText(20_000, { multiline: true }).transform((value) => value ?? ""),
    dueDay: day,
    dueTime: z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").refine(isClockTime, "labs:validation.time"),
  })
  .superRefine((value, ctx) => {
    if (isCalendarDay(value.dueDay) && isClockTime(value.dueTime) && !romeLocalInstant(value.dueDay, value.dueTime)) {
      ctx.addIssue({ code: "custom", path: ["dueTime"], message: msg("labs:validation.skippedTime", { time: value.dueTime }) });
    }
  });
export type ActivityInput = z.output<typeof activityFormSchema>;

export const SUBMISSION_TEXT_MAX = 20_000;
export const reviewFormSchema = z.object({ submissionId: id, comment: requiredText(5_000, { multiline: true }) });
