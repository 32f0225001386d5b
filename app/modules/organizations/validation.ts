// Input rules for an organization, shared by the admin form and the CSV import.
import { z } from "zod";
import { msg, optionalText, requiredText } from "~/lib/validation.ts";
import { ORGANIZATION_KINDS, parseOrganizationKind } from "./kinds.ts";

export const LIMITS = { name: 200, ipaCode: 40, contactName: 120, contactEmail: 254, contactPhone: 30 } as const;

// IPA codes (Indice dei domicili digitali della PA) are short ASCII codes such as "c_h612".
const IPA_CODE = /^[a-z0-9][a-z0-9_.-]*$/;
// An organization's tax code is 11 digits; a few bodies still use a 16-character one.
const TAX_CODE = /^(\d{11}|[A-Z0-9]{16})$/;
const PROVINCE = /^[A-Z]{2}$/;
const PHONE = /^\+?[0-9 ./()-]{6,29}$/;

const optionalPattern = (max: number, pattern: RegExp, key: string, normalise: (v: string) => string = (v) => v) =>
  optionalText(max)
    .transform((value) => (value === undefined ? undefined : normalise(value)))
    .refine((value) => value === undefined || pattern.test(value), key);

export const ipaCodeField = optionalPattern(LIMITS.ipaCode, IPA_CODE, "org:validation.ipaCode", (v) => v.toLowerCase());
// Longer inputs ("Trento") get the format message, which says what to write instead.
export const provinceField = optionalPattern(40, PROVINCE, "org:validation.province", (v) => v.toUpperCase());
export const contactEmailField = optionalText(LIMITS.contactEmail)
  .refine((value) => value === undefined || z.string().email().safeParse(value).success, "validation.email")
  .transform((value) => value?.toLowerCase());

export const kindField = z
  .string({ required_error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .transform((value, ctx) => {
    const kind = (ORGANIZATION_KINDS as readonly string[]).includes(value) ? (value as (typeof ORGANIZATION_KINDS)[number]) : parseOrganizationKind(value);
    if (!kind) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: msg("org:validation.kind", { value: value.slice(0, 40) }) });
      return z.NEVER;
    }
    return kind;
  });

/** Fields of the admin form (parentId is an organization id chosen from a list). */
export const organizationFormSchema = z.object({
  name: requiredText(LIMITS.name),
  kind: kindField,
  parentId: optionalText(40),
  ipaCode: ipaCodeField,
  taxCode: optionalPattern(40, TAX_CODE, "org:validation.taxCode", (v) => v.toUpperCase()),
  province: provinceField,
  contactName: optionalText(LIMITS.contactName),
  contactEmail: contactEmailField,
  contactPhone: optionalPattern(LIMITS.contactPhone, PHONE, "org:validation.phone"),
});

export type OrganizationInput = z.output<typeof organizationFormSchema>;

/** One CSV row; parent_ipa_code names another organization (in the file or already stored). */
export const organizationCsvRowSchema = z.object({
  name: requiredText(LIMITS.name),
  kind: kindField,
  ipaCode: ipaCodeField,
  parentIpaCode: optionalPattern(LIMITS.ipaCode, IPA_CODE, "org:validation.ipaCode", (v) => v.toLowerCase()),
  province: provinceField,
  contactName: optionalText(LIMITS.contactName),
  contactEmail: contactEmailField,
});

export type OrganizationCsvRow = z.output<typeof organizationCsvRowSchema>;
