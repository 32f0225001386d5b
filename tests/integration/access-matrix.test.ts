/// <reference types="vite/client" />
// The route x actor matrix: every route's loader and action, called as each kind of actor, with
// the answer expected from the product rules (not from the code under test). Real records: the
// ids in URLs and form fields belong to real organizations, enrolments, invitations and accounts,
// including those of ANOTHER organization, so "a manager of org A acting on org B's invitation by
// id" is exercised, not only missing ids.
//
// HOW TO ADD A ROUTE (the test fails naming any route whose loader or action is missing here):
//   add one line to MATRIX below:  row("<route file name without .tsx>", "loader" | "action", "<8 outcomes>", input?)
//   - outcomes, one per actor in the column order of the header comment, separated by spaces:
//       200, 400, 403, 404, 409, 410 ... = that HTTP status
//       L   = a redirect to /login?redirectTo=... (signed-out visitor)
//       302 = any other redirect (e.g. the success redirect of an action)
//   - input (optional): { params: { id: "orgB" }, form: { intent: "resend", invitationId: "invitationB" } }
//       values that name a fixture (see FIXTURE NAMES) are replaced by that record's id.
//   An action row with no form posts an empty form: "valid but empty", which a permitted actor
//   should see refused with 400 (or 409 for a state conflict), never 500.
//   Several rows for the same route and kind are fine (e.g. own and foreign ids).
//
// Actors: visitor; member without organization; BASIC member; PLUS member (organization A);
// manager of organization A; manager of organization B ("another organization"); tutor; admin.
// One database per file; fixtures are created once and shared by every row. Actions get a fresh
// session per call, so an action that ends sessions (logout) cannot affect the next row.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/lib/db.server.ts";
import { createUser, sessionCookieFor } from "../helpers/fixtures.ts";
import { call, formRequest, getRequest } from "../helpers/requests.ts";

type RouteModule = { loader?: (args: LoaderFunctionArgs) => unknown; action?: (args: ActionFunctionArgs) => unknown };
const modules = import.meta.glob<RouteModule>("../../app/routes/**/*.{ts,tsx}", { eager: true });

const ACTORS = ["visitor", "noOrg", "basic", "plus", "managerA", "managerB", "tutor", "admin"] as const;
type ActorName = (typeof ACTORS)[number];
type Kind = "loader" | "action";
type Input = { params?: Record<string, string>; form?: Record<string, string> };
type Row = { route: string; kind: Kind; expected: string[]; input: Input; line: string };

function row(route: string, kind: Kind, outcomes: string, input: Input = {}): Row {
  const expected = outcomes.trim().split(/\s+/);
  if (expected.length !== ACTORS.length) throw new Error(`${route} ${kind}: ${expected.length} outcomes for ${ACTORS.length} actors`);
  return { route, kind, expected, input, line: `${route} ${kind}${Object.keys(input).length ? ` ${JSON.stringify(input)}` : ""}` };
}

// prettier-ignore
const MATRIX: Row[] = [
  //  route                              kind      visitor noOrg basic plus mgrA mgrB tutor admin  input
  // ---- public pages ---------------------------------------------------------------------------------
  row("_index",                          "loader", "200 200 200 200 200 200 200 200"),
  row("login",                           "loader", "200 302 302 302 302 302 302 302"),
  row("login",                           "action", "400 400 400 400 400 400 400 400"),
  row("logout",                          "loader", "302 302 302 302 302 302 302 302"),
  row("logout",                          "action", "302 302 302 302 302 302 302 302"),
  row("language",                        "loader", "302 302 302 302 302 302 302 302"),
  row("language",                        "action", "302 302 302 302 302 302 302 302"),
  row("feedback",                        "loader", "200 200 200 200 200 200 200 200"),
  // live event streams: an unknown stream is 404 for everyone (a real stream stays open: tests/integration/events-sse.test.ts)
  row("events.$stream",                  "loader", "404 404 404 404 404 404 404 404", { params: { stream: "no-such-stream" } }),
  row("privacy",                         "loader", "200 200 200 200 200 200 200 200"),
  row("legal",                           "loader", "200 200 200 200 200 200 200 200"),
  row("feedback",                        "action", "400 400 400 400 400 400 400 400"),
  row("forgot-password",                 "action", "400 400 400 400 400 400 400 400"),
  row("reset-password.$token",           "loader", "410 410 410 410 410 410 410 410", { params: { token: "unknownToken000000000000" } }),
  row("reset-password.$token",           "action", "410 410 410 410 410 410 410 410", { params: { token: "unknownToken000000000000" } }),
  row("invitations.$token",              "loader", "404 404 404 404 404 404 404 404", { params: { token: "unknownToken000000000000" } }),
  row("invitations.$token",              "action", "404 404 404 404 404 404 404 404", { params: { token: "unknownToken000000000000" } }),
  // ---- every signed-in user: own account, own pathway ---------------------------------------------
  row("account",                         "loader", "L 200 200 200 200 200 200 200"),
  row("account._index",                  "loader", "L 200 200 200 200 200 200 200"),
  row("account._index",                  "action", "L 400 400 400 400 400 400 400"),
  row("account.password",                "loader", "L 200 200 200 200 200 200 200"),
  row("account.password",                "action", "L 400 400 400 400 400 400 400"),
  row("account.sessions",                "loader", "L 200 200 200 200 200 200 200"),
  row("account.sessions",                "action", "L 400 400 400 400 400 400 400"),
  row("pathway",                         "loader", "L 200 200 200 200 200 200 200"),
  // ---- an organization's managers ---------------------------------------------------------------
  row("organization._index",             "loader", "L 403 403 403 200 200 403 403"),
  row("organization._index",             "action", "L 403 403 403 400 400 403 403"),
  // another organization's invitation, by id in a form field: only its own manager
  row("organization._index",             "action", "L 403 403 403 403 302 403 403", { form: { intent: "resend", invitationId: "invitationB" } }),
  row("organization._index",             "action", "L 403 403 403 403 403 403 403", { form: { intent: "revoke", invitationId: "staffInvitation" } }),
  // inviting into another organization (the address exists: an allowed inviter gets 409, nothing is sent)
  row("organization._index",             "action", "L 403 403 403 403 409 403 403", { form: { email: "taken@comune-b.example.it", name: "Già registrata", organizationId: "orgB" } }),
  row("organization.import",             "loader", "L 403 403 403 200 200 403 403"),
  row("organization.import",             "action", "L 403 403 403 400 400 403 403"),
  row("organization.import",             "action", "L 403 403 403 403 400 403 403", { form: { organizationId: "orgB" } }),
  // ---- staff: administration home, organizations and enrolments (tutors read) -------------------
  row("admin._index",                    "loader", "L 403 403 403 403 403 200 200"),
  row("admin.organizations._index",      "loader", "L 403 403 403 403 403 200 200"),
  row("admin.organizations.$id._index",  "loader", "L 403 403 403 403 403 200 200", { params: { id: "orgB" } }),
  row("admin.organizations.$id._index",  "loader", "L 403 403 403 403 403 404 404", { params: { id: "missing" } }),
  row("admin.organizations.new",         "loader", "L 403 403 403 403 403 403 200"),
  row("admin.organizations.new",         "action", "L 403 403 403 403 403 403 400"),
  row("admin.organizations.$id.edit",    "loader", "L 403 403 403 403 403 403 200", { params: { id: "orgB" } }),
  row("admin.organizations.$id.edit",    "action", "L 403 403 403 403 403 403 400", { params: { id: "orgB" } }),
  row("admin.organizations.$id.delete",  "loader", "L 403 403 403 403 403 403 200", { params: { id: "orgB" } }),
  // organization B has members and an enrolment: refused with the reason
  row("admin.organizations.$id.delete",  "action", "L 403 403 403 403 403 403 409", { params: { id: "orgB" } }),
  row("admin.organizations.import",      "loader", "L 403 403 403 403 403 403 200"),
  row("admin.organizations.import",      "action", "L 403 403 403 403 403 403 400"),
  row("admin.enrolments._index",         "loader", "L 403 403 403 403 403 200 200"),
  row("admin.enrolments.new",            "loader", "L 403 403 403 403 403 403 200"),
  row("admin.enrolments.new",            "action", "L 403 403 403 403 403 403 400"),
  row("admin.enrolments.$id._index",     "loader", "L 403 403 403 403 403 200 200", { params: { id: "enrolmentA" } }),
  row("admin.enrolments.$id._index",     "loader", "L 403 403 403 403 403 404 404", { params: { id: "missing" } }),
  // the tutor/admin boundary: tutors never change an enrolment or its micro-services
  row("admin.enrolments.$id._index",     "action", "L 403 403 403 403 403 403 400", { params: { id: "enrolmentA" } }),
  row("admin.enrolments.$id._index",     "action", "L 403 403 403 403 403 403 400", { params: { id: "enrolmentB" }, form: { intent: "service", service: "SITO", status: "ACTIVE", url: "notaurl" } }),
  row("admin.enrolments.$id._index",     "action", "L 403 403 403 403 403 403 400", { params: { id: "enrolmentB" }, form: { intent: "activate" } }),
  row("admin.enrolments.$id.cancel",     "loader", "L 403 403 403 403 403 403 200", { params: { id: "enrolmentB" } }),
  row("admin.enrolments.$id.cancel",     "action", "L 403 403 403 403 403 403 400", { params: { id: "enrolmentB" } }),
  row("admin.enrolments.$id.edit",       "loader", "L 403 403 403 403 403 403 200", { params: { id: "enrolmentB" } }),
  row("admin.enrolments.$id.edit",       "action", "L 403 403 403 403 403 403 400", { params: { id: "enrolmentB" } }),
  row("admin.enrolments.$id.upgrade",    "loader", "L 403 403 403 403 403 403 200", { params: { id: "enrolmentB" } }),
  row("admin.enrolments.$id.upgrade",    "action", "L 403 403 403 403 403 403 400", { params: { id: "enrolmentB" } }),
  // tutors read every enrolment, so a missing id is a 404 for them too (nothing is revealed)
  row("admin.enrolments.$id.upgrade",    "action", "L 403 403 403 403 403 404 404", { params: { id: "missing" } }),
  // ---- admins only: accounts, invitations, audit, feedback -----------------------------------------
  row("admin.users._index",              "loader", "L 403 403 403 403 403 403 200"),
  row("admin.users.new",                 "loader", "L 403 403 403 403 403 403 200"),
  row("admin.users.new",                 "action", "L 403 403 403 403 403 403 400"),
  row("admin.users.$userId",             "loader", "L 403 403 403 403 403 403 200", { params: { userId: "memberB" } }),
  row("admin.users.$userId",             "loader", "L 403 403 403 403 403 403 404", { params: { userId: "missing" } }),
  row("admin.users.$userId",             "action", "L 403 403 403 403 403 403 400", { params: { userId: "memberB" } }),
  // a member of another organization, by id: managers may not disable anyone (admins may not disable themselves: 409)
  row("admin.users.$userId",             "action", "L 403 403 403 403 403 403 409", { params: { userId: "admin" }, form: { intent: "disable" } }),
  row("admin.users.$userId",             "action", "L 403 403 403 403 403 403 400", { params: { userId: "memberB" }, form: { intent: "update" } }),
  row("admin.invitations._index",        "loader", "L 403 403 403 403 403 403 200"),
  row("admin.invitations._index",        "action", "L 403 403 403 403 403 403 400"),
  row("admin.invitations._index",        "action", "L 403 403 403 403 403 403 302", { form: { intent: "resend", invitationId: "invitationA" } }),
  row("admin.invitations.import",        "loader", "L 403 403 403 403 403 403 200"),
  row("admin.invitations.import",        "action", "L 403 403 403 403 403 403 400"),
  row("admin.audit",                     "loader", "L 403 403 403 403 403 403 200"),
  row("admin.feedback",                  "loader", "L 403 403 403 403 403 403 200"),
  row("admin.service-notice",            "loader", "L 403 403 403 403 403 403 200"),
  row("admin.service-notice",            "action", "L 403 403 403 403 403 403 400"),
  // ---- blog ----
  row("blog._index",                     "loader", "200 200 200 200 200 200 200 200"),
  row("blog.$slug",                      "loader", "200 200 200 200 200 200 200 200", { params: { slug: "matrice-pubblicato" } }),
  // a draft is not public, whoever asks (its editors use the preview)
  row("blog.$slug",                      "loader", "404 404 404 404 404 404 404 404", { params: { slug: "matrice-bozza" } }),
  row("blog.tag.$tag",                   "loader", "200 200 200 200 200 200 200 200", { params: { tag: "matrice" } }),
  row("blog.tag.$tag",                   "loader", "404 404 404 404 404 404 404 404", { params: { tag: "solo-bozze" } }),
  row("blog.author.$id",                 "loader", "200 200 200 200 200 200 200 200", { params: { id: "blogAuthor" } }),
  row("blog.author.$id",                 "loader", "404 404 404 404 404 404 404 404", { params: { id: "admin" } }),
  row("blog.rss[.]xml",                  "loader", "200 200 200 200 200 200 200 200"),
  row("blog.atom[.]xml",                 "loader", "200 200 200 200 200 200 200 200"),
  row("sitemap[.]xml",                   "loader", "200 200 200 200 200 200 200 200"),
  row("robots[.]txt",                    "loader", "200 200 200 200 200 200 200 200"),
  row("blog.images.$id.($width)",        "loader", "404 404 404 404 404 404 404 404", { params: { id: "missing" } }),
  row("blog.manage._index",              "loader", "L 403 403 403 403 403 200 200"),
  row("blog.manage.new",                 "loader", "L 403 403 403 403 403 200 200"),
  row("blog.manage.new",                 "action", "L 403 403 403 403 403 400 400"),
  row("blog.manage.images",              "loader", "L 403 403 403 403 403 200 200"),
  row("blog.manage.images",              "action", "L 403 403 403 403 403 400 400"),
  // the tutor's own post; an admin's draft (a tutor edits only their own); a missing id
  row("blog.manage.$id._index",          "loader", "L 403 403 403 403 403 200 200", { params: { id: "blogPublished" } }),
  row("blog.manage.$id._index",          "loader", "L 403 403 403 403 403 403 200", { params: { id: "blogDraft" } }),
  row("blog.manage.$id._index",          "loader", "L 403 403 403 403 403 404 404", { params: { id: "missing" } }),
  row("blog.manage.$id._index",          "action", "L 403 403 403 403 403 400 400", { params: { id: "blogPublished" } }),
  row("blog.manage.$id._index",          "action", "L 403 403 403 403 403 403 302", { params: { id: "blogDraft" }, form: { intent: "unpublish" } }),
  row("blog.manage.$id.preview",         "loader", "L 403 403 403 403 403 403 200", { params: { id: "blogDraft" } }),
  // newsletter: public subscription and token pages; staff send; admins see, export and erase subscribers
  row("blog.newsletter._index",          "action", "400 400 400 400 400 400 400 400"),
  row("blog.newsletter.confirm.$token",  "loader", "410 410 410 410 410 410 410 410", { params: { token: "unknownToken000000000000" } }),
  row("blog.newsletter.confirm.$token",  "action", "410 410 410 410 410 410 410 410", { params: { token: "unknownToken000000000000" } }),
  row("blog.newsletter.unsubscribe.$token", "loader", "404 404 404 404 404 404 404 404", { params: { token: "unknownToken000000000000" } }),
  row("blog.newsletter.unsubscribe.$token", "action", "404 404 404 404 404 404 404 404", { params: { token: "unknownToken000000000000" } }),
  row("blog.manage.newsletter",          "loader", "L 403 403 403 403 403 200 200"),
  row("blog.manage.newsletter",          "action", "L 403 403 403 403 403 400 400"),
  row("blog.manage.newsletter",          "action", "L 403 403 403 403 403 403 400", { form: { intent: "remove" } }),
  row("blog.manage.newsletter.export",   "loader", "L 403 403 403 403 403 403 200"),
];

// ---- fixtures ----------------------------------------------------------------------------------

const DAY = 24 * 3600 * 1000;
const ids = new Map<string, string>();
const users = new Map<ActorName, { id: string }>();

beforeAll(async () => {
  const now = Date.now();
  const enrol = (organizationId: string, kit: "BASIC" | "PLUS") =>
    db.enrolment.create({ data: { organizationId, kit, status: "ACTIVE", startsAt: new Date(now - 10 * DAY), endsAt: new Date(now + 100 * DAY), seats: 20 } });
  const orgA = await db.organization.create({ data: { name: "Comune A (matrice)", kind: "MUNICIPALITY" } });
  const orgB = await db.organization.create({ data: { name: "Comune B (matrice)", kind: "MUNICIPALITY" } });
  const orgBasic = await db.organization.create({ data: { name: "Comune Base (matrice)", kind: "MUNICIPALITY" } });
  const enrolmentA = await enrol(orgA.id, "PLUS");
  const enrolmentB = await enrol(orgB.id, "BASIC");
  await enrol(orgBasic.id, "BASIC");
  users.set("noOrg", await createUser());
  users.set("basic", await createUser({ organizationId: orgBasic.id }));
  users.set("plus", await createUser({ organizationId: orgA.id }));
  users.set("managerA", await createUser({ organizationId: orgA.id, isOrganizationManager: true }));
  users.set("managerB", await createUser({ organizationId: orgB.id, isOrganizationManager: true }));
  users.set("tutor", await createUser({ role: "TUTOR" }));
  users.set("admin", await createUser({ role: "ADMIN" }));
  const memberB = await createUser({ organizationId: orgB.id, email: "taken@comune-b.example.it" });
  const invite = (email: string, organizationId: string | null, role: "MEMBER" | "TUTOR" = "MEMBER") =>
    db.invitation.create({
      data: { email, role, organizationId, tokenHash: `matrix-${email}`, invitedById: users.get("admin")!.id, expiresAt: new Date(now + 5 * DAY), lastSentAt: new Date(now) },
    });
  const invitationA = await invite("invitata@comune-a.example.it", orgA.id);
  const invitationB = await invite("invitata@comune-b.example.it", orgB.id);
  const staffInvitation = await invite("tutor@fpa.example.it", null, "TUTOR");
  // FIXTURE NAMES usable in a row's params and form fields:
  for (const [name, id] of Object.entries({
    orgA: orgA.id, orgB: orgB.id, enrolmentA: enrolmentA.id, enrolmentB: enrolmentB.id, memberB: memberB.id,
    invitationA: invitationA.id, invitationB: invitationB.id, staffInvitation: staffInvitation.id, admin: users.get("admin")!.id,
  })) ids.set(name, id);
});

// ---- blog fixtures: a tutor's published post (tag "matrice"), an admin's draft (tag "solo-bozze") ----
beforeAll(async () => {
  const tutorId = users.get("tutor")!.id;
  const adminId = users.get("admin")!.id;
  const tag = await db.blogTag.create({ data: { slug: "matrice", name: "Matrice" } });
  const draftTag = await db.blogTag.create({ data: { slug: "solo-bozze", name: "Solo bozze" } });
  const published = await db.blogPost.create({
    data: { slug: "matrice-pubblicato", title: "Pubblicato", body: "Testo.", status: "PUBLISHED", publishedAt: new Date(), authorId: tutorId, tags: { create: { tagId: tag.id } } },
  });
  const draft = await db.blogPost.create({ data: { slug: "matrice-bozza", title: "Bozza", body: "Testo.", authorId: adminId, tags: { create: { tagId: draftTag.id } } } });
  for (const [name, id] of Object.entries({ blogPublished: published.id, blogDraft: draft.id, blogAuthor: tutorId })) ids.set(name, id);
});

// ---- the runner --------------------------------------------------------------------------------

const routeName = (file: string) => file.replace("../../app/routes/", "").replace(/\.tsx?$/, "");
const routeModules = new Map(Object.entries(modules).map(([file, module]) => [routeName(file), module]));
const resolve = (values: Record<string, string> = {}) => Object.fromEntries(Object.entries(values).map(([key, value]) => [key, ids.get(value) ?? value]));

/** "/admin/enrolments/<id>/cancel" from "admin.enrolments.$id.cancel". */
function pathOf(route: string, params: Record<string, string>) {
  const segments = route.split(".").filter((segment) => segment !== "_index").map((segment) => (segment.startsWith("$") ? params[segment.slice(1)] ?? segment : segment));
  return `/${segments.join("/")}`;
}

async function outcome(row: Row, actor: ActorName): Promise<string> {
  const fn = routeModules.get(row.route)?.[row.kind];
  if (!fn) return "no such route";
  const user = users.get(actor);
  const cookie = user ? await sessionCookieFor(user.id) : undefined;
  const params = resolve(row.input.params);
  const path = pathOf(row.route, params);
  const request = row.kind === "loader" ? getRequest(path, { cookie }) : formRequest(path, resolve(row.input.form), { cookie });
  let response: Response;
  try {
    response = await call(fn as never, request, params);
  } catch (error) {
    return `threw ${error instanceof Error ? error.message : String(error)}`;
  }
  const location = response.headers.get("Location") ?? "";
  if (response.status === 302 && location.startsWith("/login")) return "L";
  return String(response.status);
}

it("every loader and action of every route has a row in the matrix", () => {
  const covered = new Set(MATRIX.map((r) => `${r.route} ${r.kind}`));
  const missing: string[] = [];
  for (const [name, module] of routeModules) {
    for (const kind of ["loader", "action"] as const) if (module[kind] && !covered.has(`${name} ${kind}`)) missing.push(`${name} ${kind}`);
  }
  expect(missing, "add these routes to MATRIX in tests/integration/access-matrix.test.ts").toEqual([]);
  const unknown = MATRIX.filter((r) => !routeModules.get(r.route)?.[r.kind]).map((r) => `${r.route} ${r.kind}`);
  expect(unknown, "rows for routes that do not exist").toEqual([]);
});

describe.each(MATRIX.map((r) => [r.line, r] as const))("%s", (_line, r) => {
  it(`answers ${r.expected.join(" ")}`, async () => {
    const actual: Record<string, string> = {};
    for (const actor of ACTORS) actual[actor] = await outcome(r, actor);
    expect(actual).toEqual(Object.fromEntries(ACTORS.map((actor, i) => [actor, r.expected[i]])));
  });
});
