// Form schemas for setting a password (reset, invitation, change): the rules plus confirmation.
import { z } from "zod";
import { passwordContainsEmail, passwordSchema } from "./password-rules.ts";

export function newPasswordSchema(email: string) {
  return z
    .object({ password: passwordSchema, confirmPassword: z.string({ required_error: "validation.required" }) })
    .superRefine((value, ctx) => {
      if (passwordContainsEmail(value.password, email)) {
        ctx.addIssue({ code: "custom", path: ["password"], message: "validation.passwordSameAsEmail" });
      }
      if (value.password !== value.confirmPassword) {
        ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "validation.passwordMismatch" });
      }
    });
}
