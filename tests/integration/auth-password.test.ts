// Forgotten password over real SMTP, change password, and the password rules.
import { db } from "~/lib/db.server.ts";
import { resetEnvCache } from "~/lib/env.server.ts";
import { runDueJobs } from "~/lib/jobs/runner.server.ts";
import { getCurrentSession } from "~/modules/auth/current-user.server.ts";
import { requestPasswordReset } from "~/modules/auth/password-reset.server.ts";
import * as forgot from "~/routes/forgot-password.tsx";
import * as reset from "~/routes/reset-password.$token.tsx";
import * as login from "~/routes/login.tsx";
import * as changePassword from "~/routes/account.password.tsx";
import { createUser, sessionCookieFor, TEST_PASSWORD } from "../helpers/fixtures.ts";
import { call, formRequest, getRequest, testContext } from "../helpers/requests.ts";
import { startSmtpCapture, type SmtpCapture } from "../helpers/smtp.ts";

const NEW_PASSWORD = "Bilancio-Partecipato-2027";
let smtp: SmtpCapture;

beforeAll(async () => {
  smtp = await startSmtpCapture();
  process.env.SMTP_URL = smtp.url;
  resetEnvCache();
});
afterAll(async () => {
  await smtp.stop();
  delete process.env.SMTP_URL;
  resetEnvCache();
});

// The reset job queues the email's own job: run until nothing is left.
async function runAllJobs() {
  while ((await runDueJobs()).claimed > 0);
}

const isSignedIn = async (cookie: string) => (await getCurrentSession(getRequest("/", { cookie }))) !== null;

async function requestReset(email: string, ip = "10.1.0.1") {
  return call(forgot.action, formRequest("/forgot-password", { email }), {}, testContext({ clientIp: ip }));
}

async function emailedResetLink(to: string) {
  await runAllJobs();
  const message = await smtp.waitForMessage((m) => m.to !== undefined && JSON.stringify(m.to).includes(to));
  const link = /https?:\/\/[^\s"<>]+\/reset-password\/[A-Za-z0-9_-]+/.exec(message.text ?? "")?.[0];
  expect(link, "the plain-text part carries the link").toBeTruthy();
  expect(message.html).toContain(link!);
  return { message, token: link!.split("/").pop()!, path: new URL(link!).pathname };
}

describe("forgotten password", () => {
  it("emails a link over SMTP that sets a new password once, signs out everywhere, and then stops working", async () => {
    const user = await createUser({ locale: "it" });
    const oldSession = await sessionCookieFor(user.id);

    const response = await requestReset(user.email);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ sent: true });

    const { message, token, path } = await emailedResetLink(user.email);
    expect(message.subject).toMatch(/password/i);
    expect(await db.passwordResetToken.count({ where: { tokenHash: token } })).toBe(0);

    const page = await call(reset.loader, getRequest(path), { token });
    expect(page.status).toBe(200);
    expect((await page.json()).email).toBe(user.email);

    const weak = await call(reset.action, formRequest(path, { password: "password2024!", confirmPassword: "password2024!" }), { token });
    expect(weak.status).toBe(400);
    expect((await weak.json()).fieldErrors.password).toEqual(["validation.passwordCommon"]);

    const mismatch = await call(reset.action, formRequest(path, { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD + "x" }), { token });
    expect((await mismatch.json()).fieldErrors.confirmPassword).toEqual(["validation.passwordMismatch"]);

    const done = await call(reset.action, formRequest(path, { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }), { token });
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe("/login");
    expect(await isSignedIn(oldSession)).toBe(false);

    const signIn = await call(login.action, formRequest("/login", { email: user.email, password: NEW_PASSWORD }));
    expect(signIn.status).toBe(302);
    const oldPassword = await call(login.action, formRequest("/login", { email: user.email, password: TEST_PASSWORD }), {}, testContext({ clientIp: "10.1.0.9" }));
    expect(oldPassword.status).toBe(401);

    // Single use: the same link now says it is no longer valid, and cannot be replayed.
    expect((await call(reset.loader, getRequest(path), { token })).status).toBe(410);
    const replay = await call(reset.action, formRequest(path, { password: "Another-Long-Passphrase-9", confirmPassword: "Another-Long-Passphrase-9" }), { token });
    expect(replay.status).toBe(410);

    // And the account owner is told their password changed.
    await runAllJobs();
    await smtp.waitForMessage((m) => JSON.stringify(m.to).includes(user.email) && m !== message);
  });

  it("answers the same for unknown and known emails, and sends nothing for unknown ones", async () => {
    const before = smtp.messages.length;
    const unknown = await requestReset("nessuno@comune.example.it", "10.1.1.1");
    expect(unknown.status).toBe(200);
    expect(await unknown.json()).toEqual({ sent: true });
    await runAllJobs();
    expect(smtp.messages.length).toBe(before);
    expect(await db.outboxEmail.count({ where: { toAddress: "nessuno@comune.example.it" } })).toBe(0);
  });

  it("takes as long for an unknown email as for a real account, so timing does not reveal accounts", async () => {
    const time = async (fn: () => Promise<unknown>) => {
      const started = performance.now();
      await fn();
      return performance.now() - started;
    };
    // The lower quartile is what the work costs; the upper half is mostly other processes on a shared machine.
    const lowerQuartile = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 4)];
    const people = await Promise.all(Array.from({ length: 25 }, () => createUser()));
    await requestReset("warmup@comune.example.it", "10.1.9.0");
    await requestReset(people[0].email, "10.1.9.0");
    const known: number[] = [];
    const unknown: number[] = [];
    // Interleaved, in alternating order, each from its own address so no limit is reached.
    for (let i = 1; i < people.length; i++) {
      const measureKnown = async () => known.push(await time(() => requestReset(people[i].email, `10.1.10.${i}`)));
      const measureUnknown = async () => unknown.push(await time(() => requestReset(`fantasma${i}@comune.example.it`, `10.1.11.${i}`)));
      if (i % 2) {
        await measureKnown();
        await measureUnknown();
      } else {
        await measureUnknown();
        await measureKnown();
      }
    }
    // Before the work was queued, a real account cost three times as long (token, email rendering, outbox).
    expect(lowerQuartile(known)).toBeLessThan(lowerQuartile(unknown) * 1.5 + 2);
    // The links are still sent, by the queued job.
    await runAllJobs();
    for (const person of people.slice(1)) expect(await db.passwordResetToken.count({ where: { userId: person.id } })).toBe(1);
  });

  it("expires a link after one hour", async () => {
    const user = await createUser();
    await requestReset(user.email, "10.1.2.1");
    const { token, path } = await emailedResetLink(user.email);
    await db.passwordResetToken.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await call(reset.loader, getRequest(path), { token })).status).toBe(410);
  });

  it("keeps only the newest link valid", async () => {
    const user = await createUser();
    await requestReset(user.email, "10.1.3.1");
    const first = await emailedResetLink(user.email);
    await requestReset(user.email, "10.1.3.1");
    await runAllJobs();
    const second = await smtp.waitForMessage((m) => JSON.stringify(m.to).includes(user.email) && m !== first.message);
    const secondToken = /\/reset-password\/([A-Za-z0-9_-]+)/.exec(second.text ?? "")![1];
    expect((await call(reset.loader, getRequest(first.path), { token: first.token })).status).toBe(410);
    expect((await call(reset.loader, getRequest(`/reset-password/${secondToken}`), { token: secondToken })).status).toBe(200);
  });

  it("rate-limits reset requests per account", async () => {
    const user = await createUser();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await requestReset(user.email, `10.1.4.${i}`)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it("does not lengthen the wait for someone who keeps asking while refused", async () => {
    const ask = (i: number, now: Date) => requestPasswordReset({ email: `persona${i}@comune.example.it`, ipAddress: "10.1.5.1", now });
    const start = new Date("2026-03-02T08:00:00Z");
    for (let i = 0; i < 6; i++) expect((await ask(i, start)).ok).toBe(true);
    const refused = await ask(6, new Date(start.getTime() + 10_000));
    expect(refused).toEqual({ ok: false, reason: "rateLimited", retryAfterSeconds: 50 });
    // Thirty more tries in the same minute, all refused...
    for (let i = 0; i < 30; i++) expect((await ask(7 + i, new Date(start.getTime() + 20_000))).ok).toBe(false);
    // ...and the wait that was shown is the wait applied: the hour's limit was not used up by them.
    expect((await ask(99, new Date(start.getTime() + 60_000))).ok).toBe(true);
  });
});

describe("changing the password", () => {
  it("needs the current password and keeps the typed fields on error", async () => {
    const user = await createUser();
    const cookie = await sessionCookieFor(user.id);
    const response = await call(
      changePassword.action,
      formRequest("/account/password", { currentPassword: "wrong", password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, endOtherSessions: "on" }, { cookie }),
    );
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.fieldErrors.currentPassword).toEqual(["auth:password.wrongCurrent"]);
    expect(body.values.endOtherSessions).toBe("on");
    expect(body.values.password).toBeUndefined();
  });

  it("changes it, ends the other sessions when asked, and keeps this one", async () => {
    const user = await createUser();
    const here = await sessionCookieFor(user.id);
    const elsewhere = await sessionCookieFor(user.id);
    const response = await call(
      changePassword.action,
      formRequest("/account/password", { currentPassword: TEST_PASSWORD, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, endOtherSessions: "on" }, { cookie: here }),
    );
    expect(response.status).toBe(302);
    expect(await isSignedIn(here)).toBe(true);
    expect(await isSignedIn(elsewhere)).toBe(false);
  });

  it("leaves other sessions alone when the box is unchecked", async () => {
    const user = await createUser();
    const here = await sessionCookieFor(user.id);
    const elsewhere = await sessionCookieFor(user.id);
    await call(changePassword.action, formRequest("/account/password", { currentPassword: TEST_PASSWORD, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, { cookie: here }));
    expect(await isSignedIn(elsewhere)).toBe(true);
  });
});
