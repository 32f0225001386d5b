// Open redirects: every place that takes a target from the request (?redirectTo on /login, the
// redirectTo field of /login and /language, the page field of /feedback) must send the browser
// only to a page of this site, whatever a phisher puts in the target.
import { db } from "~/lib/db.server.ts";
import { safeRedirectPath } from "~/lib/http.server.ts";
import * as feedback from "~/routes/feedback.tsx";
import * as language from "~/routes/language.tsx";
import * as login from "~/routes/login.tsx";
import { createUser, sessionCookieFor, TEST_PASSWORD } from "../helpers/fixtures.ts";
import { BASE_URL, call, formRequest, getRequest, testContext } from "../helpers/requests.ts";

// What people try against redirect parameters: browsers drop tabs and newlines and read "\" as "/".
const HOSTILE = [
  "/\t/evil.example/phish",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "/\r\nSet-Cookie: stolen=1",
  "//evil.example",
  "///evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "/\\/evil.example",
  "\\/evil.example",
  "/.//evil.example",
  "/./../..//evil.example",
  "/%2e%2e//evil.example",
  "/%09/evil.example",
  "/%2F%2Fevil.example",
  "/%5Cevil.example",
  "/%0d%0aSet-Cookie:%20stolen=1",
  "https://evil.example",
  "http:evil.example",
  "HTTPS://evil.example/",
  "javascript:alert(document.cookie)",
  " javascript:alert(1)",
  "\u0000/evil",
  " //evil.example",
  "/\u3000/evil.example",
  "/\u2028//evil.example",
  "/\ufeff/evil.example",
  "／／evil.example",
  "/città/ü?q=€#§",
  "/\ud800",
  "/" + "a".repeat(20_000),
  "/login?redirectTo=" + "%2F".repeat(5000),
  "data:text/html,<script>alert(1)</script>",
  "evil.example",
  "",
];

/** What a browser does with a Location header: it must stay on this site and be plain ASCII. */
function expectSafeLocation(location: string | null) {
  expect(location).not.toBeNull();
  expect(location!, "only visible ASCII: no CR/LF/tab, nothing outside Latin-1").toMatch(/^[\x21-\x7e]+$/);
  expect(location!.startsWith("/") && !location!.startsWith("//")).toBe(true);
  expect(new URL(location!, BASE_URL).origin).toBe(new URL(BASE_URL).origin);
}

describe("safeRedirectPath", () => {
  it.each(HOSTILE.map((target) => [JSON.stringify(target).slice(0, 60), target]))("keeps %s on this site", (_label, target) => {
    const path = safeRedirectPath(target, "/fallback");
    expectSafeLocation(path);
  });

  it("keeps ordinary targets as they are, with their query and fragment", () => {
    expect(safeRedirectPath("/admin/users?q=rossi&page=2")).toBe("/admin/users?q=rossi&page=2");
    expect(safeRedirectPath("/pathway#webinar")).toBe("/pathway#webinar");
    expect(safeRedirectPath("/feedback?page=%2Faccessibility")).toBe("/feedback?page=%2Faccessibility");
  });

  it("percent-encodes characters outside ASCII instead of refusing the page", () => {
    expect(safeRedirectPath("/città")).toBe("/citt%C3%A0");
  });

  it("refuses what leads elsewhere, with the fallback", () => {
    for (const target of ["/\t/evil.example", "//evil.example", "/\\evil.example", "/.//evil.example", "javascript:alert(1)", "https://evil.example"]) {
      expect(safeRedirectPath(target, "/fallback")).toBe("/fallback");
    }
  });
});

describe("every redirect target in the app", () => {
  it("GET /login?redirectTo=… when already signed in", async () => {
    const user = await createUser();
    const cookie = await sessionCookieFor(user.id);
    for (const target of HOSTILE) {
      const response = await call(login.loader, getRequest(`/login?${new URLSearchParams({ redirectTo: target })}`, { cookie }));
      expect(response.status).toBe(302);
      expectSafeLocation(response.headers.get("Location"));
    }
  });

  it("POST /login with a hostile redirectTo still signs in (the cookie is set) and stays on the site", async () => {
    const user = await createUser();
    let n = 0;
    for (const target of HOSTILE) {
      const response = await call(
        login.action,
        formRequest("/login", { email: user.email, password: TEST_PASSWORD, redirectTo: target }),
        {},
        testContext({ clientIp: `10.9.${Math.floor(n / 200)}.${n++ % 200}` }),
      );
      expect(response.status).toBe(302);
      expectSafeLocation(response.headers.get("Location"));
      expect(response.headers.getSetCookie().some((c) => c.startsWith("coop_session="))).toBe(true);
    }
  });

  it("POST /language with a hostile redirectTo", async () => {
    for (const target of HOSTILE) {
      for (const locale of ["en", "xx"]) {
        const response = await call(language.action, formRequest("/language", { locale, redirectTo: target }));
        expect(response.status).toBe(302);
        expectSafeLocation(response.headers.get("Location"));
      }
    }
  });

  it("POST /feedback with a hostile page: stored and answered with a redirect on the site, never stored then failed", async () => {
    const before = await db.feedback.count();
    let stored = 0;
    for (const target of HOSTILE) {
      const response = await call(feedback.action, formRequest("/feedback", { message: "La pagina non si carica.", page: target }));
      if (response.status === 400) {
        // Too long, or with control characters: the form comes back with the page field marked.
        expect(Object.keys((await response.json()).fieldErrors)).toEqual(["page"]);
        continue;
      }
      stored++;
      expect(response.status).toBe(302);
      expectSafeLocation(response.headers.get("Location"));
    }
    expect(await db.feedback.count()).toBe(before + stored);
    expect(stored).toBeGreaterThan(HOSTILE.length / 2);
  });

  it("GET /feedback?page=… offers only a page of this site as the page commented on", async () => {
    for (const target of HOSTILE) {
      const response = await call(feedback.loader, getRequest(`/feedback?${new URLSearchParams({ page: target })}`));
      const { page } = await response.json();
      if (page !== "") expectSafeLocation(page);
    }
  });
});
