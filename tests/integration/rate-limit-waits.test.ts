// The wait a refused person is told is the wait applied, and it reads naturally in both languages.
import { claimAttempt, type Limit } from "~/lib/rate-limit.server.ts";
import { i18nFor } from "~/lib/i18n/i18n.ts";
import { parseMessage } from "~/lib/validation.ts";

const perMinute: Limit = { name: "test-m", max: 3, windowSeconds: 60 };
const perHour: Limit = { name: "test-h", max: 5, windowSeconds: 3600 };

describe("rate-limit waits", () => {
  it("lets the person in again exactly when the wait it gave is over, however often they retried meanwhile", async () => {
    const checks = [
      { limit: perMinute, subject: "a" },
      { limit: perHour, subject: "a" },
    ];
    let now = new Date("2026-03-02T08:00:10Z");
    for (let i = 0; i < 3; i++) expect((await claimAttempt(checks, now)).allowed).toBe(true);
    const refused = await claimAttempt(checks, now);
    expect(refused).toMatchObject({ allowed: false, retryAfterSeconds: 50 });
    // Hammering while refused does not lengthen the wait (refused attempts are not counted).
    for (let i = 0; i < 20; i++) expect((await claimAttempt(checks, new Date(now.getTime() + i * 1000))).allowed).toBe(false);
    now = new Date(now.getTime() + refused.retryAfterSeconds * 1000);
    // Back in exactly then; two more failures fill the hour: the wait is now the rest of the hour.
    expect((await claimAttempt(checks, now)).allowed).toBe(true);
    expect((await claimAttempt(checks, now)).allowed).toBe(true);
    expect(await claimAttempt(checks, now)).toMatchObject({ allowed: false, retryAfterSeconds: 3600 - 60 });
  });

  it.each([
    ["it", 1, "riprova tra 1 minuto."],
    ["it", 2, "riprova tra 2 minuti."],
    ["en", 1, "try again in 1 minute."],
    ["en", 9, "try again in 9 minutes."],
  ] as const)("says the wait in %s with the right plural for %i", (locale, minutes, expected) => {
    const { key, values } = parseMessage(`auth:rateLimited?count=${minutes}`);
    expect(i18nFor(locale).t(key, values)).toContain(expected);
  });
});
