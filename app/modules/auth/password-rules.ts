// Password rules shared by every form that sets a password (NIST SP 800-63B style:
// length, not composition; refuse known and trivially guessable passwords).
import { z } from "zod";
import { msg } from "~/lib/validation.ts";
import { COMMON_PASSWORDS } from "./common-passwords.ts";

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

function isTrivial(password: string) {
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return true;
  // One character repeated, or a short unit repeated ("abcabcabcabc", "ciaociaociao").
  if (/^(.{1,4})\1+$/.test(lower)) return true;
  // A run of consecutive keys or digits.
  const sequences = ["0123456789012345678901234567890", "abcdefghijklmnopqrstuvwxyz", "qwertyuiopasdfghjklzxcvbnm", "qwertzuiopasdfghjklyxcvbnm"];
  if (sequences.some((seq) => seq.includes(lower) || [...seq].reverse().join("").includes(lower))) return true;
  // A common password followed by digits or symbols ("password2024!").
  const stem = lower.replace(/[\d\W_]+$/, "");
  return stem.length >= 4 && COMMON_PASSWORDS.has(stem);
}

/** One message at a time, the most useful first: empty, then length, then guessability. */
export const passwordSchema = z.string({ required_error: "validation.required" }).superRefine((value, ctx) => {
  const problem = !value
    ? "validation.required"
    : value.length < PASSWORD_MIN
      ? msg("validation.passwordTooShort", { min: PASSWORD_MIN })
      : value.length > PASSWORD_MAX
        ? msg("validation.passwordTooLong", { max: PASSWORD_MAX })
        : isTrivial(value)
          ? "validation.passwordCommon"
          : null;
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

export function passwordContainsEmail(password: string, email: string) {
  const local = email.split("@")[0]?.toLowerCase() ?? "";
  return local.length >= 4 && password.toLowerCase().includes(local);
}
