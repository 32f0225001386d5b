// A refused request that breaks a business rule ("you cannot disable yourself", "no seats
// left"). Carries an i18n key and values so routes can show it as a clear 4xx message.
export class RuleError extends Error {
  constructor(
    readonly key: string,
    readonly values: Record<string, string | number> = {},
    readonly status: 400 | 403 | 404 | 409 | 410 = 400,
    readonly field?: string,
  ) {
    super(key);
    this.name = "RuleError";
  }
}

export function isRuleError(error: unknown): error is RuleError {
  return error instanceof RuleError;
}
