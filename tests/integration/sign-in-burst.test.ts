// A burst of parallel guesses meets the same limit as guesses one after another: the attempt is
// counted before the password is checked, not after (check-then-count let a burst of 20 all pass).
import { claimAttempt, type Limit } from "~/lib/rate-limit.server.ts";
import { signIn } from "~/modules/auth/sign-in.server.ts";
import { requestPasswordReset } from "~/modules/auth/password-reset.server.ts";
import { createUser, TEST_PASSWORD } from "../helpers/fixtures.ts";

describe("limits under parallel requests", () => {
  it("20 parallel wrong passwords for one account get 5 answers 'wrong password' and 15 'wait'", async () => {
    const user = await createUser();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => signIn({ email: user.email, password: `guess-${i}`, ipAddress: `10.0.0.${i}` })),
    );
    const reasons = results.map((result) => (result.ok ? "ok" : result.reason));
    expect(reasons.filter((reason) => reason === "invalid")).toHaveLength(5);
    expect(reasons.filter((reason) => reason === "rateLimited")).toHaveLength(15);
    // Blocked now, even with the right password: the guesser learns nothing.
    expect((await signIn({ email: user.email, password: TEST_PASSWORD, ipAddress: "10.0.1.1" })).ok).toBe(false);
  });

  it("colleagues signing in together from one office address are not counted as failures", async () => {
    // 15 at the same instant (below the address's 20 failures a minute, since each is counted
    // while its password is checked), then each given back once the password is right.
    const users = await Promise.all(Array.from({ length: 20 }, () => createUser()));
    const results = await Promise.all(users.slice(0, 15).map((user) => signIn({ email: user.email, password: TEST_PASSWORD, ipAddress: "192.0.2.7" })));
    expect(results.every((result) => result.ok)).toBe(true);
    // The office's budget of failures is untouched: 20 typos in the minute are still answered as typos.
    const typos = await Promise.all(users.map((user) => signIn({ email: user.email, password: "typo", ipAddress: "192.0.2.7" })));
    expect(typos.every((result) => !result.ok && result.reason === "invalid")).toBe(true);
  });

  it("a burst of reset requests for one address queues at most the hourly number", async () => {
    const user = await createUser();
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => requestPasswordReset({ email: user.email, ipAddress: `10.1.0.${i}` })),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(5);
  });

  it("a refused claim is given back, so the wait does not grow while someone keeps trying", async () => {
    const limit: Limit = { name: "burst-test", max: 2, windowSeconds: 60 };
    const now = new Date("2026-03-02T08:00:10Z");
    const checks = [{ limit, subject: "x" }];
    await claimAttempt(checks, now);
    await claimAttempt(checks, now);
    const refused = await Promise.all(Array.from({ length: 10 }, () => claimAttempt(checks, now)));
    expect(refused.every((claim) => !claim.allowed && claim.retryAfterSeconds === 50)).toBe(true);
    expect((await claimAttempt(checks, new Date(now.getTime() + 50_000))).allowed).toBe(true);
  });
});
