import { passwordSchema } from "~/modules/auth/password-rules.ts";
import { safeEqual } from "~/modules/auth/tokens.server.ts";

const errorsOf = (password: string) => {
  const result = passwordSchema.safeParse(password);
  return result.success ? [] : result.error.issues.map((issue) => issue.message.split("?")[0]);
};

describe("password rules", () => {
  it("accepts long passphrases", () => {
    expect(errorsOf("Piano-Triennale-2026")).toEqual([]);
    expect(errorsOf("la mia bicicletta rossa")).toEqual([]);
  });

  it("says only that the field is required when it is empty", () => {
    expect(errorsOf("")).toEqual(["validation.required"]);
  });

  it("asks for 12 to 128 characters", () => {
    expect(errorsOf("Corto-1")).toContain("validation.passwordTooShort");
    expect(errorsOf("a".repeat(129))).toContain("validation.passwordTooLong");
  });

  it.each(["password1234", "qwertyuiopas", "123456789012", "ciaociaociao", "Juventus1897!!", "Password2024!", "aaaaaaaaaaaa", "abcdefghijklm"])(
    "refuses the common or trivial %s",
    (password) => {
      expect(errorsOf(password)).toContain("validation.passwordCommon");
    },
  );
});

describe("constant-time comparison", () => {
  it("compares equal strings as equal and different ones, of any length, as different", () => {
    expect(safeEqual("abc", "abc")).toBe(true);
    expect(safeEqual("abc", "abd")).toBe(false);
    expect(safeEqual("abc", "abcd")).toBe(false);
  });
});
