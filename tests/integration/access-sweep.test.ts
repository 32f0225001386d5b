/// <reference types="vite/client" />
// Deny by default, checked across every route: a visitor and a plain member are turned away from
// every page and action that is not meant for them, whatever the parameters. A new route is
// covered automatically; making one public means adding it to PUBLIC below, on purpose.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { createUser, sessionCookieFor } from "../helpers/fixtures.ts";
import { call, formRequest, getRequest } from "../helpers/requests.ts";

type RouteModule = { loader?: (args: LoaderFunctionArgs) => unknown; action?: (args: ActionFunctionArgs) => unknown };
const modules = import.meta.glob<RouteModule>("../../app/routes/**/*.tsx", { eager: true });

// Open to visitors (they answer without a session).
const PUBLIC = new Set([
  "_index", "login", "logout", "language", "forgot-password", "reset-password.$token", "accessibility", "feedback", "invitations.$token",
  "privacy", "legal",
]);
// Open to every signed-in user, whatever their role and enrolments.
const SIGNED_IN = new Set(["account", "account._index", "account.password", "account.sessions", "pathway"]);

const routeName = (file: string) => file.replace("../../app/routes/", "").replace(/\.tsx$/, "").replace(/\/route$/, "");
const params = { id: "does-not-exist", userId: "does-not-exist", token: "does-not-exist-token-000000" };

const routes = Object.entries(modules)
  .map(([file, module]) => ({ name: routeName(file), module }))
  .filter(({ module }) => module.loader || module.action);

function requestFor(kind: "loader" | "action", path: string, cookie?: string) {
  return kind === "loader" ? getRequest(path, { cookie }) : formRequest(path, { intent: "probe" }, { cookie });
}

const cases = routes.flatMap(({ name, module }) =>
  (["loader", "action"] as const).filter((kind) => module[kind]).map((kind) => ({ name, kind, fn: module[kind]! })),
);

it("finds the app's routes", () => {
  expect(cases.length).toBeGreaterThan(30);
});

describe.each(cases.filter((c) => !PUBLIC.has(c.name)))("$name $kind", ({ name, kind, fn }) => {
  it("sends a visitor to sign in", async () => {
    const response = await call(fn as never, requestFor(kind, `/${name}`));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(/^\/login/);
  });

  if (!SIGNED_IN.has(name)) {
    it("refuses a plain member without an organization with 403", async () => {
      const member = await createUser();
      const response = await call(fn as never, requestFor(kind, `/${name}`, await sessionCookieFor(member.id)), params);
      expect(response.status).toBe(403);
    });
  }
});
