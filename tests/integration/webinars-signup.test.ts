// Self-registration for a public webinar opened to it: a visitor asks with name and email, the
// emailed link sets the password, creates the account, registers and signs in; the link works
// once; an existing address gets a "sign in instead" email and the page answers the same; a
// webinar not opened to it refuses.
import { db } from "~/lib/db.server.ts";
import * as detailPage from "~/routes/webinars.$slug._index.tsx";
import * as signupPage from "~/routes/webinars.$slug.signup.$token.tsx";
import { call, formRequest, getRequest } from "../helpers/requests.ts";
import { member, webinar as makeWebinar } from "./webinars-fixtures.ts";

const ask = (slug: string, fields: Record<string, string>) => call(detailPage.action, formRequest(`/webinars/${slug}`, { intent: "signup", ...fields }), { slug });
const PASSWORD = "Consiglio-Comunale-Aperto-2026";

it("a visitor signs up from the webinar's page, confirms by email and is registered and signed in; the link works once", async () => {
  const webinar = await makeWebinar({ title: "Aperto con registrazione", selfRegistration: true });
  const page = (await (await call(detailPage.loader, getRequest(`/webinars/${webinar.slug}`), { slug: webinar.slug })).json()) as { signupOpen: boolean };
  expect(page.signupOpen).toBe(true);
  expect((await ask(webinar.slug, { name: "", email: "non-valida" })).status).toBe(400);
  const response = await ask(webinar.slug, { name: "Giada Nuova", email: "Giada.Nuova@Comune.example.it" });
  expect(response.status).toBe(302);
  const email = await db.outboxEmail.findFirstOrThrow({ where: { toAddress: "giada.nuova@comune.example.it" } });
  expect(email.subject).toBe("Conferma l'iscrizione a Aperto con registrazione");
  const token = new RegExp(`/webinars/${webinar.slug}/signup/([A-Za-z0-9_-]+)`).exec(email.text)![1];
  const params = { slug: webinar.slug, token };
  expect((await call(signupPage.loader, getRequest(`/webinars/${webinar.slug}/signup/${token}`), params)).status).toBe(200);
  expect((await call(signupPage.action, formRequest(`/webinars/${webinar.slug}/signup/${token}`, { name: "Giada Nuova", password: "corta", confirmPassword: "corta" }), params)).status).toBe(400);
  const done = await call(signupPage.action, formRequest(`/webinars/${webinar.slug}/signup/${token}`, { name: "Giada Nuova", password: PASSWORD, confirmPassword: PASSWORD }), params);
  expect(done.status).toBe(302);
  expect(done.headers.get("Location")).toBe(`/webinars/${webinar.slug}`);
  expect(done.headers.getSetCookie().some((cookie) => cookie.includes("coop_session="))).toBe(true);
  const user = await db.user.findUniqueOrThrow({ where: { email: "giada.nuova@comune.example.it" } });
  expect(user).toMatchObject({ role: "MEMBER", organizationId: null, name: "Giada Nuova" });
  expect(await db.webinarRegistration.findFirstOrThrow({ where: { webinarId: webinar.id, userId: user.id } })).toMatchObject({ status: "REGISTERED" });
  expect(await db.outboxEmail.count({ where: { toAddress: user.email, subject: "Iscrizione confermata: Aperto con registrazione" } })).toBe(1);
  expect((await call(signupPage.loader, getRequest(`/webinars/${webinar.slug}/signup/${token}`), params)).status).toBe(410);
  expect((await call(signupPage.action, formRequest(`/webinars/${webinar.slug}/signup/${token}`, { name: "Altro", password: PASSWORD, confirmPassword: PASSWORD }), params)).status).toBe(410);
});

it("an address with an account gets a 'sign in instead' email; the page answers the same", async () => {
  const webinar = await makeWebinar({ title: "Già iscritta", selfRegistration: true });
  const existing = await member(null);
  expect((await ask(webinar.slug, { name: "Chiunque", email: existing.user.email })).status).toBe(302);
  const email = await db.outboxEmail.findFirstOrThrow({ where: { toAddress: existing.user.email } });
  expect(email.text).toContain("ha già un account");
  expect(await db.webinarSignup.count({ where: { email: existing.user.email } })).toBe(0);
});

it("refuses webinars not opened to self-registration, and unknown links", async () => {
  const closed = await makeWebinar({ title: "Senza registrazione" });
  expect((await ask(closed.slug, { name: "Mario", email: "mario.x@comune.example.it" })).status).toBe(404);
  const kits = await makeWebinar({ title: "Per kit", selfRegistration: true, kits: ["PLUS"] });
  expect((await ask(kits.slug, { name: "Mario", email: "mario.x@comune.example.it" })).status).toBe(404);
  expect((await call(signupPage.loader, getRequest(`/webinars/${closed.slug}/signup/unknownToken000000000000`), { slug: closed.slug, token: "unknownToken000000000000" })).status).toBe(404);
});
