// Form rules for webinars: the scheduling form (start typed as a Rome day and time, refused when
// the clocks skip it), cancellation, roles, registration.
import { z } from "zod";
import { checkbox, CONTROL_CHARACTERS_MESSAGE, emailField, msg, noControls, optionalText, requiredText } from "~/lib/validation.ts";
import { isCalendarDay, isClockTime, romeLocalInstant } from "~/lib/dates.ts";
import { KITS } from "~/modules/kits/catalogue.ts";

export const DEFAULT_DURATION = 90;
export const MAX_CAPACITY = 100_000;
export const AUDIENCES = ["PUBLIC", "KITS", "ORGANIZATIONS"] as const;
export const ROLE_KINDS = ["HOST", "SPEAKER", "SUPPORT"] as const;

const integer = (min: number, max: number) =>
  z.coerce
    .number({ invalid_type_error: "validation.number" })
    .int("validation.number")
    .min(min, msg("webinars:validation.min", { min }))
    .max(max, msg("webinars:validation.max", { max }));

/** A multi-value field (checkboxes, multiple select): always an array of non-empty strings. */
const many = <T extends z.ZodTypeAny>(item: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]).filter((entry) => entry !== ""))
    .pipe(z.array(item));

const kit = z.enum(KITS as unknown as [string, ...string[]], { errorMap: () => ({ message: "validation.invalid" }) });

export const webinarFormSchema = z
  .object({
    title: requiredText(160),
    description: requiredText(20_000, { multiline: true }),
    day: z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").refine(isCalendarDay, "validation.date"),
    time: z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").refine(isClockTime, "webinars:validation.time"),
    durationMinutes: integer(15, 600).default(DEFAULT_DURATION),
    capacity: z
      .string()
      .trim()
      .optional()
      .transform((value) => (value ? value : undefined))
      .pipe(integer(1, MAX_CAPACITY).optional()),
    audience: z.enum(AUDIENCES, { errorMap: () => ({ message: "validation.invalid" }) }),
    kits: many(kit),
    organizationIds: many(z.string().max(40)),
    pathwayKit: z
      .string()
      .optional()
      .transform((value) => (value ? value : undefined))
      .pipe(kit.optional()),
    topic: optionalText(80),
    competences: optionalText(120).refine((value) => !value || /^\d+\.\d+(\s*,\s*\d+\.\d+)*$/.test(value), "webinars:validation.competences"),
    joinOpensMinutesBefore: integer(0, 240).default(15),
    selfRegistration: checkbox,
  })
  .superRefine((value, ctx) => {
    if (isCalendarDay(value.day) && isClockTime(value.time) && !romeLocalInstant(value.day, value.time)) {
      ctx.addIssue({ code: "custom", path: ["time"], message: msg("webinars:validation.skippedTime", { time: value.time }) });
    }
    if (value.audience === "KITS" && value.kits.length === 0) ctx.addIssue({ code: "custom", path: ["kits"], message: "webinars:validation.kitsRequired" });
    if (value.audience === "ORGANIZATIONS" && value.organizationIds.length === 0) {
      ctx.addIssue({ code: "custom", path: ["organizationIds"], message: "webinars:validation.organizationsRequired" });
    }
    if (value.selfRegistration && value.audience !== "PUBLIC") {
      ctx.addIssue({ code: "custom", path: ["selfRegistration"], message: "webinars:validation.selfRegistrationPublic" });
    }
  })
  .transform((value) => ({ ...value, startsAt: romeLocalInstant(value.day, value.time) as Date }));

export type WebinarInput = z.output<typeof webinarFormSchema>;

export const cancelSchema = z.object({
  reason: z
    .string({ required_error: "webinars:validation.reasonRequired" })
    .trim()
    .min(3, "webinars:validation.reasonRequired")
    .max(500, msg("validation.tooLong", { max: 500 }))
    .refine((value) => noControls(value, { multiline: true }), CONTROL_CHARACTERS_MESSAGE),
});

export const roleSchema = z.object({
  email: emailField,
  role: z.enum(ROLE_KINDS, { errorMap: () => ({ message: "validation.invalid" }) }),
});

export const removeRoleSchema = z.object({
  userId: requiredText(40),
  role: z.enum(ROLE_KINDS, { errorMap: () => ({ message: "validation.invalid" }) }),
});

export const registerSchema = z.object({ question: optionalText(1000, { multiline: true }) });

export const materialTitleSchema = z.object({ title: optionalText(160) });

export const signupSchema = z.object({ name: requiredText(120), email: emailField });
