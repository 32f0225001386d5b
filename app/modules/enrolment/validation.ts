// Form rules for enrolments: calendar days (YYYY-MM-DD, Italian time), seats, reasons, URLs.
import { z } from "zod";
import { CONTROL_CHARACTERS_MESSAGE, msg, noControls, optionalText, requiredText } from "~/lib/validation.ts";
import { KITS, MICRO_SERVICES } from "~/modules/kits/catalogue.ts";
import { isCalendarDay } from "~/lib/dates.ts";

export const MAX_SEATS = 100_000;

const day = z
  .string({ required_error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .refine(isCalendarDay, "validation.date");

const optionalDay = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined))
  .refine((value) => value === undefined || isCalendarDay(value), "validation.date");

const seats = z.coerce
  .number({ invalid_type_error: "validation.number" })
  .int("validation.number")
  .min(1, msg("org:validation.seatsMin", { min: 1 }))
  .max(MAX_SEATS, msg("org:validation.seatsMax", { max: MAX_SEATS }));

const kit = z.enum(KITS as [string, ...string[]], { errorMap: () => ({ message: "org:validation.kitRequired" }) });

const endAfterStart = (value: { startsOn: string; endsOn?: string }) => !value.endsOn || value.endsOn > value.startsOn;

export const enrolmentCreateSchema = z
  .object({ organizationId: requiredText(40), kit, startsOn: day, endsOn: optionalDay, seats })
  .refine(endAfterStart, { message: "org:validation.endBeforeStart", path: ["endsOn"] });

export const enrolmentUpdateSchema = z
  .object({ startsOn: day, endsOn: day, seats })
  .refine(endAfterStart, { message: "org:validation.endBeforeStart", path: ["endsOn"] });

export const enrolmentUpgradeSchema = z.object({ kit, endsOn: optionalDay, seats });

export const enrolmentCancelSchema = z.object({
  reason: z
    .string({ required_error: "org:validation.reasonRequired" })
    .trim()
    .min(3, "org:validation.reasonRequired")
    .max(500, msg("validation.tooLong", { max: 500 }))
    .refine((value) => noControls(value, { multiline: true }), CONTROL_CHARACTERS_MESSAGE),
});

export const serviceUpdateSchema = z
  .object({
    service: z.enum(MICRO_SERVICES as unknown as [string, ...string[]], { errorMap: () => ({ message: "validation.invalid" }) }),
    status: z.enum(["NOT_REQUESTED", "REQUESTED", "ACTIVE"], { errorMap: () => ({ message: "validation.invalid" }) }),
    url: optionalText(500).refine((value) => {
      if (value === undefined) return true;
      try {
        const url = new URL(value);
        return (url.protocol === "https:" || url.protocol === "http:") && url.hostname.includes(".");
      } catch {
        return false;
      }
    }, "validation.url"),
    note: optionalText(300),
  })
  // An active service is reached through its address: the pathway page links to it.
  .refine((value) => value.status !== "ACTIVE" || value.url, { message: "org:validation.urlRequiredWhenActive", path: ["url"] });

export type EnrolmentCreateInput = z.output<typeof enrolmentCreateSchema>;
export type EnrolmentUpdateInput = z.output<typeof enrolmentUpdateSchema>;
export type EnrolmentUpgradeInput = z.output<typeof enrolmentUpgradeSchema>;
export type ServiceUpdateInput = z.output<typeof serviceUpdateSchema>;
