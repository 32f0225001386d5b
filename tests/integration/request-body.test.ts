/// <reference types="vite/client" />
// Every action reads its body through readForm: whatever arrives (JSON, XML, text, nothing, a
// broken multipart, a huge body), the answer is a 4xx the error page can show, never a 500.
// Route modules are found the way access-sweep.test.ts finds them, so a new action is covered.
import type { ActionFunctionArgs } from "@remix-run/node";
import { db } from "~/lib/db.server.ts";
import { FORM_MAX_BYTES, readForm, UPLOAD_ROUTES } from "~/lib/request-body.server.ts";
import * as feedback from "~/routes/feedback.tsx";
import * as login from "~/routes/login.tsx";
import { createUser, sessionCookieFor, TEST_PASSWORD } from "../helpers/fixtures.ts";
import { BASE_URL, call, testContext } from "../helpers/requests.ts";

type RouteModule = { action?: (args: ActionFunctionArgs) => unknown };
const modules = import.meta.glob<RouteModule>("../../app/routes/**/*.tsx", { eager: true });
const routeName = (file: string) => file.replace("../../app/routes/", "").replace(/\.tsx$/, "");
const actions = Object.entries(modules)
  .filter(([, module]) => module.action)
  .map(([file, module]) => ({ name: routeName(file), action: module.action! }));

const params = { id: "does-not-exist", userId: "does-not-exist", token: "does-not-exist-token-000000" };

type Body = { label: string; headers: Record<string, string>; body?: BodyInit; expected: number[] };
const BOUNDARY = "----coopBoundary7MA4YWxk";
const CORPUS: Body[] = [
  { label: "JSON", headers: { "Content-Type": "application/json" }, body: '{"email":"a@b.it","password":"x"}', expected: [415] },
  { label: "text/plain", headers: { "Content-Type": "text/plain" }, body: "email=a@b.it", expected: [415] },
  { label: "XML", headers: { "Content-Type": "application/xml" }, body: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>', expected: [415] },
  { label: "no body, no type", headers: {}, expected: [400] },
  { label: "body without a type", headers: {}, body: "email=a@b.it", expected: [415] },
  { label: "multipart without boundary", headers: { "Content-Type": "multipart/form-data" }, body: "email=a@b.it", expected: [400] },
  {
    label: "truncated multipart",
    headers: { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}` },
    body: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="email"\r\n\r\na@b.it\r\n--${BOUNDARY}\r\nContent-Disposition: form-da`,
    expected: [400],
  },
  {
    label: "multipart with a wrong boundary",
    headers: { "Content-Type": "multipart/form-data; boundary=other" },
    body: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="email"\r\n\r\na@b.it\r\n--${BOUNDARY}--\r\n`,
    expected: [400],
  },
  { label: "invalid urlencoded", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "%%%=%ZZ&&=\u0000&email=%E0%A4%A", expected: [400, 404, 409, 410, 422] },
  { label: "a non-numeric Content-Length", headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": "12abc" }, body: "a=1", expected: [400] },
  { label: "a declared length over the limit", headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(200 * 1024 * 1024) }, body: "a=1", expected: [413] },
];

function post(path: string, body: Body, cookie?: string) {
  const headers = new Headers(body.headers);
  if (cookie) headers.set("Cookie", cookie);
  return new Request(new URL(path, BASE_URL), { method: "POST", headers, body: body.body });
}

/** A chunked body (no Content-Length) that keeps coming: counts how much of it was read. */
function endlessBody(chunkBytes = 64 * 1024, maxBytes = 50 * 1024 * 1024) {
  let sent = 0;
  const chunk = new TextEncoder().encode("message=" + "a".repeat(chunkBytes - 8));
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= maxBytes) return controller.close();
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, sent: () => sent };
}

let adminId: string;
let managerId: string;
beforeAll(async () => {
  adminId = (await createUser({ role: "ADMIN" })).id;
  const organization = await db.organization.create({ data: { name: "Comune di Prova Corpi", kind: "MUNICIPALITY" } });
  managerId = (await createUser({ organizationId: organization.id, isOrganizationManager: true })).id;
});

it("finds the app's actions", () => {
  expect(actions.length).toBeGreaterThan(20);
});

describe.each(actions)("$name action", ({ name, action }) => {
  it.each(CORPUS.map((body) => [body.label, body]))("answers %s without a 500", async (_label, body) => {
    // As an administrator and as an organization's manager, so the body is reached (a visitor is
    // sent to sign in before it is read). A thrown error fails the test inside call().
    // Fresh sessions for every request: /logout ends the one it is sent with.
    for (const userId of [adminId, managerId]) {
      const cookie = await sessionCookieFor(userId);
      const response = await call(action as never, post(`/${name}`, body, cookie), params);
      expect(response.status, `${name}: ${body.label}`).toBeLessThan(500);
      // Actions that ignore their body (logout) or fall back (language) may redirect; nothing else may succeed.
      if (response.status < 400) expect(response.status, `${name}: ${body.label}`).toBe(302);
    }
  });
});

describe("the statuses a person sees", () => {
  it.each(CORPUS.map((body) => [body.label, body]))("POST /login with %s", async (_label, body) => {
    const response = await call(login.action, post("/login", body));
    expect(body.expected).toContain(response.status);
    if ([413, 415].includes(response.status) || body.label.includes("multipart")) {
      const payload = await response.json();
      expect(payload.reason).toMatch(/^requests:/);
    }
  });

  it("still signs in with an ordinary multipart form (what a browser sends with enctype=multipart/form-data)", async () => {
    const user = await createUser();
    const form = new FormData();
    form.set("email", user.email);
    form.set("password", TEST_PASSWORD);
    form.set("redirectTo", "/account");
    const response = await call(login.action, new Request(new URL("/login", BASE_URL), { method: "POST", body: form }), {}, testContext({ clientIp: "10.7.0.1" }));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/account");
  });

  it("refuses an anonymous chunked POST /feedback after reading at most the limit, and stores nothing", async () => {
    const before = await db.feedback.count();
    const endless = endlessBody();
    const request = new Request(new URL("/feedback", BASE_URL), {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: endless.stream,
      duplex: "half",
    } as RequestInit);
    const response = await call(feedback.action, request);
    expect(response.status).toBe(413);
    expect((await response.json()).reason).toBe("requests:tooLarge");
    // Read stops at the limit (the stream pulls a chunk or two ahead), not at 50 MB.
    expect(endless.sent()).toBeLessThan(FORM_MAX_BYTES + 4 * 64 * 1024);
    expect(await db.feedback.count()).toBe(before);
  });

  it("accepts a form just under the limit", async () => {
    const message = "a".repeat(4000);
    const body = new URLSearchParams({ message, pad: "b".repeat(FORM_MAX_BYTES - 6000) });
    const form = await readForm(new Request(new URL("/x", BASE_URL), { method: "POST", body }));
    expect(form.get("message")).toBe(message);
  });

  it.each([
    ["admin.invitations.import", "a file"],
    ["admin.organizations.import", "a file"],
    ["admin.invitations.import", "many fields"],
    ["admin.organizations.import", "many fields"],
  ])("stops reading a chunked upload to %s (%s) at its own limit, with a 413 page that says why", async (name, shape) => {
    const action = actions.find((a) => a.name === name)!.action;
    // A session of its own, as in the sweep above.
    const cookie = await sessionCookieFor((await createUser({ role: "ADMIN" })).id);
    let sent = 0;
    const encoder = new TextEncoder();
    const filler = "Comune di Prova,MUNICIPALITY\n".repeat(4096);
    let part = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > 50 * 1024 * 1024) {
          controller.enqueue(encoder.encode(`\r\n--${BOUNDARY}--\r\n`));
          return controller.close();
        }
        // Either one endless file part, or endless small fields (a parser that caps each part but
        // not their number would read them all).
        const chunk =
          shape === "a file"
            ? encoder.encode(part++ === 0 ? `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="enti.csv"\r\nContent-Type: text/csv\r\n\r\nnome,tipo\n${filler}` : filler)
            : encoder.encode(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="f${part++}"\r\n\r\n${filler}\r\n`);
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const request = new Request(new URL(`/${name.replaceAll(".", "/")}`, BASE_URL), {
      method: "POST",
      headers: { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}`, Cookie: cookie },
      body: stream,
      duplex: "half",
    } as RequestInit);
    const response = await call(action as never, request);
    expect(response.status).toBe(413);
    expect(JSON.stringify(await response.json())).toMatch(shape === "a file" ? /uploads:errors\.tooLarge/ : /uploads:errors\.(tooManyFields|tooLarge)/);
    // The upload parser drains a bounded tail of a refused body so the browser sees the page.
    expect(sent).toBeLessThan(16 * 1024 * 1024);
  });

  it("exempts only the upload routes from the small limit, each with its own", () => {
    expect([...UPLOAD_ROUTES].every((name) => actions.some((a) => a.name === name))).toBe(true);
  });
});
