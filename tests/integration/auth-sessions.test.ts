// Sign-in, sessions and their security properties, through the real route handlers.
import { db } from "~/lib/db.server.ts";
import { getCurrentSession } from "~/modules/auth/current-user.server.ts";
import { hashToken } from "~/modules/auth/tokens.server.ts";
import { hashPassword, verifyPassword } from "~/modules/auth/password.server.ts";
import * as login from "~/routes/login.tsx";
import * as logout from "~/routes/logout.tsx";
import * as account from "~/routes/account.tsx";
import * as sessionsPage from "~/routes/account.sessions.tsx";
import { createUser, sessionCookieFor, TEST_PASSWORD } from "../helpers/fixtures.ts";
import { call, cookiesFrom, formRequest, getRequest, testContext } from "../helpers/requests.ts";

const sessionCookie = (cookies: string) => cookies.split("; ").find((c) => c.startsWith("coop_session=")) ?? "";

async function signIn(email: string, password: string, options: { cookie?: string; ip?: string } = {}) {
  return call(login.action, formRequest("/login", { email, password, redirectTo: "/account" }, { cookie: options.cookie }), {}, testContext({ clientIp: options.ip ?? "10.0.0.1" }));
}

async function isSignedIn(cookie: string) {
  return (await getCurrentSession(getRequest("/", { cookie }))) !== null;
}

describe("signing in", () => {
  it("signs in with the right password, sets an HttpOnly SameSite=Lax cookie and goes where the user was headed", async () => {
    const user = await createUser();
    const response = await signIn(user.email.toUpperCase(), TEST_PASSWORD);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/account");
    const setCookie = response.headers.getSetCookie().find((c) => c.startsWith("coop_session="))!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const token = setCookie.split(";")[0].split("=")[1];
    // At least 128 random bits, and only the hash is stored.
    expect(Buffer.from(token, "base64url").length).toBeGreaterThanOrEqual(16);
    expect(await db.session.findUnique({ where: { id: token } })).toBeNull();
    expect(await db.session.findUnique({ where: { id: hashToken(token) } })).not.toBeNull();
    expect(await isSignedIn(cookiesFrom(response))).toBe(true);
  });

  it("gives the same answer for a wrong password and an unknown email, and keeps the email typed", async () => {
    const user = await createUser();
    const wrongPassword = await signIn(user.email, "not the password at all");
    const unknownEmail = await signIn("nobody@comune.example.it", "not the password at all", { ip: "10.0.0.2" });
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    const a = await wrongPassword.json();
    const b = await unknownEmail.json();
    expect(a.formError).toBe("auth:login.invalid");
    expect(b.formError).toBe(a.formError);
    expect(a.values.email).toBe(user.email);
    expect(a.values.password).toBeUndefined();
    expect(wrongPassword.headers.getSetCookie().some((c) => c.startsWith("coop_session="))).toBe(false);
  });

  it("runs a full password check even for unknown emails, so timing does not reveal accounts", async () => {
    const time = async (fn: () => Promise<unknown>) => {
      const started = performance.now();
      await fn();
      return performance.now() - started;
    };
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
    const hash = await hashPassword("some other password");
    await signIn("warmup@comune.example.it", "x", { ip: "10.0.1.1" });
    const oneCheck: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i++) {
      oneCheck.push(await time(() => verifyPassword(hash, "wrong password here")));
      unknown.push(await time(() => signIn(`ghost${i}@comune.example.it`, "wrong password here", { ip: `10.0.3.${i}` })));
    }
    // An unknown email must cost at least one argon2id verification, like a wrong password does.
    expect(median(unknown)).toBeGreaterThan(median(oneCheck) * 0.9);
  });

  it("refuses invalid input with field errors instead of failing", async () => {
    const response = await call(login.action, formRequest("/login", { email: "not-an-email", password: "" }));
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.fieldErrors.email).toEqual(["validation.email"]);
    expect(body.fieldErrors.password).toEqual(["validation.required"]);
    expect(body.values.email).toBe("not-an-email");
  });

  it("does not follow redirects to other sites after sign-in", async () => {
    const user = await createUser();
    const response = await call(login.action, formRequest("/login", { email: user.email, password: TEST_PASSWORD, redirectTo: "//evil.example/steal" }));
    expect(response.headers.get("Location")).toBe("/");
  });
});

describe("session security", () => {
  it("issues a new token at sign-in and ends the session the browser had before (no fixation)", async () => {
    const user = await createUser();
    const planted = await sessionCookieFor(user.id);
    const response = await signIn(user.email, TEST_PASSWORD, { cookie: planted });
    const fresh = sessionCookie(cookiesFrom(response));
    expect(fresh).not.toBe("");
    expect(fresh).not.toBe(planted);
    expect(await isSignedIn(planted)).toBe(false);
    expect(await isSignedIn(fresh)).toBe(true);
  });

  it("refuses an expired session and sends the user to sign in", async () => {
    const user = await createUser();
    const cookie = await sessionCookieFor(user.id);
    await db.session.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const response = await call(account.loader, getRequest("/account", { cookie }));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Faccount");
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("refuses a session past its absolute maximum even if recently used", async () => {
    const user = await createUser();
    const cookie = await sessionCookieFor(user.id);
    await db.session.updateMany({ where: { userId: user.id }, data: { absoluteExpiresAt: new Date(Date.now() - 1000) } });
    expect(await isSignedIn(cookie)).toBe(false);
  });

  it("slides the expiry forward when the session is used, never past the absolute maximum", async () => {
    const user = await createUser();
    const cookie = await sessionCookieFor(user.id);
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    const soon = new Date(Date.now() + 3_600_000);
    const cap = new Date(Date.now() + 10 * 86_400_000);
    await db.session.updateMany({ where: { userId: user.id }, data: { lastSeenAt: twoDaysAgo, expiresAt: soon, absoluteExpiresAt: cap } });
    expect(await isSignedIn(cookie)).toBe(true);
    const row = await db.session.findFirstOrThrow({ where: { userId: user.id } });
    expect(row.expiresAt.getTime()).toBe(cap.getTime());
  });

  it("revokes the session on the server at sign-out: the old cookie no longer works", async () => {
    const user = await createUser();
    const cookie = await sessionCookieFor(user.id);
    const response = await call(logout.action, formRequest("/logout", {}, { cookie }));
    expect(response.status).toBe(302);
    expect(response.headers.getSetCookie().some((c) => /coop_session=;.*Max-Age=0/.test(c))).toBe(true);
    expect(await isSignedIn(cookie)).toBe(false);
  });

  it("stops every session of a disabled account at once", async () => {
    const user = await createUser();
    const cookie = await sessionCookieFor(user.id);
    await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await isSignedIn(cookie)).toBe(false);
    const response = await signIn(user.email, TEST_PASSWORD);
    expect((await response.json()).formError).toBe("auth:login.disabled");
  });

  it("ignores cookies that are not well-formed tokens", async () => {
    expect(await isSignedIn("coop_session=' OR 1=1 --")).toBe(false);
    expect(await isSignedIn("coop_session=")).toBe(false);
  });

  it("lets a user see their sessions and end another one, but not someone else's", async () => {
    const user = await createUser();
    const other = await createUser();
    const current = await sessionCookieFor(user.id);
    const second = await sessionCookieFor(user.id);
    const stranger = await sessionCookieFor(other.id);
    const page = await (await call(sessionsPage.loader, getRequest("/account/sessions", { cookie: current }))).json();
    expect(page.sessions).toHaveLength(2);
    const target = page.sessions.find((s: { current: boolean }) => !s.current);
    const strangerHandle = (await db.session.findFirstOrThrow({ where: { userId: other.id } })).id.slice(0, 16);

    const refused = await call(sessionsPage.action, formRequest("/account/sessions", { handle: strangerHandle }, { cookie: current }));
    expect(refused.status).toBe(400);
    expect(await isSignedIn(stranger)).toBe(true);

    const ended = await call(sessionsPage.action, formRequest("/account/sessions", { handle: target.handle }, { cookie: current }));
    expect(ended.status).toBe(302);
    expect(await isSignedIn(second)).toBe(false);
    expect(await isSignedIn(current)).toBe(true);
  });
});

describe("rate limits", () => {
  it("refuses the 21st failed sign-in from one address within a minute with a localized 429 whose wait matches Retry-After", { timeout: 60_000 }, async () => {
    // The limits count in fixed one-minute windows: begin early in one, so that a slow machine does
    // not carry the 21st attempt into the next window (where it is the first, and allowed).
    const intoWindow = Date.now() % 60_000;
    if (intoWindow > 40_000) await new Promise((resolve) => setTimeout(resolve, 60_100 - intoWindow));
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await signIn(`probe${i}@comune.example.it`, "wrong password", { ip: "192.0.2.77" })).status);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
    const blocked = await signIn("probe@comune.example.it", "wrong password", { ip: "192.0.2.77" });
    const retryAfter = Number(blocked.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // The minutes shown are the seconds applied, rounded up: never a shorter wait than the real one.
    expect((await blocked.json()).formError).toBe(`auth:rateLimited?count=${Math.ceil(retryAfter / 60)}`);
  });

  it("lets a town hall's staff behind one address sign in 40 times in an hour, typos included", async () => {
    const staff = await Promise.all(Array.from({ length: 40 }, () => createUser()));
    const statuses: number[] = [];
    for (const [i, person] of staff.entries()) {
      // One in four mistypes the password first, as on any Monday morning.
      if (i % 4 === 0) expect((await signIn(person.email, "Piano-Triennale-2025", { ip: "203.0.113.10" })).status).toBe(401);
      statuses.push((await signIn(person.email, TEST_PASSWORD, { ip: "203.0.113.10" })).status);
    }
    expect(statuses).toEqual(Array(40).fill(302));
  });

  it("does not count one person's successful sign-ins against their account", async () => {
    const user = await createUser();
    for (let i = 0; i < 12; i++) expect((await signIn(user.email, TEST_PASSWORD, { ip: "203.0.113.11" })).status).toBe(302);
  });

  it("blocks guessing one account's password from many IPs, even with the right password", async () => {
    const user = await createUser();
    for (let i = 0; i < 5; i++) expect((await signIn(user.email, "wrong password", { ip: `198.51.100.${i}` })).status).toBe(401);
    const response = await signIn(user.email, TEST_PASSWORD, { ip: "198.51.100.200" });
    expect(response.status).toBe(429);
  });
});
